using System;
using System.CommandLine;
using CrmExtensions.Cli.Reports;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>report: the tier, value matrix, lifecycle, churn, retention and KPI report the demo prints, read from an org.</summary>
    public static class ReportVerb
    {
        public static Command Create(CliContext context)
        {
            var connection = CrmextCommand.ConnectionOption();
            var json = new Option<bool>("--json") { Description = "Print the report as JSON: its sections, each with its sentences and tables (for a pipeline)" };
            var report = new Command("report", "Print the tier, value matrix, lifecycle, churn, retention and KPI report of the org's accounts") { connection, json };
            report.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                context.Json = r.GetValue(json);
                Print(context, CustomerReport.Build(CrmextCommand.Org(context, r, connection), DateTime.UtcNow, ChoiceLabels.Load(context.Product.SolutionSource)));
                return 0;
            }));
            return report;
        }

        /// <summary>The report as JSON with --json, else as text.</summary>
        public static void Print(CliContext context, ReportDocument document)
        {
            if (context.Json) context.Output.WriteLine(document.ToJson());
            else ReportText.Write(context.Output, document);
        }
    }
}
