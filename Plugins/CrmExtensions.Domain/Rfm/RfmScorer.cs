using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Rfm
{
    /// <summary>
    /// Scores recency (days since last purchase), frequency (purchases in the window) and monetary value (base-currency
    /// revenue in the window) against four ascending thresholds each: configured ones, or quintiles of a population.
    /// </summary>
    /// <summary>One customer's raw RFM measures (recency null without a purchase).</summary>
    public struct RfmInput
    {
        public RfmInput(int? recencyDays, int frequency, decimal monetary)
        {
            RecencyDays = recencyDays;
            Frequency = frequency;
            Monetary = monetary;
        }

        public int? RecencyDays { get; }
        public int Frequency { get; }
        public decimal Monetary { get; }
    }

    public sealed class RfmScorer
    {
        private readonly int[] _recencyDays;
        private readonly int[] _frequency;
        private readonly decimal[] _monetary;

        public RfmScorer(RfmSettings settings) : this(settings.RecencyDays, settings.Frequency, settings.Monetary) { }

        private RfmScorer(int[] recencyDays, int[] frequency, decimal[] monetary)
        {
            _recencyDays = recencyDays;
            _frequency = frequency;
            _monetary = monetary;
        }

        /// <summary>Thresholds at the 20/40/60/80th percentiles of a population, so each score holds about a fifth of it.</summary>
        public static RfmScorer FromPopulation(IReadOnlyCollection<RfmInput> population)
        {
            if (population == null || population.Count < 5)
                throw new DomainValidationException("Quintile RFM needs a population of at least 5 customers.");
            var recency = population.Where(p => p.RecencyDays.HasValue).Select(p => (decimal)p.RecencyDays.Value).OrderBy(x => x).ToList();
            if (recency.Count == 0) throw new DomainValidationException("Quintile RFM needs at least one customer with a purchase.");
            return new RfmScorer(
                Quintiles(recency, upperBound: true).Select(x => (int)Math.Ceiling(x)).ToArray(),
                Quintiles(population.Select(p => (decimal)p.Frequency).OrderBy(x => x).ToList(), upperBound: false).Select(x => Math.Max(1, (int)Math.Ceiling(x))).ToArray(),
                Quintiles(population.Select(p => p.Monetary).OrderBy(x => x).ToList(), upperBound: false).ToArray());
        }

        /// <summary>
        /// Recency thresholds are upper bounds (the last value of each fifth); frequency and monetary thresholds are
        /// lower bounds (the first value of the next fifth).
        /// </summary>
        private static IEnumerable<decimal> Quintiles(List<decimal> sorted, bool upperBound)
        {
            decimal last = decimal.MinValue;
            for (var q = 1; q <= 4; q++)
            {
                var index = (int)Math.Ceiling(sorted.Count * q / 5.0) - (upperBound ? 1 : 0);
                var value = sorted[Math.Min(sorted.Count - 1, index)];
                // Ties would make a score unreachable; keep the thresholds strictly ascending.
                if (value <= last) value = last + 1;
                last = value;
                yield return value;
            }
        }

        public IReadOnlyList<int> RecencyThresholds => _recencyDays;
        public IReadOnlyList<int> FrequencyThresholds => _frequency;
        public IReadOnlyList<decimal> MonetaryThresholds => _monetary;

        /// <summary>A customer with no purchase scores R1 F1 M1 (documented neutral result).</summary>
        public RfmScore Score(int? recencyDays, int frequency, decimal monetary)
        {
            if (frequency < 0) throw new DomainValidationException($"Frequency must not be negative (got {frequency}).");
            if (monetary < 0) throw new DomainValidationException($"Monetary value must not be negative (got {monetary}).");
            if (recencyDays < 0) throw new DomainValidationException($"Recency must not be negative (got {recencyDays} days): the last purchase is after the evaluation date.");
            var r = 1;
            if (recencyDays.HasValue)
            {
                r = 5;
                for (var i = 0; i < 4 && recencyDays.Value > _recencyDays[i]; i++) r--;
            }
            var f = 1;
            for (var i = 0; i < 4 && frequency >= _frequency[i]; i++) f++;
            var m = 1;
            for (var i = 0; i < 4 && monetary >= _monetary[i]; i++) m++;
            return new RfmScore(r, f, m);
        }
    }
}
