using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class RetentionPolicyTests
    {
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
