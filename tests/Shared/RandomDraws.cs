using System;

namespace CrmExtensions.Tests
{
    /// <summary>
    /// Draws for the simulated customers the tests and benchmarks make (BG/NBD rates and dropouts, gamma spends); one
    /// source file linked into each project, so every simulation draws from the same sequence for the same seed.
    /// </summary>
    internal static class RandomDraws
    {
        /// <summary>Marsaglia–Tsang gamma(shape, 1) sampler (with the boost for shape below 1).</summary>
        public static double Gamma(Random random, double shape)
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

        public static double Beta(Random random, double a, double b)
        {
            var x = Gamma(random, a);
            return x / (x + Gamma(random, b));
        }
    }
}
