using System;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>
    /// Purchase value in the most recent periods against the customer's own average per period before them, counted
    /// from the period of its first purchase (never from periods before the customer existed). Without enough own
    /// history to compare like with like (at least as many earlier periods as recent ones) there is no trend.
    /// </summary>
    public struct ActivityTrend
    {
        private ActivityTrend(decimal recentPerPeriod, decimal baselinePerPeriod)
        {
            RecentPerPeriod = recentPerPeriod;
            BaselinePerPeriod = baselinePerPeriod;
        }

        public decimal RecentPerPeriod { get; }
        public decimal BaselinePerPeriod { get; }

        /// <summary>Relative change of recent vs baseline (-0.6 = fell 60 %); 0 without a baseline.</summary>
        public decimal Change => BaselinePerPeriod > 0 ? RecentPerPeriod / BaselinePerPeriod - 1m : 0m;

        public static ActivityTrend? Of(PurchaseSummary purchases, DateTime asOf, int periodMonths, int recentPeriods)
        {
            if (purchases == null || !purchases.HasPurchases || recentPeriods < 1) return null;
            var count = purchases.Periods.Count;
            var firstIndex = PurchasePeriods.IndexOf(purchases.FirstPurchaseOn.Value, asOf, periodMonths, count);
            var ownPeriods = firstIndex < 0 ? count : count - firstIndex;
            var baselinePeriods = ownPeriods - recentPeriods;
            if (baselinePeriods < recentPeriods) return null;
            var baseline = purchases.Before(recentPeriods, baselinePeriods).Revenue / baselinePeriods;
            if (baseline <= 0) return null;
            return new ActivityTrend(purchases.Recent(recentPeriods).Revenue / recentPeriods, baseline);
        }
    }
}
