using System;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LoyaltyAssessorTests
    {
        private readonly LoyaltyAssessor _loyalty = new LoyaltyAssessor(Build.Settings);
        private static readonly DateTime AsOf = Build.AsOf;

        private static PurchaseSummary Loyal(int orders, int families, decimal undiscounted) =>
            new PurchaseSummary(AsOf.AddYears(-4), AsOf.AddDays(-3), orders, new PeriodActivity[8], families, undiscounted);

        [Fact]
        public void Indicators_are_computed_as_documented()
        {
            var surveys = new[] { new SurveyResponse(AsOf.AddDays(-60), 4m), new SurveyResponse(AsOf.AddDays(-10), 5m) };
            var result = _loyalty.Assess(Loyal(orders: 10, families: 3, undiscounted: 0.8m), surveys, referrals: 2, LifecycleStage.Stability);
            Assert.Equal(0.9m, result.Indicators.RepeatPurchaseRate);
            Assert.Equal(0.5m, result.Indicators.CrossPurchaseBreadth);
            Assert.Equal(0.8m, result.Indicators.PriceTolerance);
            Assert.Equal(0.9m, result.Indicators.Satisfaction);
            Assert.Equal(LoyaltyLevel.Emotional, result.Level);
        }

        [Theory]
        [InlineData(LifecycleStage.Exploration, LoyaltyLevel.Trust)]
        [InlineData(LifecycleStage.Formation, LoyaltyLevel.Behavioural)]
        [InlineData(LifecycleStage.Stability, LoyaltyLevel.Sustainable)]
        [InlineData(LifecycleStage.Decline, LoyaltyLevel.Behavioural)]
        public void The_stage_caps_the_loyalty_level(LifecycleStage stage, LoyaltyLevel expected)
        {
            var result = _loyalty.Assess(Loyal(orders: 20, families: 6, undiscounted: 1m), new[] { new SurveyResponse(AsOf, 5m) }, referrals: 5, stage);
            Assert.Equal(expected, result.Level);
        }

        [Fact]
        public void Dissatisfied_customers_have_no_loyalty_and_bad_scores_are_rejected()
        {
            var unhappy = _loyalty.Assess(Loyal(20, 6, 1m), new[] { new SurveyResponse(AsOf, 1m) }, 5, LifecycleStage.Stability);
            Assert.Equal(LoyaltyLevel.None, unhappy.Level);
            var error = Assert.Throws<DomainValidationException>(() => _loyalty.Assess(Loyal(1, 1, 1m), new[] { new SurveyResponse(AsOf, 7m) }, 0, LifecycleStage.Stability));
            Assert.Contains("outside 0–5", error.Message);
        }
    }
}
