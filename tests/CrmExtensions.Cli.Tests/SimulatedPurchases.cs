using System;
using System.Collections.Generic;
using System.Globalization;

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

        /// <summary>Marsaglia–Tsang gamma(shape, 1) sampler (with the boost for shape below 1).</summary>
        private static double Gamma(Random random, double shape)
        {
            if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
            var d = shape - 1.0 / 3;
            var c = 1 / Math.Sqrt(9 * d);
            while (true)
            {
                double x, v;
                do
                {
                    x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                    v = 1 + c * x;
                } while (v <= 0);
                v = v * v * v;
                if (Math.Log(random.NextDouble()) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
            }
        }

        private static double Beta(Random random, double a, double b)
        {
            var x = Gamma(random, a);
            return x / (x + Gamma(random, b));
        }
    }
}
