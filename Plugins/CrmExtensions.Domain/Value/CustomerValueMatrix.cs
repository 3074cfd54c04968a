using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Value
{
    /// <summary>
    /// Places a customer in the value matrix: current value × growth potential, each high or low against a configured
    /// threshold. With a previous tier, a value must cross the threshold by the hysteresis band to change sides, so a
    /// customer near a line does not flap between tiers on small changes.
    /// </summary>
    public sealed class CustomerValueMatrix
    {
        private readonly ValueMatrixSettings _settings;

        public CustomerValueMatrix(ValueMatrixSettings settings) { _settings = settings; }

        public ValueTier Classify(decimal currentValue, decimal growthPotential, ValueTier? previousTier = null)
        {
            var wasHighCurrent = previousTier == ValueTier.Platinum || previousTier == ValueTier.Gold;
            var wasHighPotential = previousTier == ValueTier.Platinum || previousTier == ValueTier.Iron;
            var highCurrent = IsHigh(currentValue, _settings.CurrentValueThreshold, previousTier.HasValue ? wasHighCurrent : (bool?)null);
            var highPotential = IsHigh(growthPotential, _settings.GrowthPotentialThreshold, previousTier.HasValue ? wasHighPotential : (bool?)null);
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
