using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Retention;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class RetentionPlanTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

        private static RetentionAction Due(string key, RetentionActionKind kind, int inDays) => new RetentionAction(key, kind, AsOf.AddDays(inDays), 90, kind + " " + key);

        private static RetentionPlan Plan(RetentionPlan from, params RetentionAction[] due) =>
            from.Next(due, "a Gold customer", a => "why " + a.Key, _ => null);

        [Fact]
        public void A_plan_keeps_an_open_activity_moves_it_and_gives_up_what_is_no_longer_due()
        {
            var first = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 10), Due("visit", RetentionActionKind.Visit, 30));
            var second = Plan(first, Due("call", RetentionActionKind.FollowUpCall, 20));

            Assert.Equal(first.Open["call"].Id, second.Open["call"].Id);
            var change = RetentionPlanChange.Between(first, second);
            Assert.Equal(new[] { first.Open["call"].Id }, change.ToMove.Select(a => a.Id));
            Assert.Equal(new[] { first.Open["visit"].Id }, change.ToCancel.Select(a => a.Id));
            Assert.Empty(change.ToCreate);
            Assert.Equal(1, second.Cancelled["visit"]);

            var third = Plan(second, Due("call", RetentionActionKind.FollowUpCall, 20), Due("visit", RetentionActionKind.Visit, 30));
            Assert.NotEqual(first.Open["visit"].Id, third.Open["visit"].Id); // the cancelled one's id is taken
            Assert.Equal(new[] { third.Open["visit"].Id }, RetentionPlanChange.Between(second, third).ToCreate.Select(a => a.Id));
        }

        [Fact]
        public void An_activity_a_user_completed_is_not_cancelled_and_the_next_cycle_gets_a_new_id()
        {
            var plan = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 10));
            var closed = plan.Open["call"].Id;
            var after = Plan(plan, Due("call", RetentionActionKind.FollowUpCall, 10));
            Assert.True(after.CloseByUser("call", closed, completed: true, when: AsOf));
            Assert.False(after.CloseByUser("call", closed, completed: true, when: AsOf)); // delivered twice: nothing more
            var next = Plan(after, Due("call", RetentionActionKind.FollowUpCall, 100));

            var change = RetentionPlanChange.Between(plan, next);
            Assert.Empty(change.ToCancel);
            Assert.Single(change.ToCreate);
            Assert.NotEqual(closed, next.Open["call"].Id);
            Assert.Equal(AsOf, next.LastCompleted[RetentionActionKind.FollowUpCall]);
        }

        [Fact]
        public void Activity_ids_are_stable_for_the_same_key_and_cycle()
        {
            var a = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 10));
            var b = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 12));
            Assert.Equal(a.Open["call"].Id, b.Open["call"].Id);
            Assert.Equal(RetentionPlan.ActivityId("call|first|0"), a.Open["call"].Id);
            var taken = new HashSet<Guid> { a.Open["call"].Id };
            var c = new RetentionPlan().Next(new[] { Due("call", RetentionActionKind.FollowUpCall, 10) }, null, _ => null, _ => null, taken.Contains);
            Assert.Equal(RetentionPlan.ActivityId("call|first|1"), c.Open["call"].Id);
        }

        private static ExistingActivity Activity(string key, ActivityState state, RetentionActionKind? kind = RetentionActionKind.FollowUpCall, DateTime? completedOn = null) =>
            new ExistingActivity { Id = Guid.NewGuid(), Key = key, Kind = kind, State = state, Channel = ActivityChannel.PhoneCall, DueOn = AsOf.AddDays(7), CompletedOn = completedOn };

        [Fact]
        public void The_first_open_activity_of_a_key_is_the_plan_s_and_further_ones_are_duplicates()
        {
            var first = Activity("call", ActivityState.Open);
            var second = Activity("call", ActivityState.Open);

            var plan = RetentionPlan.FromActivities(null, new[] { first, second }, out var duplicates);

            Assert.Equal(first.Id, plan.Open["call"].Id);
            Assert.Equal(AsOf.AddDays(7), plan.Open["call"].DueOn);
            Assert.Equal(new[] { second.Id }, duplicates.Select(d => d.Id));
        }

        [Fact]
        public void Cancellations_are_counted_per_key_and_never_fewer_than_the_stored_plan_counted()
        {
            var stored = new RetentionPlan { Cancelled = new Dictionary<string, int> { ["call"] = 3, ["visit"] = 1 } };
            var found = new[] { "visit", "visit", "call" }.Select(k => Activity(k, ActivityState.Cancelled));

            var plan = RetentionPlan.FromActivities(stored, found, out _);

            Assert.Equal(3, plan.Cancelled["call"]);
            Assert.Equal(2, plan.Cancelled["visit"]);
            Assert.Empty(plan.Open);
        }

        [Fact]
        public void The_latest_completion_of_a_known_kind_is_kept_and_one_of_an_unknown_kind_is_ignored()
        {
            var found = new[]
            {
                Activity("call", ActivityState.Completed, completedOn: AsOf.AddDays(-40)),
                Activity("call", ActivityState.Completed, completedOn: AsOf.AddDays(-10)),
                Activity("call", ActivityState.Completed, completedOn: AsOf.AddDays(-20)),
                Activity("odd", ActivityState.Completed, kind: null, completedOn: AsOf),
            };

            var plan = RetentionPlan.FromActivities(null, found, out _);

            Assert.Equal(new Dictionary<RetentionActionKind, DateTime> { [RetentionActionKind.FollowUpCall] = AsOf.AddDays(-10) }, plan.LastCompleted);
        }

        [Fact]
        public void Activities_users_closed_stay_remembered_from_the_stored_plan()
        {
            var closed = Guid.NewGuid();
            var plan = RetentionPlan.FromActivities(new RetentionPlan { ClosedByUser = new List<Guid> { closed } }, Array.Empty<ExistingActivity>(), out _);
            Assert.Equal(new[] { closed }, plan.ClosedByUser);
        }
    }
}
