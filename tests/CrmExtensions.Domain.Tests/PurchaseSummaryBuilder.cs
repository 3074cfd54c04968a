using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Tests
{
    /// <summary>
    /// A purchase history stated line by line, reduced to the <see cref="PurchaseSummary"/> the ledger projects, for tests that
    /// give the rules a history directly. Amounts are in the base currency, as the platform's *_base columns give them.
    /// </summary>
    public sealed class PurchaseSummaryBuilder
    {
        private readonly CrmExtensionsSettings _settings;

        public PurchaseSummaryBuilder(CrmExtensionsSettings settings) { _settings = settings; }

        public PurchaseSummary Build(IEnumerable<PurchaseLine> lines, DateTime asOf)
        {
            var analysis = _settings.Analysis;
            var list = lines.ToList();
            var periods = new PeriodActivity[analysis.HistoryPeriods];
            if (list.Count == 0) return PurchaseSummary.None(analysis.HistoryPeriods);

            var families = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            decimal revenue = 0, listValue = 0;
            for (var i = 0; i < list.Count; i++)
            {
                var line = list[i];
                var amount = line.Amount;
                var profit = line.Margin.HasValue ? line.Margin.Value : amount * _settings.Clp.DefaultMarginRate;
                if (!string.IsNullOrWhiteSpace(line.ProductFamily)) families.Add(line.ProductFamily.Trim());
                revenue += amount;
                listValue += amount + line.Discount;
                var index = PurchasePeriods.IndexOf(line.OrderedOn, asOf, analysis.PeriodMonths, periods.Length);
                if (index >= 0)
                {
                    var p = periods[index];
                    periods[index] = new PeriodActivity(p.Orders + 1, p.Revenue + amount, p.Profit + profit);
                }
            }
            return new PurchaseSummary(list.Min(l => l.OrderedOn), list.Max(l => l.OrderedOn), list.Count, periods, families.Count,
                listValue == 0 ? 1m : revenue / listValue);
        }
    }

    /// <summary>One order or invoice line as the rules see it: when, how much, what kind of product.</summary>
    public sealed class PurchaseLine
    {
        public PurchaseLine(DateTime orderedOn, decimal amount, string productFamily = null, decimal? margin = null, decimal discount = 0m)
        {
            OrderedOn = orderedOn;
            Amount = amount;
            ProductFamily = productFamily;
            Margin = margin;
            Discount = discount;
        }

        public DateTime OrderedOn { get; }

        /// <summary>Net amount in the base currency.</summary>
        public decimal Amount { get; }

        public string ProductFamily { get; }

        /// <summary>Profit on the line when known (amount minus cost); otherwise the configured margin rate applies.</summary>
        public decimal? Margin { get; }

        /// <summary>Discount granted on the line; zero means bought at list price.</summary>
        public decimal Discount { get; }
    }
}
