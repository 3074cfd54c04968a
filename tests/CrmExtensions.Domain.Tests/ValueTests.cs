using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class ValueTests
    {
        private static CrmExtensionsSettings With(string json) => SettingsLoader.Load(json);

        /// <summary>A model whose customers all buy every 30 days and practically never drop out.</summary>
        private static PurchaseModel Clockwork => new PurchaseModel(new PurchaseModelParameters { R = 10000, Alpha = 300000, A = 0.001, B = 1000 });

        private static PurchaseSummary Monthly(decimal revenue, int months) =>
            new PurchaseSummaryBuilder(Build.Settings).Build(Enumerable.Range(0, months).Select(m => new PurchaseLine(Build.AsOf.AddDays(-15 - 30 * m), revenue, "EUR")), Build.AsOf);

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
            var lines = Enumerable.Range(0, 12).Select(m => new PurchaseLine(Build.AsOf.AddDays(-200 - 10 * m), 400m, "EUR"));
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
            var lines = Enumerable.Range(0, 24).Select(m => new PurchaseLine(Build.AsOf.AddDays(-15 - 30 * m), 400m, "EUR", m % 2 == 0 ? "a" : "b"));
            var value = clp.Evaluate(new PurchaseSummaryBuilder(Build.Settings).Build(lines, Build.AsOf), referralsMade: 3, Build.AsOf);
            Assert.Equal(1100m, value.CurrentValue); // 11 orders fall in the current and previous 11 calendar months
            Assert.InRange(value.IncrementalPurchase, 365.25m / 30 * 100 * 0.995m, 365.25m / 30 * 100 * 1.005m);
            // One more family within a year with chance 0.3, worth 1,100 / 2 families, for a customer still alive.
            Assert.Equal(165m, Math.Round(value.CrossPurchase, 0));
            Assert.Equal(1500m, value.Referrals);
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

        [Theory]
        [InlineData(6000, 3000, ValueTier.Platinum)]
        [InlineData(6000, 100, ValueTier.Gold)]
        [InlineData(100, 3000, ValueTier.Iron)]
        [InlineData(100, 100, ValueTier.Lead)]
        [InlineData(5000, 2000, ValueTier.Platinum)]
        public void Matrix_quadrants(int current, int potential, ValueTier expected)
        {
            Assert.Equal(expected, new CustomerValueMatrix(Build.Settings.ValueMatrix).Classify(current, potential));
        }

        [Theory]
        [InlineData(ValueTier.Gold, 4600, 0, ValueTier.Gold)]
        [InlineData(ValueTier.Gold, 4400, 0, ValueTier.Lead)]
        [InlineData(ValueTier.Lead, 5400, 0, ValueTier.Lead)]
        [InlineData(ValueTier.Lead, 5600, 0, ValueTier.Gold)]
        [InlineData(ValueTier.Iron, 0, 1850, ValueTier.Iron)]
        [InlineData(ValueTier.Platinum, 4600, 1850, ValueTier.Platinum)]
        public void Hysteresis_keeps_customers_near_a_line_in_their_tier(ValueTier previous, int current, int potential, ValueTier expected)
        {
            Assert.Equal(expected, new CustomerValueMatrix(Build.Settings.ValueMatrix).Classify(current, potential, previous));
        }

        private static CalibrationSettings Calibrated => new CalibrationSettings
        {
            CalibratedOn = Build.AsOf, FirstCalibratedOn = Build.AsOf, Population = 100, ActiveCustomers = 80, CurrentValueThreshold = 40m,
            GrowthPotentialThreshold = 10m, GrowthPotentialThresholdAtHighValue = 30m, PurchaseModel = Build.Settings.PurchaseModel,
        };

        [Theory]
        [InlineData(50, 30, ValueTier.Platinum)]
        [InlineData(50, 29, ValueTier.Gold)]
        [InlineData(39, 10, ValueTier.Iron)]
        [InlineData(39, 9, ValueTier.Lead)]
        public void Percentile_mode_uses_the_calibrated_lines_with_growth_compared_within_each_row(int current, int potential, ValueTier expected)
        {
            Assert.Equal(expected, new CustomerValueMatrix(Build.Settings.ValueMatrix, Calibrated).Classify(current, potential));
        }

        [Fact]
        public void Absolute_mode_ignores_the_calibration_and_hysteresis_works_on_calibrated_lines()
        {
            var absolute = With(@"{ ""valueMatrix"": { ""thresholds"": ""absolute"" } }").ValueMatrix;
            Assert.Equal(ValueTier.Lead, new CustomerValueMatrix(absolute, Calibrated).Classify(50, 30));
            var matrix = new CustomerValueMatrix(Build.Settings.ValueMatrix, Calibrated);
            Assert.Equal(ValueTier.Gold, matrix.Classify(37, 0, ValueTier.Gold)); // within 10 % below the line of 40
            Assert.Equal(ValueTier.Lead, matrix.Classify(43, 0, ValueTier.Lead)); // not 10 % above it
        }

        [Fact]
        public void A_tier_placed_before_the_first_calibration_does_not_anchor_the_hysteresis()
        {
            var settings = SettingsLoader.Load(SettingsLoader.CalibrationDocument(Calibrated), null);
            var evaluator = new Evaluation.CustomerEvaluator(settings);
            // Eleven orders of 15.30 in the window: current value ≈ 42, above the line of 40 but inside its band (44).
            var lines = Enumerable.Range(0, 13).Select(m => new PurchaseLine(Build.AsOf.AddDays(-10 - 30 * m), 15.3m, "EUR"));
            Evaluation.CustomerFacts Facts(DateTime? evaluatedOn) => new Evaluation.CustomerFacts
            {
                CustomerId = Guid.NewGuid(), AsOf = Build.AsOf, Purchases = new PurchaseSummaryBuilder(settings).Build(lines, Build.AsOf),
                PreviousTier = ValueTier.Lead, PreviousEvaluatedOn = evaluatedOn,
            };
            bool High(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Gold;
            Assert.False(High(evaluator.Evaluate(Facts(Build.AsOf.AddDays(1))).Tier)); // placed against these lines: the band holds it
            Assert.True(High(evaluator.Evaluate(Facts(Build.AsOf.AddDays(-1))).Tier)); // placed before any calibration: no anchor
        }

        private static bool HighCurrent(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Gold;
        private static bool HighPotential(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Iron;

        [Property]
        public bool Tier_is_monotonic_in_current_value_and_potential(FsCheck.NonNegativeInt current, FsCheck.NonNegativeInt potential, FsCheck.NonNegativeInt more, byte previous)
        {
            var matrix = new CustomerValueMatrix(Build.Settings.ValueMatrix);
            ValueTier? prev = previous % 5 == 0 ? (ValueTier?)null : (ValueTier)(previous % 5);
            var a = matrix.Classify(current.Get, potential.Get, prev);
            var b = matrix.Classify(current.Get + more.Get, potential.Get + more.Get, prev);
            return (!HighCurrent(a) || HighCurrent(b)) && (!HighPotential(a) || HighPotential(b));
        }
    }
}
