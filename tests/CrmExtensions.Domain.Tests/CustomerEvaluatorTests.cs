using System;
using System.Linq;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class CustomerEvaluatorTests
    {
        private readonly PurchaseSummaryBuilder _builder = new PurchaseSummaryBuilder(Build.Settings);
        private static readonly DateTime AsOf = Build.AsOf;

        [Fact]
        public void The_evaluator_combines_every_rule_for_a_valuable_steady_customer()
        {
            var id = Guid.NewGuid();
            var lines = Enumerable.Range(0, 24).Select(m => new PurchaseLine(AsOf.AddMonths(-m), 9000m, "family" + (m % 4))).ToList();
            var facts = new CustomerFacts
            {
                CustomerId = id,
                AsOf = AsOf,
                Purchases = _builder.Build(lines, AsOf),
                Surveys = new[] { new SurveyResponse(AsOf.AddDays(-20), 5m) },
                ReferralsMade = 2,
            };

            var result = new CustomerEvaluator(Build.Settings).Evaluate(facts);

            Assert.Equal(27000m, result.Value.CurrentValue); // 12 × 9,000 × 25%
            Assert.Equal(ValueTier.Platinum, result.Tier);
            Assert.Equal(InvestmentLevel.TopPriority, result.Policy.Investment);
            Assert.Equal("555", result.Rfm.Code);
            Assert.Equal(LifecycleStage.Stability, result.Lifecycle.Stage);
            Assert.Equal(0, result.Churn.Score);
            Assert.All(result.RetentionActions, a => Assert.StartsWith($"cx-retention:{id:N}:", a.Key));
            Assert.Equal(4, result.RetentionActions.Count);
        }

        [Fact]
        public void A_last_purchase_after_the_evaluation_date_is_rejected()
        {
            var purchases = new PurchaseSummary(AsOf, AsOf.AddDays(10), 1, new PeriodActivity[8], 1, 1m);
            var facts = new CustomerFacts { CustomerId = Guid.NewGuid(), AsOf = AsOf, Purchases = purchases };
            var error = Assert.Throws<DomainValidationException>(() => new CustomerEvaluator(Build.Settings).Evaluate(facts));
            Assert.Contains("after the evaluation date", error.Message);
        }
    }
}
