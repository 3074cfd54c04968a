using System;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Relationship;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    /// <summary>The relationship rules inside one evaluation: coverage, relationship type, key accounts, groups and losses.</summary>
    public class CustomerEvaluatorRelationshipTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

        // Absolute lines low enough that a steady monthly buyer is platinum.
        private static readonly CrmExtensionsSettings Settings = SettingsLoader.Load(
            @"{ ""valueMatrix"": { ""thresholds"": ""absolute"", ""currentValueThreshold"": 1000, ""growthPotentialThreshold"": 100 } }");

        private readonly CustomerEvaluator _evaluator = new CustomerEvaluator(Settings);

        private static PurchaseSummary Monthly(decimal amount, int months = 24, int lastDaysAgo = 10) =>
            new PurchaseSummaryBuilder(Settings).Build(Enumerable.Range(0, months).Select(m => new PurchaseLine(AsOf.AddDays(-lastDaysAgo - 30 * m), amount)), AsOf);

        private static CustomerFacts Account(PurchaseSummary purchases, params KnownContact[] contacts) =>
            new CustomerFacts { CustomerId = Guid.NewGuid(), AsOf = AsOf, Purchases = purchases, Contacts = contacts };

        private static KnownContact DecisionMakerInFinance() => new KnownContact(Guid.NewGuid(), ContactLayer.Decision, ContactFunction.Finance, AsOf.AddDays(-20));

        [Fact]
        public void A_platinum_account_nobody_decides_or_pays_at_has_named_reasons_and_a_meeting_to_arrange()
        {
            var assessment = _evaluator.Evaluate(Account(Monthly(2000m)));
            Assert.Equal(ValueTier.Platinum, assessment.Tier);
            Assert.Contains(assessment.Churn.Reasons, r => r.Code == ChurnReasonCode.NoDecisionContact);
            Assert.Contains(assessment.Churn.Reasons, r => r.Code == ChurnReasonCode.NoFinanceContact);
            var meeting = assessment.RetentionActions.Single(a => a.Kind == RetentionActionKind.MeetDecisionMaker);
            Assert.StartsWith("Meet the decision maker: No contact at the decision layer of this Platinum account", meeting.Subject);

            var covered = _evaluator.Evaluate(Account(Monthly(2000m), DecisionMakerInFinance()));
            Assert.DoesNotContain(covered.RetentionActions, a => a.Kind == RetentionActionKind.MeetDecisionMaker);
            // Evidence on the odds of a steady buyer's outlook: it raises the risk, if by less than a point here.
            Assert.True(assessment.Churn.Probability > covered.Churn.Probability, $"{assessment.Churn.Probability} vs {covered.Churn.Probability}");
            // Who we know is a warning, not a loss of value: the value and tier are the same.
            Assert.Equal(covered.Value.LifetimeProfit, assessment.Value.LifetimeProfit);
        }

        [Fact]
        public void A_contact_as_customer_has_no_coverage_rules()
        {
            var facts = Account(Monthly(2000m));
            facts.Contacts = null;
            var assessment = _evaluator.Evaluate(facts);
            Assert.Null(assessment.Coverage);
            Assert.DoesNotContain(assessment.Churn.Reasons, r => r.Code == ChurnReasonCode.NoDecisionContact);
        }

        [Fact]
        public void A_large_relationship_customer_is_a_key_account_a_transactional_one_gets_no_relationship_calls()
        {
            var r = _evaluator.Evaluate(Account(Monthly(2000m), DecisionMakerInFinance()));
            Assert.Equal(RelationshipType.Relationship, r.RelationshipType.Type);
            Assert.True(r.IsKeyAccount);
            Assert.Contains(r.RetentionActions, a => a.Kind == RetentionActionKind.FollowUpCall);

            var facts = Account(Monthly(2000m), DecisionMakerInFinance());
            facts.RelationshipTypeOverride = RelationshipType.Transactional;
            var t = _evaluator.Evaluate(facts);
            Assert.False(t.IsKeyAccount);
            Assert.DoesNotContain(t.RetentionActions, a => a.Kind == RetentionActionKind.FollowUpCall || a.Kind == RetentionActionKind.Visit);
            Assert.Contains(t.RetentionActions, a => a.Kind == RetentionActionKind.SatisfactionSurvey);
        }

        [Fact]
        public void A_parent_whose_subsidiaries_buy_is_treated_as_the_groups_tier()
        {
            var facts = Account(Monthly(20m), DecisionMakerInFinance());
            facts.GroupMembers = new[] { new GroupMember(Guid.NewGuid(), facts.CustomerId, "Subsidiary", 9000m, 900m, 30000m, 12, null) };
            var assessment = _evaluator.Evaluate(facts);
            Assert.Equal(ValueTier.Lead, assessment.Tier);
            Assert.Equal(ValueTier.Platinum, assessment.Group.Tier);
            Assert.Equal(ValueTier.Platinum, assessment.RelationshipTier);
            Assert.Contains(assessment.RetentionActions, a => a.Kind == RetentionActionKind.Visit);

            // Between roll-ups the stored group tier is what the relationship work follows.
            var later = Account(Monthly(20m), DecisionMakerInFinance());
            later.StoredGroupTier = ValueTier.Gold;
            Assert.Equal(ValueTier.Gold, _evaluator.Evaluate(later).RelationshipTier);
            Assert.Null(_evaluator.Evaluate(later).Group);
        }

        [Fact]
        public void A_customer_silent_for_over_a_year_is_detected_lost_and_gets_no_recurring_work()
        {
            var assessment = _evaluator.Evaluate(Account(Monthly(2000m, 24, 420), DecisionMakerInFinance()));
            Assert.NotNull(assessment.Loss.Detected);
            Assert.DoesNotContain(assessment.RetentionActions, a => a.EveryDays.HasValue);
        }
    }
}
