using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Calibration
{
    /// <summary>
    /// Maximum-likelihood fit of the BG/NBD parameters to a population's purchase rhythms (Nelder–Mead on the
    /// logarithms of r, α, a, b, so they stay positive), over the population's <see cref="PurchaseLikelihood"/>.
    /// </summary>
    public static class PurchaseModelFit
    {
        public const int MinimumPopulation = 20;

        public static PurchaseModelParameters Fit(IEnumerable<PurchaseRhythm> rhythms, PurchaseModelParameters start)
        {
            var likelihood = new PurchaseLikelihood(rhythms);
            if (likelihood.Customers < MinimumPopulation)
                throw new DomainValidationException($"Fitting the purchase model needs at least {MinimumPopulation} customers with a purchase (got {likelihood.Customers}).");
            if (!likelihood.AnyRepeatPurchase)
                throw new DomainValidationException("Fitting the purchase model needs at least one customer with a repeat purchase.");

            double NegativeLogLikelihood(double[] p)
            {
                // Keep the search inside a sane box: beyond it the likelihood is flat and the series ill-conditioned.
                if (p.Any(v => v < -12 || v > 12)) return double.MaxValue;
                var sum = likelihood.LogLikelihood(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
                return double.IsNaN(sum) ? double.MaxValue : -sum;
            }

            var best = NelderMead.Minimize(NegativeLogLikelihood, new[] { Math.Log(start.R), Math.Log(start.Alpha), Math.Log(start.A), Math.Log(start.B) });
            return new PurchaseModelParameters { R = Math.Exp(best[0]), Alpha = Math.Exp(best[1]), A = Math.Exp(best[2]), B = Math.Exp(best[3]) };
        }
    }

    /// <summary>Nelder–Mead downhill simplex (standard coefficients 1, 2, ½, ½), restarted once at the optimum found.</summary>
    internal static class NelderMead
    {
        public static double[] Minimize(Func<double[], double> f, double[] start, int maxIterations = 4000)
        {
            var x = start;
            for (var round = 0; round < 2; round++) x = Run(f, x, maxIterations);
            return x;
        }

        private static double[] Run(Func<double[], double> f, double[] start, int maxIterations)
        {
            var n = start.Length;
            var points = new double[n + 1][];
            var values = new double[n + 1];
            for (var i = 0; i <= n; i++)
            {
                points[i] = (double[])start.Clone();
                if (i > 0) points[i][i - 1] += 0.5;
                values[i] = f(points[i]);
            }
            for (var iteration = 0; iteration < maxIterations; iteration++)
            {
                var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
                points = order.Select(i => points[i]).ToArray();
                values = order.Select(i => values[i]).ToArray();
                if (Math.Abs(values[n] - values[0]) <= 1e-10 * (1 + Math.Abs(values[0]))) break;

                var centroid = new double[n];
                for (var i = 0; i < n; i++)
                    for (var d = 0; d < n; d++) centroid[d] += points[i][d] / n;
                double[] Toward(double t) => centroid.Select((c, d) => c + t * (points[n][d] - c)).ToArray();

                var reflected = Toward(-1);
                var fr = f(reflected);
                if (fr < values[0])
                {
                    var expanded = Toward(-2);
                    var fe = f(expanded);
                    if (fe < fr) { points[n] = expanded; values[n] = fe; }
                    else { points[n] = reflected; values[n] = fr; }
                }
                else if (fr < values[n - 1])
                {
                    points[n] = reflected;
                    values[n] = fr;
                }
                else
                {
                    var contracted = Toward(0.5);
                    var fc = f(contracted);
                    if (fc < values[n])
                    {
                        points[n] = contracted;
                        values[n] = fc;
                    }
                    else
                    {
                        for (var i = 1; i <= n; i++)
                        {
                            points[i] = points[i].Select((v, d) => points[0][d] + 0.5 * (v - points[0][d])).ToArray();
                            values[i] = f(points[i]);
                        }
                    }
                }
            }
            return points[Enumerable.Range(0, n + 1).OrderBy(i => values[i]).First()];
        }
    }
}
