using System;
using System.Collections.Generic;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>
    /// A customer's purchases reduced to what every rule needs: the shape a FetchXML aggregate returns, so plugins
    /// never loop over order rows. Periods run oldest → newest and end with the period containing the evaluation date.
    /// </summary>
    public sealed class PurchaseSummary
    {
        public PurchaseSummary(DateTime? firstPurchaseOn, DateTime? lastPurchaseOn, int lifetimeOrders, IReadOnlyList<PeriodActivity> periods,
            int productFamiliesBought, decimal undiscountedRevenueShare)
        {
            if (lifetimeOrders < 0) throw new DomainValidationException("Lifetime order count must not be negative.");
            if (periods == null) throw new DomainValidationException("Purchase periods are required (an empty list means no purchases).");
            if (productFamiliesBought < 0) throw new DomainValidationException("Product family count must not be negative.");
            if (undiscountedRevenueShare < 0 || undiscountedRevenueShare > 1) throw new DomainValidationException("Undiscounted revenue share must be between 0 and 1.");
            if (firstPurchaseOn.HasValue != lastPurchaseOn.HasValue || firstPurchaseOn > lastPurchaseOn)
                throw new DomainValidationException("First and last purchase dates must both be present, first on or before last.");
            FirstPurchaseOn = firstPurchaseOn;
            LastPurchaseOn = lastPurchaseOn;
            LifetimeOrders = lifetimeOrders;
            Periods = periods;
            ProductFamiliesBought = productFamiliesBought;
            UndiscountedRevenueShare = undiscountedRevenueShare;
        }

        public static PurchaseSummary None(int periods) => new PurchaseSummary(null, null, 0, new PeriodActivity[periods], 0, 1m);

        public DateTime? FirstPurchaseOn { get; }
        public DateTime? LastPurchaseOn { get; }
        public int LifetimeOrders { get; }
        public IReadOnlyList<PeriodActivity> Periods { get; }
        public int ProductFamiliesBought { get; }
        /// <summary>Share of the list price paid: revenue ÷ (revenue + discounts), the price tolerance the loyalty and relationship rules read.</summary>
        public decimal UndiscountedRevenueShare { get; }
        public bool HasPurchases => LifetimeOrders > 0;

        /// <summary>Sums over the most recent <paramref name="count"/> periods.</summary>
        public PeriodActivity Recent(int count) => Sum(Math.Max(0, Periods.Count - count), Periods.Count);

        /// <summary>Sums over the <paramref name="count"/> periods before the most recent <paramref name="skip"/>.</summary>
        public PeriodActivity Before(int skip, int count) => Sum(Math.Max(0, Periods.Count - skip - count), Math.Max(0, Periods.Count - skip));

        private PeriodActivity Sum(int from, int to)
        {
            var orders = 0;
            decimal revenue = 0, profit = 0;
            for (var i = from; i < to; i++)
            {
                orders += Periods[i].Orders;
                revenue += Periods[i].Revenue;
                profit += Periods[i].Profit;
            }
            return new PeriodActivity(orders, revenue, profit);
        }
    }
}
