using System;
using System.Linq;
using CrmExtensions.Domain.Calibration;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class PurchaseModelTests
    {
        /// <summary>The parameters Fader, Hardie &amp; Lee (2005) publish for the CDNOW sample, with α turned from weeks into days.</summary>
        private static readonly PurchaseModelParameters Published = new PurchaseModelParameters { R = 0.243, Alpha = 4.414 * 7, A = 0.793, B = 2.426 };

        [Fact]
        public void Conditional_expectation_matches_the_papers_worked_example()
        {
            // The paper: x = 2, t_x = 30.43, T = 38.86 weeks expects 1.226 purchases in the next 39 weeks.
            var model = new PurchaseModel(Published);
            var customer = new PurchaseRhythm(2, 30.43 * 7, 38.86 * 7);
            Assert.Equal(1.226, model.ExpectedPurchases(customer, 39 * 7), 3);
            Assert.Equal(0.727, model.ProbabilityAlive(customer), 3);
        }

        [Property(MaxTest = 200)]
        public bool Longer_silence_never_raises_the_chance_of_being_alive_or_the_expected_purchases(byte repeats, ushort active, ushort silence, ushort more)
        {
            var model = new PurchaseModel(Published);
            var x = repeats % 30 + 1;
            var earlier = new PurchaseRhythm(x, active % 700 + 1, active % 700 + 1 + silence % 500);
            var later = new PurchaseRhythm(x, earlier.ActiveDays, earlier.TenureDays + more % 500);
            return model.ProbabilityAlive(later) <= model.ProbabilityAlive(earlier) + 1e-12
                && model.ExpectedPurchases(later, 365) <= model.ExpectedPurchases(earlier, 365) + 1e-9;
        }

        [Fact]
        public void Calibration_draws_the_value_lines_at_the_top_shares_of_active_customers_in_any_currency()
        {
            // The same synthetic customers in euros and in yen (× 160): the tiers must not move, only the amounts.
            var settings = SettingsLoader.Load(null);
            var rhythms = Synthetic.Population(new PurchaseModelParameters { R = 2.0, Alpha = 180.0, A = 1.5, B = 6.0 }, 1500, 730, seed: 11).ToList();
            CalibrationSettings Calibrate(decimal scale) => new PopulationCalibrator(settings).Calibrate(Synthetic.Facts(rhythms, scale, settings), Build.AsOf);
            var euro = Calibrate(1m);
            var yen = Calibrate(160m);
            Assert.Equal(euro.CurrentValueThreshold * 160m, yen.CurrentValueThreshold, 0);
            Assert.Equal(euro.PurchaseModel.R, yen.PurchaseModel.R, 6);

            var calibrated = SettingsLoader.Load(SettingsLoader.CalibrationDocument(yen), null);
            var evaluator = new CustomerEvaluator(calibrated);
            // Among active customers (a purchase in the current-value window; the others are lead by definition).
            var tiers = Synthetic.Facts(rhythms, 160m, calibrated).Where(f => f.Purchases.Recent(4).Orders > 0).Select(f => evaluator.Evaluate(f).Tier).ToList();
            var high = tiers.Count(t => t == ValueTier.Platinum || t == ValueTier.Gold);
            Assert.InRange(high, 0.18 * tiers.Count, 0.22 * tiers.Count + 5); // top 20 %
            Assert.All(Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>(), t => Assert.True(tiers.Count(x => x == t) <= 0.7 * tiers.Count, $"{t}: {tiers.Count(x => x == t)}"));
        }

        [Fact]
        public void A_calibration_document_round_trips_and_an_admin_choice_wins_over_it()
        {
            var calibration = new CalibrationSettings
            {
                CalibratedOn = Build.AsOf, Population = 10, ActiveCustomers = 8, CurrentValueThreshold = 12.5m,
                GrowthPotentialThreshold = 3m, GrowthPotentialThresholdAtHighValue = 4m, PurchaseModel = Published,
            };
            var document = SettingsLoader.CalibrationDocument(calibration);
            var loaded = SettingsLoader.Load(document, @"{ ""valueMatrix"": { ""thresholds"": ""absolute"" } }");
            Assert.Equal(12.5m, loaded.Calibration.CurrentValueThreshold);
            Assert.Equal(Build.AsOf, loaded.Calibration.CalibratedOn);
            Assert.Equal(ThresholdMode.Absolute, loaded.ValueMatrix.Thresholds);
            Assert.Equal(loaded.ValueMatrix.CurrentValueThreshold, CustomerValueMatrix.From(loaded).CurrentValueThreshold);
            var error = Assert.Throws<DomainValidationException>(() => SettingsLoader.Load(@"{ ""clp"": { ""discountRate"": 0.2 } }", null));
            Assert.Contains("may only hold the 'calibration' section", error.Message);
        }
    }
}
