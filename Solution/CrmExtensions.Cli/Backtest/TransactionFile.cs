using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace CrmExtensions.Cli.Backtest
{
    /// <summary>One purchase: a customer's purchases on one day (several rows of one day are one purchase).</summary>
    public sealed class Purchase
    {
        public Purchase(string customer, DateTime date, decimal amount, IReadOnlyCollection<string> families)
        {
            Customer = customer;
            Date = date;
            Amount = amount;
            Families = families;
        }

        public string Customer { get; }
        public DateTime Date { get; }
        public decimal Amount { get; }
        public IReadOnlyCollection<string> Families { get; }
    }

    public sealed class TransactionFileException : Exception
    {
        public TransactionFileException(string message) : base(message) { }
    }

    /// <summary>
    /// Reads a transaction file: a CSV with a header naming customer, date (yyyy-MM-dd), amount and optionally
    /// product_family; or the CDNOW layout of the research datasets (whitespace separated, no header: master id,
    /// customer id, yyyymmdd, quantity, amount). Bad lines are reported with their number, never skipped.
    /// </summary>
    public static class TransactionFile
    {
        public static IReadOnlyList<Purchase> Load(string path)
        {
            if (!File.Exists(path)) throw new TransactionFileException($"Transaction file not found: {path}");
            var lines = File.ReadAllLines(path);
            var first = lines.FirstOrDefault(l => l.Trim().Length > 0) ?? throw new TransactionFileException($"{path} is empty.");
            var rows = first.Contains(",") ? Csv(path, lines) : Cdnow(path, lines);
            return rows.GroupBy(r => (r.customer, r.date))
                .Select(g => new Purchase(g.Key.customer, g.Key.date, g.Sum(r => r.amount),
                    g.Where(r => !string.IsNullOrWhiteSpace(r.family)).Select(r => r.family).Distinct(StringComparer.OrdinalIgnoreCase).ToList()))
                .OrderBy(p => p.Customer, StringComparer.Ordinal).ThenBy(p => p.Date).ToList();
        }

        private static IEnumerable<(string customer, DateTime date, decimal amount, string family)> Csv(string path, string[] lines)
        {
            var header = lines[0].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToList();
            int Column(string name, bool required)
            {
                var index = header.IndexOf(name);
                if (index < 0 && required) throw new TransactionFileException($"{path}(1): the header must name '{name}' (columns: customer, date, amount[, product_family]).");
                return index;
            }
            int customer = Column("customer", true), date = Column("date", true), amount = Column("amount", true), family = Column("product_family", false);
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0) continue;
                var values = lines[i].Split(',').Select(v => v.Trim()).ToArray();
                if (values.Length != header.Count) throw new TransactionFileException($"{path}({i + 1}): expected {header.Count} values, found {values.Length}.");
                yield return (Customer(path, i, values[customer]), Date(path, i, values[date], "yyyy-MM-dd"), Amount(path, i, values[amount]), family < 0 ? null : values[family]);
            }
        }

        private static IEnumerable<(string customer, DateTime date, decimal amount, string family)> Cdnow(string path, string[] lines)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0) continue;
                var values = lines[i].Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
                if (values.Length != 5) throw new TransactionFileException($"{path}({i + 1}): expected 5 whitespace-separated values (CDNOW layout) or a CSV header.");
                yield return (Customer(path, i, values[1]), Date(path, i, values[2], "yyyyMMdd"), Amount(path, i, values[4]), null);
            }
        }

        private static string Customer(string path, int line, string value) =>
            value.Length > 0 ? value : throw new TransactionFileException($"{path}({line + 1}): the customer is empty.");

        private static DateTime Date(string path, int line, string value, string format) =>
            DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d)
                ? d : throw new TransactionFileException($"{path}({line + 1}): '{value}' is not a date ({format}).");

        private static decimal Amount(string path, int line, string value) =>
            decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a >= 0
                ? a : throw new TransactionFileException($"{path}({line + 1}): '{value}' is not an amount (a number of at least 0).");
    }
}
