using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>Validates raw purchase lines and reduces them to a <see cref="PurchaseSummary"/> in base currency.</summary>
    public sealed class PurchaseSummaryBuilder
    {
        private readonly CrmExtensionsSettings _settings;

        public PurchaseSummaryBuilder(CrmExtensionsSettings settings) { _settings = settings; }

        public PurchaseSummary Build(IEnumerable<PurchaseLine> lines, DateTime asOf)
        {
            var analysis = _settings.Analysis;
            var list = (lines ?? throw new DomainValidationException("Purchase lines are required (pass an empty list for none).")).ToList();
            var periods = new PeriodActivity[analysis.HistoryPeriods];
            if (list.Count == 0) return PurchaseSummary.None(analysis.HistoryPeriods);

            var latestAllowed = asOf.AddDays(analysis.FutureToleranceDays);
            var families = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            decimal revenue = 0, listValue = 0;
            for (var i = 0; i < list.Count; i++)
            {
                var line = list[i] ?? throw new DomainValidationException($"Purchase line {i + 1} is empty.");
                if (line.Amount < 0) throw new DomainValidationException($"Purchase line {i + 1} has a negative amount ({line.Amount}); returns must be booked as credit notes, not negative orders.");
                if (line.Discount < 0) throw new DomainValidationException($"Purchase line {i + 1} has a negative discount ({line.Discount}).");
                if (line.OrderedOn > latestAllowed) throw new DomainValidationException($"Purchase line {i + 1} is dated {line.OrderedOn:yyyy-MM-dd}, after the evaluation date {asOf:yyyy-MM-dd}.");
                var amount = ToBase(line.Amount, line.Currency, i + 1);
                var profit = line.Margin.HasValue ? ToBase(line.Margin.Value, line.Currency, i + 1) : amount * _settings.Clp.DefaultMarginRate;
                if (!string.IsNullOrWhiteSpace(line.ProductFamily)) families.Add(line.ProductFamily.Trim());
                revenue += amount;
                listValue += amount + ToBase(line.Discount, line.Currency, i + 1);
                var index = PeriodIndex(line.OrderedOn, asOf, analysis.PeriodMonths, periods.Length);
                if (index >= 0)
                {
                    var p = periods[index];
                    periods[index] = new PeriodActivity(p.Orders + 1, p.Revenue + amount, p.Profit + profit);
                }
            }
            return new PurchaseSummary(list.Min(l => l.OrderedOn), list.Max(l => l.OrderedOn), list.Count, periods, families.Count,
                listValue == 0 ? 1m : revenue / listValue);
        }

        /// <summary>
        /// Index of the period that holds <paramref name="date"/>; -1 if older. Periods are whole calendar months counted back
        /// from the month of <paramref name="asOf"/>, so line-by-line and month-grouped (FetchXML) summaries agree exactly.
        /// </summary>
        public static int PeriodIndex(DateTime date, DateTime asOf, int periodMonths, int periodCount)
        {
            var monthsBack = (asOf.Year - date.Year) * 12 + asOf.Month - date.Month;
            var back = Math.Max(0, monthsBack) / periodMonths;
            return back >= periodCount ? -1 : periodCount - 1 - back;
        }

        private decimal ToBase(decimal amount, string currency, int lineNumber)
        {
            var code = string.IsNullOrWhiteSpace(currency) ? _settings.Currency.BaseCurrency : currency.Trim().ToUpperInvariant();
            if (!_settings.Currency.ExchangeRates.TryGetValue(code, out var rate))
                throw new DomainValidationException($"Purchase line {lineNumber} is in currency '{code}', which has no exchange rate in the settings (currency.exchangeRates).");
            return amount * rate;
        }
    }
}
