using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Cli.Backtest
{
    /// <summary>The ranking measures the backtest reports, ties handled by average ranks.</summary>
    public static class RankMetrics
    {
        /// <summary>ROC AUC: the chance a random positive scores above a random negative (ties count half).</summary>
        public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
        {
            var ranks = Ranks(scores);
            double positives = positive.Count(p => p), negatives = positive.Count - positives;
            if (positives == 0 || negatives == 0) return double.NaN;
            var sum = ranks.Where((_, i) => positive[i]).Sum();
            return (sum - positives * (positives + 1) / 2) / (positives * negatives);
        }

        /// <summary>
        /// Bootstrap standard error of a measure over customers (Efron &amp; Tibshirani 1993): the spread of the measure over
        /// <paramref name="resamples"/> resamples drawn with replacement. The seed is fixed, so a report repeats itself.
        /// </summary>
        public static double BootstrapStandardError<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, double> measure, int resamples = 200, int seed = 28)
        {
            var random = new Random(seed);
            var values = new List<double>();
            for (var b = 0; b < resamples; b++)
            {
                var sample = new T[items.Count];
                for (var i = 0; i < sample.Length; i++) sample[i] = items[random.Next(items.Count)];
                var value = measure(sample);
                if (!double.IsNaN(value)) values.Add(value);
            }
            if (values.Count < 2) return double.NaN;
            var mean = values.Average();
            return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        }

        /// <summary>Spearman's rank correlation (Pearson correlation of average ranks).</summary>
        public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
        {
            var ra = Ranks(a);
            var rb = Ranks(b);
            double ma = ra.Average(), mb = rb.Average(), cov = 0, va = 0, vb = 0;
            for (var i = 0; i < ra.Length; i++)
            {
                cov += (ra[i] - ma) * (rb[i] - mb);
                va += (ra[i] - ma) * (ra[i] - ma);
                vb += (rb[i] - mb) * (rb[i] - mb);
            }
            return va == 0 || vb == 0 ? double.NaN : cov / Math.Sqrt(va * vb);
        }

        /// <summary>Share of the actual total held by the top <paramref name="share"/> of customers by prediction.</summary>
        public static double TopShareCapture(IReadOnlyList<double> predicted, IReadOnlyList<double> actual, double share)
        {
            var total = actual.Sum();
            if (total <= 0) return double.NaN;
            var top = (int)Math.Round(predicted.Count * share);
            return Enumerable.Range(0, predicted.Count).OrderByDescending(i => predicted[i]).ThenBy(i => i).Take(top).Sum(i => actual[i]) / total;
        }

        private static double[] Ranks(IReadOnlyList<double> values)
        {
            var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
            var ranks = new double[values.Count];
            for (var i = 0; i < order.Length;)
            {
                var j = i;
                while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]]) j++;
                for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
                i = j + 1;
            }
            return ranks;
        }
    }
}
