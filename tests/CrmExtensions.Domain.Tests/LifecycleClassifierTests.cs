using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LifecycleClassifierTests
    {
        private readonly LifecycleClassifier _lifecycle = new LifecycleClassifier(Build.Settings, new PurchaseModel(Build.Settings.PurchaseModel));

        private static readonly DateTime AsOf = Build.AsOf;

        /// <summary>Purchases of 500 on the given days before the evaluation date.</summary>
        private static PurchaseSummary DaysAgo(params int[] days) =>
            new PurchaseSummaryBuilder(Build.Settings).Build(days.Select(d => new PurchaseLine(AsOf.AddDays(-d), 500m)), AsOf);

        [Fact]
        public void A_prospect_without_purchases_is_exploring()
        {
            var result = _lifecycle.Classify(PurchaseSummary.None(8), AsOf);
            Assert.Equal(LifecycleStage.Exploration, result.Stage);
            Assert.Null(result.Pattern);
        }

        [Theory]
        [InlineData(new[] { 20 }, LifecycleStage.Exploration)]                           // bought once, recently
        [InlineData(new[] { 60, 120 }, LifecycleStage.Exploration)]                      // repeat buyer of four months
        [InlineData(new[] { 10, 100, 200 }, LifecycleStage.Formation)]                   // repeat buyer, rhythm not yet established
        [InlineData(new[] { 5, 35, 65, 95, 125, 155, 185, 215, 245, 270 }, LifecycleStage.Stability)] // steady monthly rhythm
        [InlineData(new[] { 100, 130, 160, 190, 220, 250, 270 }, LifecycleStage.Decline)]    // silent for over two of its usual intervals
        public void Every_stage_is_reachable_on_a_nine_month_history(int[] days, LifecycleStage expected)
        {
            Assert.Equal(expected, _lifecycle.Classify(DaysAgo(days), AsOf).Stage);
        }

        [Fact]
        public void Silence_counts_against_the_customers_own_rhythm()
        {
            // 100 days of silence is decline for a monthly buyer but normal for one who buys every 90 days (the trend,
            // which quarterly buckets make coarse for such a customer, is switched off to look at the rhythm alone).
            var settings = SettingsLoader.Load(@"{ ""lifecycle"": { ""trendTolerance"": 0.99 } }");
            var lifecycle = new LifecycleClassifier(settings, new PurchaseModel(settings.PurchaseModel));
            Assert.Equal(LifecycleStage.Decline, lifecycle.Classify(DaysAgo(100, 130, 160, 190, 220), AsOf).Stage);
            Assert.Equal(LifecycleStage.Stability, lifecycle.Classify(DaysAgo(100, 190, 280, 370, 460), AsOf).Stage);
        }

        [Fact]
        public void A_steady_long_relationship_is_stable_and_rising_value_is_formation()
        {
            var steady = Build.Quarters(Build.Steady(1000m), first: AsOf.AddMonths(-36), last: AsOf.AddDays(-5));
            var result = _lifecycle.Classify(new PurchaseSummary(steady.FirstPurchaseOn, steady.LastPurchaseOn, 36, steady.Periods, 1, 1m), AsOf);
            Assert.Equal(LifecycleStage.Stability, result.Stage);
            Assert.Equal(36, result.TenureMonths);
            var rising = Build.Quarters(new[] { 500m, 500m, 500m, 500m, 900m, 1200m, 1500m, 2000m }, first: AsOf.AddMonths(-23), last: AsOf.AddDays(-5));
            Assert.Equal(LifecycleStage.Formation, _lifecycle.Classify(new PurchaseSummary(rising.FirstPurchaseOn, rising.LastPurchaseOn, 24, rising.Periods, 1, 1m), AsOf).Stage);
        }

        [Theory]
        [InlineData(4, LifecyclePattern.EarlyAbort)]
        [InlineData(12, LifecyclePattern.MidWay)]
        [InlineData(30, LifecyclePattern.EarlyExit)]
        [InlineData(60, LifecyclePattern.LongLasting)]
        public void Decline_pattern_follows_how_long_the_relationship_was_active(int activeMonths, LifecyclePattern expected)
        {
            // Ten purchases over the active months, then silence for more than two of its usual intervals.
            var last = AsOf.AddDays(-2.5 * activeMonths * 30.4 / 9);
            var purchases = new PurchaseSummary(last.AddMonths(-activeMonths), last, 10, new PeriodActivity[8], 1, 1m);
            var result = _lifecycle.Classify(purchases, AsOf);
            Assert.Equal(LifecycleStage.Decline, result.Stage);
            Assert.Equal(expected, result.Pattern);
        }

        [Fact]
        public void Falling_value_against_the_own_baseline_is_decline()
        {
            var falling = Build.Quarters(new[] { 3000m, 3000m, 3000m, 3000m, 1000m, 500m, 300m, 200m }, first: AsOf.AddMonths(-23), last: AsOf.AddDays(-20));
            Assert.Equal(LifecycleStage.Decline, _lifecycle.Classify(new PurchaseSummary(falling.FirstPurchaseOn, falling.LastPurchaseOn, 40, falling.Periods, 1, 1m), AsOf).Stage);
        }
    }
}
