using System;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>
    /// The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting your customers the easy way", implemented from the
    /// paper's equations: while alive a customer buys at a Poisson rate λ ~ gamma(r, α); after every purchase it drops
    /// out with probability p ~ beta(a, b). Given a customer's rhythm (x repeat purchases, last at t_x, tenure T) it
    /// answers how likely the customer is still alive and how many purchases to expect. Time is in days.
    /// </summary>
    public sealed class PurchaseModel
    {
        private readonly double _r, _alpha, _a, _b;

        public PurchaseModel(PurchaseModelParameters parameters)
        {
            if (parameters == null) throw new DomainValidationException("Purchase model parameters are required.");
            _r = parameters.R;
            _alpha = parameters.Alpha;
            _a = parameters.A;
            _b = parameters.B;
            Parameters = parameters;
        }

        /// <summary>The calibrated model when a calibration has run, else the shipped prior.</summary>
        public static PurchaseModel From(CrmExtensionsSettings settings) =>
            new PurchaseModel(settings.Calibration?.PurchaseModel ?? settings.PurchaseModel);

        public PurchaseModelParameters Parameters { get; }

        /// <summary>Typical days between purchases of an active customer in this population (1 / mean rate α/r).</summary>
        public double TypicalIntervalDays => _alpha / _r;

        /// <summary>P(alive | x, t_x, T), eq. (6): a customer without a repeat purchase has not had a chance to drop out.</summary>
        public double ProbabilityAlive(PurchaseRhythm c)
        {
            if (c.RepeatPurchases == 0) return 1.0;
            var x = c.RepeatPurchases;
            var odds = _a / (_b + x - 1) * Math.Exp((_r + x) * (Math.Log(_alpha + c.TenureDays) - Math.Log(_alpha + c.ActiveDays)));
            return 1.0 / (1.0 + odds);
        }

        /// <summary>E[X(t) | x, t_x, T], eq. (10): purchases expected in the next <paramref name="days"/> days.</summary>
        public double ExpectedPurchases(PurchaseRhythm c, double days)
        {
            if (days <= 0) return 0.0;
            var x = c.RepeatPurchases;
            var a = Math.Abs(_a - 1.0) < 1e-7 ? 1.0 + 1e-7 : _a; // the closed form has a removable singularity at a = 1
            var T = c.TenureDays;
            var z = days / (_alpha + T + days);
            var hyp = Hypergeometric2F1(_r + x, _b + x, a + _b + x - 1, z);
            var conditional = (a + _b + x - 1) / (a - 1) * (1 - Math.Exp((_r + x) * Math.Log((_alpha + T) / (_alpha + T + days))) * hyp);
            var expected = conditional * ProbabilityAlive(c);
            // Outside the series' comfortable range (a + b + x - 1 near or below 0), fall back to the first-order rate.
            if (double.IsNaN(expected) || double.IsInfinity(expected)) expected = ProbabilityAlive(c) * (_r + x) / (_alpha + T) * days;
            return Math.Max(0.0, expected);
        }

        /// <summary>Gauss's hypergeometric series ₂F₁(a, b; c; z) for 0 ≤ z &lt; 1.</summary>
        internal static double Hypergeometric2F1(double a, double b, double c, double z)
        {
            double sum = 1, term = 1;
            for (var j = 0; j < 100000; j++)
            {
                term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
                sum += term;
                if (Math.Abs(term) <= 1e-12 * Math.Abs(sum)) break;
            }
            return sum;
        }

        /// <summary>ln Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, 9 terms; relative error below 1e-13).</summary>
        internal static double LogGamma(double x)
        {
            if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
            x -= 1;
            var sum = Lanczos[0];
            for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
            var t = x + 7.5;
            return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
        }

        private static readonly double[] Lanczos =
        {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        };
    }
}
