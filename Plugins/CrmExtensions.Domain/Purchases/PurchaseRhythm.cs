using System;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>
    /// How often a customer buys, counted from its own first purchase: repeat purchases, the days from first to last
    /// purchase and from first purchase to the evaluation date. These three are all the purchase model needs
    /// (recency, frequency and tenure), and the lifetime totals of the ledger carry them for any history length.
    /// </summary>
    public struct PurchaseRhythm
    {
        public PurchaseRhythm(int repeatPurchases, double activeDays, double tenureDays)
        {
            if (repeatPurchases < 0 || activeDays < 0 || tenureDays < activeDays)
                throw new DomainValidationException($"A purchase rhythm needs 0 <= active days ({activeDays}) <= tenure ({tenureDays}) and no negative repeat count ({repeatPurchases}).");
            RepeatPurchases = repeatPurchases;
            ActiveDays = activeDays;
            TenureDays = tenureDays;
        }

        /// <summary>Null for a customer without purchases.</summary>
        public static PurchaseRhythm? Of(PurchaseSummary purchases, DateTime asOf)
        {
            if (purchases == null || !purchases.HasPurchases) return null;
            var first = purchases.FirstPurchaseOn.Value;
            var last = purchases.LastPurchaseOn.Value;
            var tenure = Math.Max(0, (asOf - first).TotalDays);
            return new PurchaseRhythm(purchases.LifetimeOrders - 1, Math.Min(tenure, Math.Max(0, (last - first).TotalDays)), tenure);
        }

        /// <summary>Purchases after the first (x in the model).</summary>
        public int RepeatPurchases { get; }

        /// <summary>Days from the first to the last purchase (t_x).</summary>
        public double ActiveDays { get; }

        /// <summary>Days from the first purchase to the evaluation date (T).</summary>
        public double TenureDays { get; }

        public double DaysSinceLastPurchase => TenureDays - ActiveDays;

        /// <summary>The customer's own average days between purchases; null before the second purchase.</summary>
        public double? UsualIntervalDays => RepeatPurchases == 0 ? (double?)null : ActiveDays / RepeatPurchases;
    }
}
