using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;
using static CrmExtensions.Tests.RandomDraws;

namespace CrmExtensions.Domain.Tests
{
    /// <summary>One customer drawn from the BG/NBD process: its rhythm at the end of observation and what it did next.</summary>
    internal sealed class SimulatedCustomer
    {
        public SimulatedCustomer(PurchaseRhythm rhythm, bool active, bool buysInHoldout)
        {
            Rhythm = rhythm;
            Active = active;
            BuysInHoldout = buysInHoldout;
        }

        public PurchaseRhythm Rhythm { get; }

        /// <summary>Not yet dropped out at the end of observation.</summary>
        public bool Active { get; }

        public bool BuysInHoldout { get; }
    }

    /// <summary>Customers drawn from the BG/NBD process itself: rates from gamma(r, α), dropout chances from beta(a, b).</summary>
    internal static class Synthetic
    {
        public static IEnumerable<PurchaseRhythm> Population(PurchaseModelParameters p, int customers, double days, int seed) =>
            Customers(p, customers, days, 0, seed).Select(c => c.Rhythm);

        /// <summary>
        /// Customers observed for up to <paramref name="days"/> (each makes its first purchase at a uniformly drawn day), with
        /// what the process did next: whether each was still active at the end and buys within <paramref name="holdoutDays"/>.
        /// </summary>
        public static IEnumerable<SimulatedCustomer> Customers(PurchaseModelParameters p, int customers, double days, double holdoutDays, int seed)
        {
            var random = new Random(seed);
            for (var i = 0; i < customers; i++)
            {
                var rate = Gamma(random, p.R) / p.Alpha;
                var dropout = Beta(random, p.A, p.B);
                var tenure = random.NextDouble() * days;
                double t = 0, last = 0;
                var repeats = 0;
                var active = true;
                while (true)
                {
                    t += -Math.Log(1 - random.NextDouble()) / rate;
                    if (t > tenure) break;
                    repeats++;
                    last = t;
                    if (random.NextDouble() < dropout)
                    {
                        active = false;
                        break;
                    }
                }
                // An active customer's next purchase is the one drawn past the end of its observation.
                yield return new SimulatedCustomer(new PurchaseRhythm(repeats, last, tenure), active, active && t <= tenure + holdoutDays);
            }
        }

        /// <summary>Facts for the rhythms: purchases spread evenly between first and last, 100 × scale each.</summary>
        public static List<CustomerFacts> Facts(IEnumerable<PurchaseRhythm> rhythms, decimal scale, CrmExtensionsSettings settings)
        {
            var builder = new PurchaseSummaryBuilder(settings);
            return rhythms.Select((c, i) =>
            {
                var first = Build.AsOf.AddDays(-c.TenureDays);
                var lines = Enumerable.Range(0, c.RepeatPurchases + 1)
                    .Select(k => new PurchaseLine(first.AddDays(c.RepeatPurchases == 0 ? 0 : c.ActiveDays * k / c.RepeatPurchases), (100 + i % 7 * 20) * scale));
                return new CustomerFacts { CustomerId = Guid.NewGuid(), AsOf = Build.AsOf, Purchases = builder.Build(lines, Build.AsOf) };
            }).ToList();
        }
    }
}
