using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Calibration
{
    /// <summary>
    /// Learns from the org's own customers what the rules compare against: the purchase model's parameters (fitted to
    /// every customer with a purchase) and the value-matrix thresholds at the configured top shares of the active
    /// customers (those with a purchase inside the current-value window), valued with the freshly fitted model:
    /// current value over all of them, growth potential within each current-value class.
    /// The result is stored as the settings' calibration; nothing here reads or writes the platform.
    /// </summary>
    public sealed class PopulationCalibrator
    {
        private readonly CrmExtensionsSettings _settings;

        public PopulationCalibrator(CrmExtensionsSettings settings) { _settings = settings ?? throw new ArgumentNullException(nameof(settings)); }

        public CalibrationSettings Calibrate(IEnumerable<CustomerFacts> customers, DateTime calibratedOn)
        {
            var population = (customers ?? throw new DomainValidationException("Customers to calibrate on are required."))
                .Where(c => c?.Purchases != null && c.Purchases.HasPurchases).ToList();
            var start = _settings.Calibration?.PurchaseModel ?? _settings.PurchaseModel;
            var fitted = PurchaseModelFit.Fit(population.Select(c => PurchaseRhythm.Of(c.Purchases, c.AsOf).Value), start);

            // Value everyone exactly as the evaluator will with the fitted model (lines are not known yet and do not matter here).
            var provisional = new CalibrationSettings { CurrentValueThreshold = 1, GrowthPotentialThreshold = 1, GrowthPotentialThresholdAtHighValue = 1, PurchaseModel = fitted };
            var evaluator = new CustomerEvaluator(_settings.WithCalibration(provisional));
            var values = population.Select(c => evaluator.Evaluate(c).Value).Where(v => v.CurrentValue > 0).ToList();
            if (values.Count == 0) throw new DomainValidationException("No customer bought inside the current-value window: there is no active customer to take thresholds from.");
            var matrix = _settings.ValueMatrix;
            var currentLine = TopShareThreshold(values.Select(v => v.CurrentValue), matrix.CurrentValueTopShare);
            decimal GrowthLine(bool highCurrent)
            {
                var row = values.Where(v => v.CurrentValue >= currentLine == highCurrent).Select(v => v.GrowthPotential).ToList();
                return TopShareThreshold(row.Count > 0 ? row : values.Select(v => v.GrowthPotential), matrix.GrowthPotentialTopShare);
            }
            return new CalibrationSettings
            {
                CalibratedOn = calibratedOn,
                FirstCalibratedOn = _settings.Calibration?.FirstCalibratedOn ?? calibratedOn,
                Population = population.Count,
                ActiveCustomers = values.Count,
                CurrentValueThreshold = currentLine,
                GrowthPotentialThreshold = GrowthLine(false),
                GrowthPotentialThresholdAtHighValue = GrowthLine(true),
                PurchaseModel = fitted,
            };
        }

        /// <summary>
        /// The smallest value among the top <paramref name="share"/> of <paramref name="values"/>, so "at or above the
        /// threshold" is that share (more on ties). Never below the smallest positive value: zero is never high.
        /// </summary>
        public static decimal TopShareThreshold(IEnumerable<decimal> values, decimal share)
        {
            var sorted = values.OrderByDescending(v => v).ToList();
            if (sorted.Count == 0) throw new DomainValidationException("A threshold needs at least one value.");
            var index = Math.Max(0, (int)Math.Ceiling(sorted.Count * share) - 1);
            var threshold = sorted[Math.Min(index, sorted.Count - 1)];
            if (threshold > 0) return threshold;
            var positive = sorted.Where(v => v > 0).ToList();
            return positive.Count > 0 ? positive.Min() : 0.01m;
        }
    }
}
