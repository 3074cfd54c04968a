using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using CrmExtensions.Domain.Calibration;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using static CrmExtensions.Tests.RandomDraws;

namespace CrmExtensions.Benchmarks
{
    /// <summary>
    /// What the calibration's purchase-model fit costs inside its plug-in execution: the maximum-likelihood fit of
    /// populations drawn from the BG/NBD process (first purchases spread over five years), started from the shipped prior.
    /// </summary>
    internal static class CalibrationFit
    {
        private static readonly (string name, PurchaseModelParameters truth)[] Populations =
        {
            ("business, every 90 days", new PurchaseModelParameters { R = 2.0, Alpha = 180, A = 1.5, B = 6 }),
            ("retail, CDNOW-like", new PurchaseModelParameters { R = 0.243, Alpha = 30.9, A = 0.793, B = 2.426 }),
            ("frequent, loyal", new PurchaseModelParameters { R = 5, Alpha = 50, A = 0.1, B = 30 }),
        };

        public static void Run(int customers)
        {
            var prior = SettingsLoader.Defaults.PurchaseModel;
            Console.WriteLine();
            Console.WriteLine($"Purchase-model fit (single thread, {customers:N0} customers, five years, from the shipped prior)");
            Console.WriteLine("| population               | distinct rhythms | ms (best of 3) | fitted r, α (days), a, b      |");
            Console.WriteLine("|--------------------------|------------------|----------------|-------------------------------|");
            foreach (var (name, truth) in Populations)
            {
                var rhythms = Draw(truth, customers, 1825, new Random(9));
                var distinct = rhythms.Select(c => (c.RepeatPurchases, Math.Round(c.ActiveDays), Math.Round(c.TenureDays))).Distinct().Count();
                PurchaseModelFit.Fit(rhythms.Take(2000), prior); // JIT warm-up
                var best = double.MaxValue;
                PurchaseModelParameters fitted = null;
                for (var round = 0; round < 3; round++)
                {
                    var watch = Stopwatch.StartNew();
                    fitted = PurchaseModelFit.Fit(rhythms, prior);
                    best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
                }
                Console.WriteLine($"| {name,-24} | {distinct,16:N0} | {best,14:N0} | {fitted.R,5:0.000}, {fitted.Alpha,6:0.0}, {fitted.A,5:0.000}, {fitted.B,6:0.000} |");
            }
        }

        /// <summary>Customers of the BG/NBD process: gamma(r, α) rates, beta(a, b) dropout, first purchases uniform over <paramref name="days"/>.</summary>
        private static List<PurchaseRhythm> Draw(PurchaseModelParameters p, int customers, int days, Random random)
        {
            var rhythms = new List<PurchaseRhythm>(customers);
            for (var i = 0; i < customers; i++)
            {
                var rate = Gamma(random, p.R) / p.Alpha;
                var shape = Gamma(random, p.A);
                var dropout = shape / (shape + Gamma(random, p.B));
                var tenure = Math.Floor(random.NextDouble() * days);
                double t = 0, last = 0;
                var repeats = 0;
                while ((t += -Math.Log(1 - random.NextDouble()) / rate) <= tenure)
                {
                    repeats++;
                    last = t;
                    if (random.NextDouble() < dropout) break;
                }
                rhythms.Add(new PurchaseRhythm(repeats, Math.Floor(last), tenure));
            }
            return rhythms;
        }
    }
}
