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

        /// <summary>Standard error of an AUC (Hanley &amp; McNeil 1982).</summary>
        public static double RocAucStandardError(double auc, int positives, int negatives)
        {
            double q1 = auc / (2 - auc), q2 = 2 * auc * auc / (1 + auc);
            return Math.Sqrt((auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / ((double)positives * negatives));
        }

        /// <summary>Approximate standard error of a rank correlation over n pairs, (1 − r²) / √(n − 3).</summary>
        public static double SpearmanStandardError(double r, int n) => n <= 3 ? double.NaN : (1 - r * r) / Math.Sqrt(n - 3);

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
