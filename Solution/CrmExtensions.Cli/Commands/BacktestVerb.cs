using System;
using System.CommandLine;
using System.IO;
using CrmExtensions.Cli.Backtest;
using CrmExtensions.Cli.Failures;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>backtest: evaluate customers as of a cut-off and compare with what they did next.</summary>
    public static class BacktestVerb
    {
        public static Command Create(CliContext context)
        {
            var transactions = new Option<string>("--transactions") { Description = "Transaction file (customer,date,amount[,product_family] or the CDNOW layout)", Required = true };
            var asOf = new Option<string>("--as-of") { Description = "Cut-off, yyyy-MM-dd", Required = true }.Day();
            var holdout = new Option<string>("--holdout-until") { Description = "End of the holdout, yyyy-MM-dd", Required = true }.Day();
            var settings = new Option<string>("--settings") { Description = "Settings JSON to evaluate with (default: the shipped defaults)" };
            var json = new Option<bool>("--json") { Description = "Print the backtest as JSON: its sections, each with its sentences and tables (for a pipeline)" };
            var backtest = new Command("backtest", "Evaluate customers as of a cut-off and compare with what they did next") { transactions, asOf, holdout, settings, json };
            backtest.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                context.Json = r.GetValue(json);
                var settingsFile = CrmextCommand.FullPath(r, settings);
                var result = BacktestRun.Run(TransactionFile.Load(CrmextCommand.FullPath(r, transactions)), settingsFile == null ? null : File.ReadAllText(settingsFile),
                    Day(r, asOf), Day(r, holdout));
                ReportVerb.Print(context, BacktestReport.Build(result));
                return 0;
            }));
            return backtest;
        }

        private static DateTime Day(ParseResult result, Option<string> option) => OptionRules.TryDay(result.GetValue(option), out var day) ? day : default;
    }
}
