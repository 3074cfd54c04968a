using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>
    /// The report a new user reads: tiers, the value matrix, lifecycle, churn risks, retention work, who we know at the
    /// accounts that matter, competitors, relationship types, account groups, lost customers and KPIs per lifecycle phase.
    /// </summary>
    public static class DemoReport
    {
        public static void Write(TextWriter output, InMemoryDataverse host, SampleDataset data)
        {
            var accounts = host.Store.Rows(Account.EntityLogicalName).ToList();
            var stageOf = accounts.ToDictionary(a => a.Id, a => DemoRunner.Option<LifecycleStage>(a, CustomerColumns.LifecycleStage));
            var tierOf = accounts.ToDictionary(a => a.Id, a => DemoRunner.Option<ValueTier>(a, CustomerColumns.Tier));

            output.WriteLine();
            output.WriteLine("== Tier distribution and value matrix (current value × growth potential, per year)");
            Table(output, new[] { "tier", "customers", "avg current value", "avg growth potential", "avg lifetime profit", "investment", "strategy" },
                Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>().Select(tier =>
                {
                    var rows = accounts.Where(a => tierOf[a.Id] == tier).ToList();
                    var policy = Domain.Configuration.SettingsLoader.Defaults.ValueMatrix.Policies[tier];
                    return new[]
                    {
                        tier.ToString(), rows.Count.ToString(CultureInfo.InvariantCulture), Avg(rows, CustomerColumns.CurrentValue), Avg(rows, CustomerColumns.GrowthPotential),
                        Avg(rows, CustomerColumns.LifetimeProfit), policy.Investment.ToString(), policy.Strategy.ToString(),
                    };
                }));
            output.WriteLine();
            output.WriteLine("                 low potential        high potential");
            output.WriteLine($"  high current    gold     {Count(tierOf, ValueTier.Gold),5}       platinum {Count(tierOf, ValueTier.Platinum),5}");
            output.WriteLine($"  low current     lead     {Count(tierOf, ValueTier.Lead),5}       iron     {Count(tierOf, ValueTier.Iron),5}");

            output.WriteLine();
            output.WriteLine("== Lifecycle stages");
            Table(output, new[] { "stage", "customers", "patterns (declining)" }, Enum.GetValues(typeof(LifecycleStage)).Cast<LifecycleStage>().Select(stage =>
            {
                var rows = accounts.Where(a => stageOf[a.Id] == stage).ToList();
                var patterns = rows.Select(a => DemoRunner.Label<LifecyclePattern>(a, CustomerColumns.LifecyclePattern)).Where(p => p != "-")
                    .GroupBy(p => p).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
                return new[] { stage.ToString(), rows.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", patterns) };
            }));

            output.WriteLine();
            output.WriteLine("== Top churn risks");
            Table(output, new[] { "customer", "tier", "risk", "reasons" }, accounts
                .OrderByDescending(a => a.GetAttributeValue<int>(CustomerColumns.ChurnRisk)).ThenBy(a => a.GetAttributeValue<string>(Account.Name)).Take(10)
                .Select(a => new[] { a.GetAttributeValue<string>(Account.Name), tierOf[a.Id]?.ToString() ?? "-",
                    a.GetAttributeValue<int>(CustomerColumns.ChurnRisk).ToString(CultureInfo.InvariantCulture), a.GetAttributeValue<string>(CustomerColumns.ChurnReasons) ?? "" }));

            output.WriteLine();
            output.WriteLine("== Retention activities scheduled (open)");
            var open = new[] { RetentionActivity.Task, RetentionActivity.PhoneCall }.SelectMany(t => host.Store.Rows(t))
                .Where(a => a.Contains(RetentionActivity.Key) && a.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value == RetentionActivity.StateOpen).ToList();
            Table(output, new[] { "action", "activity", "open", "due in next 14 days" }, open
                .GroupBy(a => Choice.FromOption<RetentionActionKind>(a.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value)).OrderBy(g => g.Key)
                .Select(g => new[] { g.Key.ToString(), g.First().LogicalName, g.Count().ToString(CultureInfo.InvariantCulture),
                    g.Count(a => a.GetAttributeValue<DateTime>(RetentionActivity.ScheduledEnd) <= DemoRunner.AsOf.AddDays(14)).ToString(CultureInfo.InvariantCulture) }));

            RelationshipReport.Write(output, host, accounts);
            LossReport.Write(output, host, accounts, data);
        }

        private static int Count(Dictionary<Guid, ValueTier?> tiers, ValueTier tier) => tiers.Values.Count(t => t == tier);

        private static string Avg(List<Entity> rows, string column) =>
            rows.Count == 0 ? "-" : rows.Average(r => r.GetAttributeValue<Money>(column)?.Value ?? 0m).ToString("N0", CultureInfo.InvariantCulture);

        internal static void Table(TextWriter output, string[] header, IEnumerable<string[]> rows)
        {
            var all = new[] { header }.Concat(rows.Select(r => r.Select(c => c.Length > 90 ? c.Substring(0, 89) + "…" : c).ToArray())).ToList();
            var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
            string Line(string[] r) => "| " + string.Join(" | ", r.Select((c, i) => c.PadRight(widths[i]))) + " |";
            output.WriteLine(Line(header));
            output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
            foreach (var row in all.Skip(1)) output.WriteLine(Line(row));
        }
    }
}
