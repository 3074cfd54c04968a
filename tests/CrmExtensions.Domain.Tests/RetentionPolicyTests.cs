using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Relationship;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class RetentionPolicyTests
    {
        private readonly RetentionPolicy _retention = new RetentionPolicy(Build.Settings.Retention, Build.Settings.Coverage);

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
        [InlineData(ValueTier.Platinum, RelationshipType.Relationship, Team, Team)]
        [InlineData(ValueTier.Gold, RelationshipType.Relationship, Team, Team)]
        [InlineData(ValueTier.Platinum, RelationshipType.Relationship, "", null)]
        [InlineData(ValueTier.Platinum, RelationshipType.Transactional, Team, null)]
        [InlineData(ValueTier.Platinum, null, Team, null)]
        [InlineData(ValueTier.Iron, RelationshipType.Relationship, Team, null)]
        public void Large_relationship_customers_are_key_accounts_whose_work_goes_to_the_key_account_team(ValueTier tier, RelationshipType? type, string configured, string expected)
        {
            var settings = Build.Settings;
            settings.Retention.KeyAccountTeamId = configured;
            var policy = new RetentionPolicy(settings.Retention, settings.Coverage);
            Assert.Equal(expected, policy.KeyAccountTeamFor(policy.IsKeyAccount(tier, type))?.ToString());
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
            Assert.Equal(365, new RetentionPolicy(Build.Settings.Retention, Build.Settings.Coverage).CompletionLookbackDays);
        }

        private static readonly Guid Customer = new Guid("0b7e8f00-1111-4c6f-9a55-000000000002");
        private static readonly RetentionPolicy Policy = new RetentionPolicy(Build.Settings.Retention, Build.Settings.Coverage);

        private static List<RetentionActionKind> Kinds(ValueTier tier, RetentionCircumstances circumstances, ChurnRiskBand risk = ChurnRiskBand.Low,
            LifecycleStage stage = LifecycleStage.Stability) =>
            Policy.DueActions(Customer, tier, stage, risk, Build.AsOf, null, circumstances).Select(a => a.Kind).OrderBy(k => k).ToList();

        [Theory]
        [InlineData(RelationshipType.Transactional)]
        [InlineData(RelationshipType.OneTime)]
        public void One_time_and_transactional_customers_get_no_relationship_building_calls(RelationshipType type)
        {
            Assert.Equal(new[] { RetentionActionKind.SatisfactionSurvey, RetentionActionKind.LoyaltyOffer },
                Kinds(ValueTier.Platinum, new RetentionCircumstances { RelationshipType = type }));
            Assert.Equal(new[] { RetentionActionKind.FollowUpCall, RetentionActionKind.Visit, RetentionActionKind.SatisfactionSurvey, RetentionActionKind.LoyaltyOffer },
                Kinds(ValueTier.Platinum, new RetentionCircumstances { RelationshipType = RelationshipType.Relationship }));
        }

        [Fact]
        public void A_coverage_gap_schedules_meeting_the_decision_maker_and_again_after_the_silence_allowed()
        {
            var gap = new RetentionCircumstances { CoverageGap = "No contact at the decision layer of this Gold account" };
            var meeting = Policy.DueActions(Customer, ValueTier.Gold, LifecycleStage.Stability, ChurnRiskBand.Low, Build.AsOf, null, gap)
                .Single(a => a.Kind == RetentionActionKind.MeetDecisionMaker);
            Assert.Equal(Build.AsOf.AddDays(14), meeting.DueOn);
            Assert.Equal("Meet the decision maker: No contact at the decision layer of this Gold account", meeting.Subject);
            Assert.Equal(ActivityChannel.Task, meeting.Channel);
            var met = new Dictionary<RetentionActionKind, DateTime> { [RetentionActionKind.MeetDecisionMaker] = Build.AsOf.AddDays(-30) };
            Assert.Equal(Build.AsOf.AddDays(150), Policy.DueActions(Customer, ValueTier.Gold, LifecycleStage.Stability, ChurnRiskBand.Low, Build.AsOf, met, gap)
                .Single(a => a.Kind == RetentionActionKind.MeetDecisionMaker).DueOn);
            Assert.DoesNotContain(RetentionActionKind.MeetDecisionMaker, Kinds(ValueTier.Gold, RetentionCircumstances.None));
        }

        [Fact]
        public void A_lost_customer_gets_a_win_back_call_instead_of_recurring_work()
        {
            var lost = new CustomerLossRecord(Guid.NewGuid(), Build.AsOf.AddDays(-20), LossDetection.NoPurchase, LossCauseFamily.Competitor);
            var actions = Policy.DueActions(Customer, ValueTier.Gold, LifecycleStage.Decline, ChurnRiskBand.High, Build.AsOf, null,
                new RetentionCircumstances { OpenLoss = lost, CoverageGap = "gap" });
            var call = Assert.Single(actions);
            Assert.Equal(RetentionActionKind.WinBack, call.Kind);
            Assert.Equal("Win-back call: Gold customer lost on 2026-10-12 (Competitor cause suspected; record the cause)", call.Subject);
        }

        [Theory]
        [InlineData(LossCauseFamily.CustomerSide, null)]
        [InlineData(LossCauseFamily.OurSide, WinBackOutcome.Failed)]
        [InlineData(LossCauseFamily.OurSide, WinBackOutcome.NotPursued)]
        public void No_win_back_for_a_customer_that_left_for_its_own_reasons_or_one_given_up(LossCauseFamily family, WinBackOutcome? outcome)
        {
            var lost = new CustomerLossRecord(Guid.NewGuid(), Build.AsOf.AddDays(-20), LossDetection.ClosedByUser, family, null, outcome);
            Assert.Empty(Kinds(ValueTier.Platinum, new RetentionCircumstances { OpenLoss = lost }, ChurnRiskBand.High, LifecycleStage.Decline));
        }
    }
}
