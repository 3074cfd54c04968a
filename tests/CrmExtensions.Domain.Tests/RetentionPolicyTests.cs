using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class RetentionPolicyTests
    {
        private readonly RetentionPolicy _retention = new RetentionPolicy(Build.Settings.Retention);

        private static readonly DateTime AsOf = Build.AsOf;

        [Fact]
        public void Platinum_gets_the_full_cadence_and_high_risk_adds_a_win_back()
        {
            var id = Guid.NewGuid();
            var actions = _retention.DueActions(id, ValueTier.Platinum, LifecycleStage.Stability, ChurnRiskBand.High, AsOf);
            Assert.Equal(new[] { RetentionActionKind.FollowUpCall, RetentionActionKind.Visit, RetentionActionKind.SatisfactionSurvey, RetentionActionKind.LoyaltyOffer, RetentionActionKind.WinBack },
                actions.Select(a => a.Kind));
            var winBack = actions.Single(a => a.Kind == RetentionActionKind.WinBack);
            Assert.Equal(AsOf.AddDays(3), winBack.DueOn);
            Assert.Equal(ActivityChannel.PhoneCall, winBack.Channel);
            Assert.Equal(ActivityChannel.Task, actions.Single(a => a.Kind == RetentionActionKind.Visit).Channel);
        }

        [Fact]
        public void Next_due_date_follows_the_last_completed_action()
        {
            var last = new Dictionary<RetentionActionKind, DateTime> { [RetentionActionKind.FollowUpCall] = AsOf.AddDays(-10) };
            var call = _retention.DueActions(Guid.NewGuid(), ValueTier.Gold, LifecycleStage.Stability, ChurnRiskBand.Low, AsOf, last)
                .Single(a => a.Kind == RetentionActionKind.FollowUpCall);
            Assert.Equal(AsOf.AddDays(50), call.DueOn);
            Assert.Equal(60, call.EveryDays);
        }

        [Fact]
        public void Lead_customers_get_no_investment_only_a_planned_exit_when_declining()
        {
            var id = Guid.NewGuid();
            Assert.Empty(_retention.DueActions(id, ValueTier.Lead, LifecycleStage.Stability, ChurnRiskBand.High, AsOf));
            var exit = Assert.Single(_retention.DueActions(id, ValueTier.Lead, LifecycleStage.Decline, ChurnRiskBand.High, AsOf));
            Assert.Equal(RetentionActionKind.PlannedExit, exit.Kind);
        }

        [Property]
        public bool Keys_are_stable_across_re_evaluation(Guid customer, byte tier, byte stage, byte risk, ushort days)
        {
            if (customer == Guid.Empty) return true;
            var t = (ValueTier)(tier % 4 + 1);
            var s = (LifecycleStage)(stage % 4 + 1);
            var r = (ChurnRiskBand)(risk % 3 + 1);
            var first = _retention.DueActions(customer, t, s, r, AsOf);
            var again = _retention.DueActions(customer, t, s, r, AsOf.AddDays(days));
            return first.Select(a => a.Key).SequenceEqual(again.Select(a => a.Key))
                && first.All(a => a.Key == RetentionPolicy.KeyFor(customer, a.Kind))
                && first.Select(a => a.Key).Distinct().Count() == first.Count;
        }

        private const string Team = "5b8f3c1e-0d1a-4a9e-9f00-0000000000aa";

        [Theory]
        [InlineData(ValueTier.Platinum, Team, Team)]
        [InlineData(ValueTier.Platinum, "", null)]
        [InlineData(ValueTier.Gold, Team, null)]
        [InlineData(ValueTier.Lead, Team, null)]
        public void Only_platinum_work_goes_to_a_configured_key_account_team(ValueTier tier, string configured, string expected)
        {
            var settings = Build.Settings.Retention;
            settings.KeyAccountTeamId = configured;
            Assert.Equal(expected, new RetentionPolicy(settings).KeyAccountTeamFor(tier)?.ToString());
        }

        [Theory]
        [InlineData(30, "Scheduled by CrmExtensions for a Gold customer (KeepRelationshipHigh); repeats every 30 days.")]
        [InlineData(null, "Scheduled by CrmExtensions for a Gold customer (KeepRelationshipHigh); one-off.")]
        public void A_new_activity_says_why_it_exists_and_whether_it_repeats(int? everyDays, string expected)
        {
            var action = new RetentionAction("k", RetentionActionKind.FollowUpCall, Build.AsOf, everyDays, "Follow-up call");
            Assert.Equal(expected, RetentionPolicy.Describe(action, ValueTier.Gold, RetentionStrategy.KeepRelationshipHigh));
        }

        [Fact]
        public void The_plan_s_context_names_tier_stage_and_risk()
        {
            Assert.Equal("a Iron customer in Decline (churn risk High)", RetentionPolicy.Context(ValueTier.Iron, LifecycleStage.Decline, ChurnRiskBand.High));
        }

        [Fact]
        public void Completions_count_back_as_far_as_the_longest_cadence()
        {
            Assert.Equal(365, new RetentionPolicy(Build.Settings.Retention).CompletionLookbackDays);
        }
    }
}
