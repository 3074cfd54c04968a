using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Tests
{
    /// <summary>Test data builders: quarters of purchases ending at the evaluation date.</summary>
    internal static class Build
    {
        public static readonly DateTime AsOf = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        public static CrmExtensionsSettings Settings => SettingsLoader.Load(null);

        /// <summary>Periods oldest → newest; each value is the quarter's revenue (one order each, profit 25%).</summary>
        public static PurchaseSummary Quarters(decimal[] revenuePerQuarter, DateTime? first = null, DateTime? last = null, int families = 1, decimal undiscounted = 1m)
        {
            var periods = revenuePerQuarter.Select(r => new PeriodActivity(r > 0 ? 1 : 0, r, r * 0.25m)).ToArray();
            var orders = periods.Sum(p => p.Orders);
            if (orders == 0) return PurchaseSummary.None(periods.Length);
            var firstIndex = Array.FindIndex(revenuePerQuarter, r => r > 0);
            var lastIndex = Array.FindLastIndex(revenuePerQuarter, r => r > 0);
            return new PurchaseSummary(
                first ?? AsOf.AddMonths(-3 * (periods.Length - 1 - firstIndex)).AddDays(-10),
                last ?? AsOf.AddMonths(-3 * (periods.Length - 1 - lastIndex)).AddDays(-10),
                orders, periods, families, undiscounted);
        }

        public static decimal[] Steady(decimal perQuarter, int quarters = 8) => Enumerable.Repeat(perQuarter, quarters).ToArray();
    }
}
