using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Retention;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    /// <summary>RetentionPlan.FromActivities: the plan a full read finds in the activities.</summary>
    public class RetentionPlanFromActivitiesTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

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
