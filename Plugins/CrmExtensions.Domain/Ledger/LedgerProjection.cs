using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>A ledger as the rules see it: the purchase summary from its purchases and totals, then each slot's facts.</summary>
    internal static class LedgerProjection
    {
        public static CustomerFacts ToFacts(CustomerFactsLedger ledger, Guid customerId, LedgerDate at, ValueTier? previousTier,
            IReadOnlyDictionary<RetentionActionKind, DateTime> lastCompleted)
        {
            var live = ledger.Purchases.Live.ToList();
            var facts = new CustomerFacts
            {
                CustomerId = customerId,
                AsOf = at.AsOf,
                Purchases = Summary(ledger, customerId, live, at),
                PreviousTier = previousTier,
                LastCompletedActions = lastCompleted ?? new Dictionary<RetentionActionKind, DateTime>(),
                RecentPurchaseDates = live.Select(p => p.Date).ToList(),
            };
            foreach (var slot in LedgerSlots.All) slot.Project(ledger, facts, at);
            return facts;
        }

        private static PurchaseSummary Summary(CustomerFactsLedger ledger, Guid customerId, List<PurchaseEntry> live, LedgerDate at)
        {
            var settings = at.Settings;
            var analysis = settings.Analysis;
            var lifetime = new PurchaseTotals();
            foreach (var table in live.Select(p => p.Table).Concat(ledger.Earlier.Keys).Distinct(StringComparer.Ordinal))
            {
                var earlier = ledger.Earlier.TryGetValue(table, out var e) ? e : new PurchaseTotals();
                var ofTable = live.Where(p => p.Table == table).ToList();
                var revenue = earlier.Revenue + ofTable.Sum(p => p.Revenue);
                var discount = earlier.Discount + ofTable.Sum(p => p.Discount);
                if (revenue < 0 || discount < 0)
                    throw new DomainValidationException($"The {table} records of customer {customerId} add up to a negative amount ({revenue}); " +
                        "correct the records with negative totals or discounts before recalculating.");
                lifetime.Add(earlier.Orders + ofTable.Count, revenue, discount,
                    Min(earlier.First, ofTable.Select(p => (DateTime?)p.Date).Min()), Max(earlier.Last, ofTable.Select(p => (DateTime?)p.Date).Max()),
                    earlier.Families.Concat(ofTable.Where(p => p.Families != null).SelectMany(p => p.Families)));
            }

            var periods = new PeriodActivity[analysis.HistoryPeriods];
            var latest = at.AsOf.AddDays(analysis.FutureToleranceDays + 1);
            foreach (var p in live.Where(p => p.Date < latest))
            {
                var index = PurchasePeriods.IndexOf(p.Date, at.AsOf, analysis.PeriodMonths, analysis.HistoryPeriods);
                if (index < 0) continue;
                var period = periods[index];
                periods[index] = new PeriodActivity(period.Orders + 1, period.Revenue + p.Revenue, period.Profit + p.Revenue * settings.Clp.DefaultMarginRate);
            }
            var gross = lifetime.Revenue + lifetime.Discount;
            return lifetime.Orders == 0
                ? PurchaseSummary.None(analysis.HistoryPeriods)
                : new PurchaseSummary(lifetime.First, lifetime.Last, lifetime.Orders, periods, lifetime.Families.Count,
                    gross <= 0 ? 1m : Math.Max(0m, Math.Min(1m, lifetime.Revenue / gross)));
        }

        private static DateTime? Min(DateTime? a, DateTime? b) => !a.HasValue ? b : !b.HasValue ? a : (a < b ? a : b);
        private static DateTime? Max(DateTime? a, DateTime? b) => !a.HasValue ? b : !b.HasValue ? a : (a > b ? a : b);
    }
}
