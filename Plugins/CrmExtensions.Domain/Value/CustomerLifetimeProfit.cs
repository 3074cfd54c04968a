using System;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Value
{
    /// <summary>
    /// Customer lifetime profit: CLP = Σ_{t=1..T} P(t) / (1+d)^t, where P(t) is the profit the purchase model expects in
    /// year t (expected purchases × the customer's profit per purchase; the model's dropout is the survival) plus the
    /// cross-purchase and referral potential ramped in over the first years, and d the discount rate.
    /// Current value is the profit realised over the window per year (of tenure, for customers younger than the window);
    /// growth potential is what the customer is expected to bring from here: the profit of the purchases the model
    /// expects over the next year, one more product family, referrals.
    /// </summary>
    public sealed class CustomerLifetimeProfit
    {
        private const double DaysPerYear = 365.25;
        private readonly CrmExtensionsSettings _settings;
        private readonly PurchaseModel _model;

        public CustomerLifetimeProfit(CrmExtensionsSettings settings, PurchaseModel model)
        {
            _settings = settings;
            _model = model;
        }

        /// <summary><paramref name="staying"/>: the chance the customer stays given warning signs the purchase model does not see (1 = none).</summary>
        public CustomerValue Evaluate(PurchaseSummary purchases, int referralsMade, DateTime asOf, double staying = 1.0)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            if (referralsMade < 0) throw new DomainValidationException($"Referral count must not be negative (got {referralsMade}).");
            var clp = _settings.Clp;
            var window = _settings.Analysis.WindowPeriods;
            // Per year of the window, or of the customer's own tenure when it is shorter (at least one period), so a
            // customer who joined three months ago is not valued as if it had been silent for the rest of the year.
            var yearsInWindow = window * _settings.Analysis.PeriodMonths / 12m;
            var tenureYears = purchases.FirstPurchaseOn.HasValue ? (decimal)Math.Max(0, (asOf - purchases.FirstPurchaseOn.Value).TotalDays / DaysPerYear) : yearsInWindow;
            var current = purchases.Recent(window).Profit / Math.Min(yearsInWindow, Math.Max(_settings.Analysis.PeriodMonths / 12m, tenureYears));

            // Expected profit per future year: the model's purchases in that year × profit per purchase over the history kept.
            var rhythm = PurchaseRhythm.Of(purchases, asOf);
            var profitPerPurchase = ProfitPerPurchase(purchases);
            var alive = rhythm.HasValue ? _model.ProbabilityAlive(rhythm.Value) * staying : 0.0;
            var expected = new decimal[clp.HorizonYears];
            var before = 0.0;
            for (var t = 1; t <= clp.HorizonYears && rhythm.HasValue; t++)
            {
                var upTo = _model.ExpectedPurchases(rhythm.Value, t * DaysPerYear);
                expected[t - 1] = (decimal)(Math.Max(0.0, upTo - before) * profitPerPurchase * staying);
                before = upTo;
            }
            // Incremental purchase: the profit the model expects from the customer's further purchases over the next year.
            var incremental = expected[0];

            // Cross-purchase: with the chance configured, a customer still alive buys into one more family within a year,
            // worth the average profit of a family it already buys. No headroom once every family is bought.
            var families = Math.Min(purchases.ProductFamiliesBought, clp.ProductFamilyCount);
            var perFamily = families > 0 ? current / families : 0m;
            var cross = families < clp.ProductFamilyCount ? perFamily * clp.CrossSellProbability * (decimal)alive : 0m;
            var referrals = referralsMade * clp.ReferralValue;

            decimal fromCurrent = 0, fromPotential = 0, discount = 1;
            for (var t = 1; t <= clp.HorizonYears; t++)
            {
                discount *= 1 + clp.DiscountRate;
                var ramp = Math.Min(1m, (decimal)t / clp.PotentialRampYears);
                fromCurrent += Math.Min(current, expected[t - 1]) / discount;
                fromPotential += (Math.Max(0m, expected[t - 1] - current) + ramp * (cross + referrals)) / discount;
            }
            return new CustomerValue(Round(current), Round(incremental), Round(cross), Round(referrals), Round(fromCurrent), Round(fromPotential));
        }

        /// <summary>
        /// The profit the purchase model expects from the customer within the next <paramref name="days"/>: its expected
        /// purchases × its profit per purchase over the history kept, × <paramref name="staying"/>. Unrounded, for ranking
        /// customers over any horizon (a backtest asks about its holdout); 0 without a purchase.
        /// </summary>
        public double ExpectedProfit(PurchaseSummary purchases, DateTime asOf, double days, double staying = 1.0)
        {
            var rhythm = PurchaseRhythm.Of(purchases, asOf);
            return rhythm.HasValue ? _model.ExpectedPurchases(rhythm.Value, days) * ProfitPerPurchase(purchases) * staying : 0.0;
        }

        /// <summary>Profit per purchase over the history kept (0 without one).</summary>
        private static double ProfitPerPurchase(PurchaseSummary purchases)
        {
            var history = purchases.Recent(purchases.Periods.Count);
            return history.Orders > 0 ? (double)(history.Profit / history.Orders) : 0.0;
        }

        private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
    }
}
