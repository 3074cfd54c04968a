using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Value
{
    /// <summary>
    /// Places a customer in the value matrix: current value × growth potential, each high or low against a threshold:
    /// in percentile mode the one the last calibration took from the org's own active customers (until then, and in
    /// absolute mode, the configured amounts). In percentile mode growth potential is compared within each row of the
    /// matrix (high potential = top share of the customers of the same current-value class), because what the model
    /// expects next year grows with what a customer buys now: one population-wide line would leave the off-diagonal
    /// tiers nearly empty. With a previous tier, a value must cross the threshold by the hysteresis band to change sides, so a
    /// customer near a line does not flap between tiers on small changes.
    /// </summary>
    public sealed class CustomerValueMatrix
    {
        private readonly ValueMatrixSettings _settings;

        public CustomerValueMatrix(ValueMatrixSettings settings, CalibrationSettings calibration = null)
        {
            _settings = settings;
            var calibrated = settings.Thresholds == ThresholdMode.Percentile && calibration != null;
            IsCalibrated = calibrated;
            CurrentValueThreshold = calibrated ? calibration.CurrentValueThreshold : settings.CurrentValueThreshold;
            GrowthPotentialThreshold = calibrated ? calibration.GrowthPotentialThreshold : settings.GrowthPotentialThreshold;
            GrowthPotentialThresholdAtHighValue = calibrated ? calibration.GrowthPotentialThresholdAtHighValue : settings.GrowthPotentialThreshold;
        }

        public static CustomerValueMatrix From(CrmExtensionsSettings settings) => new CustomerValueMatrix(settings.ValueMatrix, settings.Calibration);

        /// <summary>True when the lines are the last calibration's percentiles, false when they are the configured amounts.</summary>
        public bool IsCalibrated { get; }

        public decimal CurrentValueThreshold { get; }
        /// <summary>Growth potential that is high for a customer of low current value.</summary>
        public decimal GrowthPotentialThreshold { get; }

        /// <summary>Growth potential that is high for a customer of high current value (the same amount in absolute mode).</summary>
        public decimal GrowthPotentialThresholdAtHighValue { get; }

        public ValueTier Classify(decimal currentValue, decimal growthPotential, ValueTier? previousTier = null)
        {
            var wasHighCurrent = previousTier == ValueTier.Platinum || previousTier == ValueTier.Gold;
            var wasHighPotential = previousTier == ValueTier.Platinum || previousTier == ValueTier.Iron;
            var highCurrent = IsHigh(currentValue, CurrentValueThreshold, previousTier.HasValue ? wasHighCurrent : (bool?)null);
            var highPotential = IsHigh(growthPotential, highCurrent ? GrowthPotentialThresholdAtHighValue : GrowthPotentialThreshold, previousTier.HasValue ? wasHighPotential : (bool?)null);
            if (highCurrent) return highPotential ? ValueTier.Platinum : ValueTier.Gold;
            return highPotential ? ValueTier.Iron : ValueTier.Lead;
        }

        public TierPolicy PolicyFor(ValueTier tier) => _settings.Policies[tier];

        private bool IsHigh(decimal value, decimal threshold, bool? wasHigh)
        {
            if (!wasHigh.HasValue) return value >= threshold;
            return wasHigh.Value ? value >= threshold * (1 - _settings.HysteresisBand) : value >= threshold * (1 + _settings.HysteresisBand);
        }
    }
}
