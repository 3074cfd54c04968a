namespace CrmExtensions.Domain.Value
{
    /// <summary>
    /// Current value (profit realised per year over the window) and growth potential (expected incremental profit per
    /// year from more purchases, cross-purchases and referrals), with the lifetime profit they add up to.
    /// </summary>
    public sealed class CustomerValue
    {
        public CustomerValue(decimal currentValue, decimal incrementalPurchase, decimal crossPurchase, decimal referrals, decimal lifetimeProfitCurrent, decimal lifetimeProfitPotential)
        {
            CurrentValue = currentValue;
            IncrementalPurchase = incrementalPurchase;
            CrossPurchase = crossPurchase;
            Referrals = referrals;
            LifetimeProfitFromCurrent = lifetimeProfitCurrent;
            LifetimeProfitFromPotential = lifetimeProfitPotential;
        }

        public decimal CurrentValue { get; }
        public decimal IncrementalPurchase { get; }
        public decimal CrossPurchase { get; }
        public decimal Referrals { get; }
        public decimal GrowthPotential => IncrementalPurchase + CrossPurchase + Referrals;

        /// <summary>Discounted profit the purchase model expects, up to the current value per year.</summary>
        public decimal LifetimeProfitFromCurrent { get; }

        /// <summary>Discounted profit expected beyond the current value, plus the cross-purchase and referral potential.</summary>
        public decimal LifetimeProfitFromPotential { get; }

        public decimal LifetimeProfit => LifetimeProfitFromCurrent + LifetimeProfitFromPotential;
    }
}
