using System;
using System.Diagnostics;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Rfm;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Benchmarks
{
    /// <summary>
    /// Scores synthetic customers from precomputed aggregates on one core: tier + RFM (the bulk-recalculation hot path,
    /// target ≥ 1,000,000 customers/s) and the full evaluation (all rules, retention actions included).
    /// </summary>
    internal static class DomainThroughput
    {
        private struct Aggregates
        {
            public int? RecencyDays;
            public int Frequency;
            public decimal Monetary;
            public decimal CurrentValue;
            public decimal GrowthPotential;
        }

        public static void Run(int customers)
        {
            var settings = SettingsLoader.Load(null);
            var random = new Random(42);
            var data = new Aggregates[customers];
            for (var i = 0; i < customers; i++)
            {
                data[i] = new Aggregates
                {
                    RecencyDays = random.Next(10) == 0 ? (int?)null : random.Next(0, 800),
                    Frequency = random.Next(0, 30),
                    Monetary = random.Next(0, 100000),
                    CurrentValue = random.Next(0, 20000),
                    GrowthPotential = random.Next(0, 8000),
                };
            }
            var rfm = new RfmScorer(settings.Rfm);
            var matrix = new CustomerValueMatrix(settings.ValueMatrix);

            // Warm up the JIT before measuring.
            var checksum = Score(data, rfm, matrix, Math.Min(customers, 10000));
            var watch = Stopwatch.StartNew();
            checksum += Score(data, rfm, matrix, customers);
            watch.Stop();
            var tierRfmRate = customers / watch.Elapsed.TotalSeconds;

            var evaluator = new CustomerEvaluator(settings);
            var facts = Facts(settings, random, Math.Min(customers, 200000));
            foreach (var f in facts) checksum += (int)evaluator.Evaluate(f).Tier;
            watch.Restart();
            foreach (var f in facts) checksum += (int)evaluator.Evaluate(f).Tier;
            watch.Stop();
            var fullRate = facts.Length / watch.Elapsed.TotalSeconds;

            Console.WriteLine();
            Console.WriteLine("Domain throughput (single thread, precomputed aggregates)");
            Console.WriteLine("| workload                    | customers | customers/s | target      | ratio to target |");
            Console.WriteLine("|-----------------------------|-----------|-------------|-------------|-----------------|");
            Console.WriteLine($"| tier + RFM                  | {customers,9:N0} | {tierRfmRate,11:N0} | ≥ 1,000,000 | {tierRfmRate / 1_000_000,15:0.00} |");
            Console.WriteLine($"| full evaluation (all rules) | {facts.Length,9:N0} | {fullRate,11:N0} | (reported)  |               - |");
            Console.WriteLine($"(checksum {checksum})");
        }

        private static long Score(Aggregates[] data, RfmScorer rfm, CustomerValueMatrix matrix, int count)
        {
            long checksum = 0;
            for (var i = 0; i < count; i++)
            {
                ref var a = ref data[i];
                var score = rfm.Score(a.RecencyDays, a.Frequency, a.Monetary);
                var tier = matrix.Classify(a.CurrentValue, a.GrowthPotential);
                checksum += score.Recency + score.Frequency + score.Monetary + (int)tier;
            }
            return checksum;
        }

        private static CustomerFacts[] Facts(CrmExtensionsSettings settings, Random random, int count)
        {
            var asOf = new DateTime(2026, 11, 1);
            var facts = new CustomerFacts[count];
            for (var i = 0; i < count; i++)
            {
                var periods = new PeriodActivity[settings.Analysis.HistoryPeriods];
                var orders = 0;
                for (var p = 0; p < periods.Length; p++)
                {
                    var n = random.Next(0, 4);
                    var revenue = n * (decimal)random.Next(100, 5000);
                    periods[p] = new PeriodActivity(n, revenue, revenue * 0.25m);
                    orders += n;
                }
                var summary = orders == 0
                    ? PurchaseSummary.None(periods.Length)
                    : new PurchaseSummary(asOf.AddDays(-random.Next(400, 2000)), asOf.AddDays(-random.Next(0, 300)), orders, periods, random.Next(1, 6), (decimal)random.NextDouble());
                facts[i] = new CustomerFacts { CustomerId = Guid.NewGuid(), AsOf = asOf, Purchases = summary, ReferralsMade = random.Next(0, 4) };
            }
            return facts;
        }
    }
}
