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
            var report = new Command("report", "Print the tier, value matrix, lifecycle, churn, retention and KPI report of the org's accounts") { connection };
            report.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                CustomerReport.Write(context.Output, CrmextCommand.Org(context, r, connection), DateTime.UtcNow);
                return 0;
            }));
            return report;
        }
    }
}
