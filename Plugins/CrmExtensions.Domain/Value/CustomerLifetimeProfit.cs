using System;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Value
{
    /// <summary>
    /// Customer lifetime profit: CLP = Σ_{t=1..T} P(t) · r^(t-1) / (1+d)^t, where P(t) is the current yearly profit plus the
    /// growth potential ramped in over the first years, r the retention (survival) rate and d the discount rate.
    /// </summary>
    public struct DiscountedProfit
    {
        public DiscountedProfit(decimal fromCurrent, decimal fromPotential)
        {
            FromCurrent = fromCurrent;
            FromPotential = fromPotential;
        }

        public decimal FromCurrent { get; }
        public decimal FromPotential { get; }
    }

    public sealed class CustomerLifetimeProfit
    {
        private readonly CrmExtensionsSettings _settings;

        public CustomerLifetimeProfit(CrmExtensionsSettings settings) { _settings = settings; }

        public CustomerValue Evaluate(PurchaseSummary purchases, int referralsMade)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            if (referralsMade < 0) throw new DomainValidationException($"Referral count must not be negative (got {referralsMade}).");
            var clp = _settings.Clp;
            var window = _settings.Analysis.WindowPeriods;
            var yearsInWindow = window * _settings.Analysis.PeriodMonths / 12m;

            var current = purchases.Recent(window).Profit / yearsInWindow;

            // Incremental purchase: the trend of this window against the window before it, capped. Whole windows keep a
            // partly elapsed current period from reading as a slump.
            var recent = purchases.Recent(window).Profit;
            var earlierWindow = purchases.Before(window, window);
            var earlier = earlierWindow.Profit;
            decimal growth = 0;
            if (earlier > 0 && recent > earlier) growth = Math.Min(clp.MaxTrendGrowth, recent / earlier - 1m);
            else if (earlier == 0 && recent > 0 && earlierWindow.Orders == 0) growth = clp.MaxTrendGrowth;
            var incremental = current * growth;

            // Cross-purchase: with the chance configured, the customer buys into one more family within a year, worth the
            // average profit of a family it already buys. No headroom once every family is bought.
            var families = Math.Min(purchases.ProductFamiliesBought, clp.ProductFamilyCount);
            var perFamily = families > 0 ? current / families : 0m;
            var cross = families < clp.ProductFamilyCount ? perFamily * clp.CrossSellProbability : 0m;

            var referrals = referralsMade * clp.ReferralValue;

            var lifetime = Discount(current, incremental + cross + referrals);
            return new CustomerValue(Round(current), Round(incremental), Round(cross), Round(referrals), Round(lifetime.FromCurrent), Round(lifetime.FromPotential));
        }

        /// <summary>Discounted lifetime profit of a steady yearly profit and a yearly potential ramped in linearly.</summary>
        public DiscountedProfit Discount(decimal yearlyProfit, decimal yearlyPotential)
        {
            var clp = _settings.Clp;
            decimal fromCurrent = 0, fromPotential = 0, survival = 1, discount = 1;
            for (var t = 1; t <= clp.HorizonYears; t++)
            {
                discount *= 1 + clp.DiscountRate;
                var ramp = Math.Min(1m, (decimal)t / clp.PotentialRampYears);
                fromCurrent += yearlyProfit * survival / discount;
                fromPotential += yearlyPotential * ramp * survival / discount;
                survival *= clp.RetentionRate;
            }
            return new DiscountedProfit(fromCurrent, fromPotential);
        }

        private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }
}
