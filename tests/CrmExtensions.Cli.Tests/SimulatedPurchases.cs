using System;
using System.Collections.Generic;
using System.Globalization;
using static CrmExtensions.Tests.RandomDraws;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// A transaction file of customers drawn from the BG/NBD process (Fader, Hardie &amp; Lee 2005): customers we do not
    /// have, with whatever parameters a test picks. Each buys at its own gamma(r, α) rate, may drop out after every
    /// purchase with its own beta(a, b) chance, and spends around its own gamma-distributed mean.
    /// </summary>
    internal static class SimulatedPurchases
    {
        /// <summary>"customer,date,amount" lines: first purchases spread over <paramref name="joinDays"/>, purchases until <paramref name="untilDays"/>.</summary>
        public static IEnumerable<string> Csv(double r, double alpha, double a, double b, int customers, DateTime start, int joinDays, int untilDays, int seed)
        {
            var random = new Random(seed);
            yield return "customer,date,amount";
            for (var i = 0; i < customers; i++)
            {
                var rate = Gamma(random, r) / alpha;
                var dropout = Beta(random, a, b);
                var spend = 30 * Gamma(random, 2);
                for (var t = random.NextDouble() * joinDays; t <= untilDays; t += -Math.Log(1 - random.NextDouble()) / rate)
                {
                    var amount = spend * Gamma(random, 5) / 5;
                    yield return string.Format(CultureInfo.InvariantCulture, "c{0},{1:yyyy-MM-dd},{2:0.00}", i, start.AddDays(Math.Floor(t)), amount);
                    if (random.NextDouble() < dropout) break;
                }
            }
        }
    }
}
