using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using CrmExtensions.Cli.Backtest;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>backtest: evaluate customers as of a cut-off and compare with what they did next.</summary>
    public static class BacktestVerb
    {
        public static Command Create(CliContext context)
        {
            var transactions = new Option<string>("--transactions") { Description = "Transaction file (customer,date,amount[,product_family] or the CDNOW layout)", Required = true };
            var asOf = new Option<string>("--as-of") { Description = "Cut-off, yyyy-MM-dd", Required = true };
            var holdout = new Option<string>("--holdout-until") { Description = "End of the holdout, yyyy-MM-dd", Required = true };
            var settings = new Option<string>("--settings") { Description = "Settings JSON to evaluate with (default: the shipped defaults)" };
            var backtest = new Command("backtest", "Evaluate customers as of a cut-off and compare with what they did next") { transactions, asOf, holdout, settings };
            backtest.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var settingsFile = CrmextCommand.FullPath(r, settings);
                var result = BacktestRun.Run(TransactionFile.Load(CrmextCommand.FullPath(r, transactions)), settingsFile == null ? null : File.ReadAllText(settingsFile),
                    Day(r.GetValue(asOf), "--as-of"), Day(r.GetValue(holdout), "--holdout-until"));
                BacktestReport.Write(context.Output, result);
                return 0;
            }));
            return backtest;
        }

        private static DateTime Day(string text, string name) =>
            DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
                ? day : throw new ArgumentException($"{name} '{text}' is not a date (yyyy-MM-dd).");
    }
}
