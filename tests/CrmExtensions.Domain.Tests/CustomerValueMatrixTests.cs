using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class CustomerValueMatrixTests
    {
        private static CrmExtensionsSettings With(string json) => SettingsLoader.Load(json);

        /// <summary>A model whose customers all buy every 30 days and practically never drop out.</summary>
        private static PurchaseModel Clockwork => new PurchaseModel(new PurchaseModelParameters { R = 10000, Alpha = 300000, A = 0.001, B = 1000 });

        private static CalibrationSettings Calibrated => new CalibrationSettings
        {
            CalibratedOn = Build.AsOf, FirstCalibratedOn = Build.AsOf, Population = 100, ActiveCustomers = 80, CurrentValueThreshold = 40m,
            GrowthPotentialThreshold = 10m, GrowthPotentialThresholdAtHighValue = 30m, PurchaseModel = Build.Settings.PurchaseModel,
        };

        private static bool HighCurrent(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Gold;

        private static bool HighPotential(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Iron;

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
            var lines = Enumerable.Range(0, 13).Select(m => new PurchaseLine(Build.AsOf.AddDays(-10 - 30 * m), 15.3m));
            Evaluation.CustomerFacts Facts(DateTime? evaluatedOn) => new Evaluation.CustomerFacts
            {
                CustomerId = Guid.NewGuid(), AsOf = Build.AsOf, Purchases = new PurchaseSummaryBuilder(settings).Build(lines, Build.AsOf),
                PreviousTier = ValueTier.Lead, PreviousEvaluatedOn = evaluatedOn,
            };
            bool High(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Gold;
            Assert.False(High(evaluator.Evaluate(Facts(Build.AsOf.AddDays(1))).Tier)); // placed against these lines: the band holds it
            Assert.True(High(evaluator.Evaluate(Facts(Build.AsOf.AddDays(-1))).Tier)); // placed before any calibration: no anchor
        }

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
