using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class CustomerLifetimeProfitTests
    {
        private static CrmExtensionsSettings With(string json) => SettingsLoader.Load(json);

        /// <summary>A model whose customers all buy every 30 days and practically never drop out.</summary>
        private static PurchaseModel Clockwork => new PurchaseModel(new PurchaseModelParameters { R = 10000, Alpha = 300000, A = 0.001, B = 1000 });

        private static PurchaseSummary Monthly(decimal revenue, int months) =>
            new PurchaseSummaryBuilder(Build.Settings).Build(Enumerable.Range(0, months).Select(m => new PurchaseLine(Build.AsOf.AddDays(-15 - 30 * m), revenue)), Build.AsOf);

        [Fact]
        public void Lifetime_profit_is_the_discounted_sum_of_the_profit_the_model_expects()
        {
            var settings = With(@"{ ""clp"": { ""discountRate"": 0.1, ""horizonYears"": 3 } }");
            var value = new CustomerLifetimeProfit(settings, Clockwork).Evaluate(Monthly(400m, 24), 0, Build.AsOf);
            // 365.25 / 30 purchases a year × 100 profit each (25 % of 400), discounted at 10 % over three years.
            var yearly = 365.25 / 30 * 100;
            var expected = yearly / 1.1 + yearly / 1.21 + yearly / 1.331;
            Assert.InRange((double)value.LifetimeProfit, expected * 0.995, expected * 1.005);
            Assert.InRange((double)value.IncrementalPurchase, yearly * 0.995, yearly * 1.005);
        }

        [Fact]
        public void A_customer_who_stopped_buying_is_expected_to_bring_less_than_one_who_keeps_its_rhythm()
        {
            var clp = new CustomerLifetimeProfit(Build.Settings, new PurchaseModel(Build.Settings.PurchaseModel));
            var steady = clp.Evaluate(Monthly(400m, 12), 0, Build.AsOf);
            var lines = Enumerable.Range(0, 12).Select(m => new PurchaseLine(Build.AsOf.AddDays(-200 - 10 * m), 400m));
            var stopped = clp.Evaluate(new PurchaseSummaryBuilder(Build.Settings).Build(lines, Build.AsOf), 0, Build.AsOf);
            Assert.True(stopped.CurrentValue >= steady.CurrentValue); // at least the same spend in the window...
            Assert.True(stopped.GrowthPotential < steady.GrowthPotential / 2, $"{stopped.GrowthPotential} vs {steady.GrowthPotential}"); // ...but silence since
            Assert.True(stopped.LifetimeProfit < steady.LifetimeProfit);
        }

        [Fact]
        public void Current_value_and_growth_potential_split_as_documented()
        {
            var clp = new CustomerLifetimeProfit(Build.Settings, Clockwork);
            // 24 monthly orders of 400 in two families: current value 12 × 100 profit a year.
            var lines = Enumerable.Range(0, 24).Select(m => new PurchaseLine(Build.AsOf.AddDays(-15 - 30 * m), 400m, m % 2 == 0 ? "a" : "b"));
            var value = clp.Evaluate(new PurchaseSummaryBuilder(Build.Settings).Build(lines, Build.AsOf), referralsMade: 3, Build.AsOf);
            Assert.Equal(1100m, value.CurrentValue); // 11 orders fall in the current and previous 11 calendar months
            Assert.InRange(value.IncrementalPurchase, 365.25m / 30 * 100 * 0.995m, 365.25m / 30 * 100 * 1.005m);
            // One more family within a year with chance 0.3, worth 1,100 / 2 families, for a customer still alive.
            Assert.Equal(165m, Math.Round(value.CrossPurchase, 0));
            Assert.Equal(1500m, value.Referrals);
        }

        [Fact]
        public void The_expected_profit_over_any_horizon_is_the_models_purchases_times_profit_per_purchase_and_next_years_is_the_incremental_purchase()
        {
            var model = new PurchaseModel(Build.Settings.PurchaseModel);
            var clp = new CustomerLifetimeProfit(Build.Settings, model);
            var lines = Enumerable.Range(0, 8).Select(m => new PurchaseLine(Build.AsOf.AddDays(-40 - 45 * m), 400m + 50 * m));
            var purchases = new PurchaseSummaryBuilder(Build.Settings).Build(lines, Build.AsOf);
            var rhythm = PurchaseRhythm.Of(purchases, Build.AsOf).Value;
            var profitPerPurchase = (double)purchases.Recent(purchases.Periods.Count).Profit / 8;
            Assert.Equal(model.ExpectedPurchases(rhythm, 273) * profitPerPurchase * 0.5, clp.ExpectedProfit(purchases, Build.AsOf, 273, staying: 0.5), 9);
            // Over a year it is the growth potential's incremental purchase, unrounded: what a backtest ranks by over its holdout.
            Assert.Equal((double)clp.Evaluate(purchases, 0, Build.AsOf).IncrementalPurchase, clp.ExpectedProfit(purchases, Build.AsOf, 365.25), 2);
            Assert.Equal(0.0, clp.ExpectedProfit(PurchaseSummary.None(8), Build.AsOf, 273));
        }

        [Fact]
        public void A_customer_younger_than_the_window_is_valued_per_year_of_its_own_tenure()
        {
            var clp = new CustomerLifetimeProfit(Build.Settings, Clockwork);
            var value = clp.Evaluate(Monthly(400m, 6), 0, Build.AsOf); // six months of 100 profit, first purchase 165 days ago
            Assert.Equal(Math.Round(600m / (165m / 365.25m), 0), Math.Round(value.CurrentValue, 0));
        }

        [Fact]
        public void No_purchases_is_zero_value_not_an_error()
        {
            var value = new CustomerLifetimeProfit(Build.Settings, Clockwork).Evaluate(PurchaseSummary.None(8), 0, Build.AsOf);
            Assert.Equal(0m, value.CurrentValue);
            Assert.Equal(0m, value.LifetimeProfit);
        }

        [Property]
        public bool Lifetime_profit_falls_as_the_discount_rate_rises(FsCheck.PositiveInt revenue, byte lowRate, byte step)
        {
            var low = lowRate % 80 / 100m;
            var high = low + (step % 15 + 1) / 100m;
            decimal Clp(decimal rate) => new CustomerLifetimeProfit(With($@"{{ ""clp"": {{ ""discountRate"": {rate} }} }}"), Clockwork)
                .Evaluate(Monthly(revenue.Get % 100000 + 1, 12), 0, Build.AsOf).LifetimeProfit;
            return Clp(high) < Clp(low);
        }
    }
}
