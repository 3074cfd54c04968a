using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Calibration;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class PurchaseModelFitTests
    {
        private static readonly PurchaseModelParameters Prior = new PurchaseModelParameters { R = 1, Alpha = 365, A = 2, B = 6 };

        [Fact]
        public void The_population_likelihood_is_the_sum_of_each_customers_likelihood_as_the_paper_writes_it()
        {
            // Whole days, as the fit counts them; the first 100 twice, so rhythms shared by several customers are counted.
            var rhythms = Synthetic.Population(new PurchaseModelParameters { R = 2.0, Alpha = 180.0, A = 1.5, B = 6.0 }, 600, 730, seed: 5)
                .Select(c => new PurchaseRhythm(c.RepeatPurchases, Math.Round(c.ActiveDays), Math.Round(c.TenureDays))).ToList();
            rhythms.AddRange(rhythms.Take(100).ToList());
            Assert.Contains(rhythms, c => c.RepeatPurchases == 0);
            Assert.Contains(rhythms, c => c.RepeatPurchases >= 5);
            var likelihood = new PurchaseLikelihood(rhythms);
            foreach (var p in new[] { Prior, new PurchaseModelParameters { R = 0.243, Alpha = 30.9, A = 0.793, B = 2.426 } })
            {
                var expected = rhythms.Sum(c => Math.Log(PaperLikelihood(p, c)));
                Assert.Equal(expected, likelihood.LogLikelihood(p), Math.Abs(expected) * 1e-10);
            }
            Assert.Equal(700, likelihood.Customers);
        }

        [Fact]
        public void The_fit_is_the_maximum_likelihood_estimate_and_recovers_the_parameters_of_a_population_drawn_from_the_model()
        {
            // 20,000 customers drawn from known parameters (a business buying about every 90 days), observed up to 2 years.
            var truth = new PurchaseModelParameters { R = 2.0, Alpha = 180.0, A = 1.5, B = 6.0 };
            var rhythms = Synthetic.Population(truth, 20000, 730, seed: 7).ToList();
            var fitted = PurchaseModelFit.Fit(rhythms, Prior);

            // The maximum: at least as likely as the truth, and the same estimate whether the search starts far off or at the truth.
            var likelihood = new PurchaseLikelihood(rhythms);
            Assert.True(likelihood.LogLikelihood(fitted) >= likelihood.LogLikelihood(truth));
            var fromTruth = PurchaseModelFit.Fit(rhythms, truth);
            foreach (var pair in Parameters(fitted).Zip(Parameters(fromTruth), (f, t) => new[] { f, t }))
                Assert.Equal(1, pair[0] / pair[1], 1e-3);

            // And close to the truth, within what 20,000 customers can tell.
            foreach (var pair in Parameters(fitted).Zip(Parameters(truth), (f, t) => new[] { f, t }))
                Assert.InRange(pair[0] / pair[1], 0.9, 1.1);
        }

        private static IEnumerable<double> Parameters(PurchaseModelParameters p) => new[] { p.R, p.Alpha, p.A, p.B };

        /// <summary>
        /// Eq. (6) of Fader, Hardie &amp; Lee (2005) as printed, with the gamma and beta ratios as finite products:
        /// B(a, b + x) / B(a, b) · Γ(r + x) α^r / (Γ(r) (α + T)^(r + x)) + [x &gt; 0] B(a + 1, b + x − 1) / B(a, b) · Γ(r + x) α^r / (Γ(r) (α + t_x)^(r + x)).
        /// </summary>
        private static double PaperLikelihood(PurchaseModelParameters p, PurchaseRhythm c)
        {
            var x = c.RepeatPurchases;
            double gammaRatio = 1, survivalBeta = 1, dropoutBeta = p.A / (p.A + p.B + x - 1);
            for (var i = 0; i < x; i++)
            {
                gammaRatio *= p.R + i;
                survivalBeta *= (p.B + i) / (p.A + p.B + i);
                if (i < x - 1) dropoutBeta *= (p.B + i) / (p.A + p.B + i);
            }
            var rate = gammaRatio * Math.Pow(p.Alpha, p.R);
            var stillActive = survivalBeta * rate / Math.Pow(p.Alpha + c.TenureDays, p.R + x);
            return x == 0 ? stillActive : stillActive + dropoutBeta * rate / Math.Pow(p.Alpha + c.ActiveDays, p.R + x);
        }
    }
}
