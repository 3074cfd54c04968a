using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Calibration
{
    /// <summary>
    /// The BG/NBD log-likelihood of a population, Σ ln L(r, α, a, b | x, t_x, T) (Fader, Hardie &amp; Lee 2005, eq. 6),
    /// arranged for a fit that asks for it hundreds of times: customers with the same rhythm (t_x and T rounded to whole
    /// days) count once with their number, the gamma functions are taken once per distinct x and ln(α + t) once per
    /// distinct day count, so a rhythm costs one exponential and one logarithm.
    /// </summary>
    public sealed class PurchaseLikelihood
    {
        private readonly int[] _repeats;
        private readonly double[] _days;
        private readonly int[] _repeatOf, _activeOf, _tenureOf;
        private readonly double[] _customersOf;

        public PurchaseLikelihood(IEnumerable<PurchaseRhythm> rhythms)
        {
            var groups = (rhythms ?? throw new DomainValidationException("Purchase rhythms are required."))
                .GroupBy(c => new { x = c.RepeatPurchases, tx = Math.Round(c.ActiveDays), T = Math.Round(c.TenureDays) })
                .Select(g => new { g.Key.x, g.Key.tx, g.Key.T, n = g.Count() })
                .ToList();
            _repeats = groups.Select(g => g.x).Distinct().OrderBy(x => x).ToArray();
            _days = groups.SelectMany(g => new[] { g.tx, g.T }).Distinct().OrderBy(d => d).ToArray();
            _repeatOf = groups.Select(g => Array.BinarySearch(_repeats, g.x)).ToArray();
            _activeOf = groups.Select(g => Array.BinarySearch(_days, g.tx)).ToArray();
            _tenureOf = groups.Select(g => Array.BinarySearch(_days, g.T)).ToArray();
            _customersOf = groups.Select(g => (double)g.n).ToArray();
            Customers = groups.Sum(g => g.n);
        }

        /// <summary>Customers counted (every rhythm given).</summary>
        public int Customers { get; }

        /// <summary>Whether anyone bought twice: without a repeat purchase nothing tells how often customers buy.</summary>
        public bool AnyRepeatPurchase => _repeats.Length > 0 && _repeats[_repeats.Length - 1] > 0;

        public double LogLikelihood(PurchaseModelParameters p) => LogLikelihood(p.R, p.Alpha, p.A, p.B);

        public double LogLikelihood(double r, double alpha, double a, double b)
        {
            var logAlphaPlus = new double[_days.Length];
            for (var k = 0; k < _days.Length; k++) logAlphaPlus[k] = Math.Log(alpha + _days[k]);

            // ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x) − ln B(a, b), and ln(a / (b + x − 1)), per distinct x.
            var common = new double[_repeats.Length];
            var dropOut = new double[_repeats.Length];
            var perParameters = -PurchaseModel.LogGamma(r) + r * Math.Log(alpha) + PurchaseModel.LogGamma(a + b) - PurchaseModel.LogGamma(b);
            for (var j = 0; j < _repeats.Length; j++)
            {
                var x = _repeats[j];
                common[j] = perParameters + PurchaseModel.LogGamma(r + x) + PurchaseModel.LogGamma(b + x) - PurchaseModel.LogGamma(a + b + x);
                dropOut[j] = x == 0 ? double.NaN : Math.Log(a) - Math.Log(b + x - 1);
            }

            var sum = 0.0;
            for (var i = 0; i < _customersOf.Length; i++)
            {
                var j = _repeatOf[i];
                var x = _repeats[j];
                // Still active at T, or dropped out right after the last purchase at t_x (x > 0 only).
                var survived = -(r + x) * logAlphaPlus[_tenureOf[i]];
                var value = survived;
                if (x > 0)
                {
                    var droppedOut = dropOut[j] - (r + x) * logAlphaPlus[_activeOf[i]];
                    var max = Math.Max(survived, droppedOut);
                    value = max + Math.Log(1 + Math.Exp(Math.Min(survived, droppedOut) - max));
                }
                sum += _customersOf[i] * (common[j] + value);
            }
            return sum;
        }
    }
}
