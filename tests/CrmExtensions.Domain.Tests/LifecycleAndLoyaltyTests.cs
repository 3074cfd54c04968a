using System;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LifecycleAndLoyaltyTests
    {
        private readonly LifecycleClassifier _lifecycle = new LifecycleClassifier(Build.Settings);
        private readonly LoyaltyAssessor _loyalty = new LoyaltyAssessor(Build.Settings);
        private static readonly DateTime AsOf = Build.AsOf;

        [Fact]
        public void A_prospect_without_purchases_is_exploring()
        {
            var result = _lifecycle.Classify(PurchaseSummary.None(8), AsOf);
            Assert.Equal(LifecycleStage.Exploration, result.Stage);
            Assert.Null(result.Pattern);
        }

        [Fact]
        public void A_new_customer_is_exploring()
        {
            var purchases = Build.Quarters(new[] { 0m, 0m, 0m, 0m, 0m, 0m, 500m, 800m }, first: AsOf.AddMonths(-4), last: AsOf.AddDays(-5));
            Assert.Equal(LifecycleStage.Exploration, _lifecycle.Classify(purchases, AsOf).Stage);
        }

        [Fact]
        public void Rising_value_is_formation_and_a_steady_long_relationship_is_stability()
        {
            var rising = Build.Quarters(new[] { 0m, 0m, 500m, 500m, 900m, 1200m, 1500m, 2000m }, first: AsOf.AddMonths(-20), last: AsOf.AddDays(-5));
            Assert.Equal(LifecycleStage.Formation, _lifecycle.Classify(rising, AsOf).Stage);
            var steady = Build.Quarters(Build.Steady(1000m), first: AsOf.AddMonths(-36), last: AsOf.AddDays(-5));
            var result = _lifecycle.Classify(steady, AsOf);
            Assert.Equal(LifecycleStage.Stability, result.Stage);
            Assert.Equal(36, result.TenureMonths);
        }

        [Theory]
        [InlineData(4, LifecyclePattern.EarlyAbort)]
        [InlineData(12, LifecyclePattern.MidWay)]
        [InlineData(30, LifecyclePattern.EarlyExit)]
        [InlineData(60, LifecyclePattern.LongLasting)]
        public void Silence_is_decline_and_the_pattern_follows_how_long_it_lasted(int activeMonths, LifecyclePattern expected)
        {
            var last = AsOf.AddDays(-200);
            var purchases = Build.Quarters(new[] { 500m, 500m, 500m, 500m, 500m, 0m, 0m, 0m }, first: last.AddMonths(-activeMonths), last: last);
            var result = _lifecycle.Classify(purchases, AsOf);
            Assert.Equal(LifecycleStage.Decline, result.Stage);
            Assert.Equal(expected, result.Pattern);
        }

        [Fact]
        public void Falling_value_after_exploration_is_decline()
        {
            var falling = Build.Quarters(new[] { 3000m, 3000m, 3000m, 3000m, 1000m, 500m, 300m, 200m }, first: AsOf.AddMonths(-26), last: AsOf.AddDays(-20));
            Assert.Equal(LifecycleStage.Decline, _lifecycle.Classify(falling, AsOf).Stage);
        }

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
