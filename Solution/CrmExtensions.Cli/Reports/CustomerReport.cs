using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// The report a new user reads, from an org: tiers and the value matrix, lifecycle, churn risks, retention work, who we
    /// know at the accounts that matter, competitors, relationship types, account groups, lost customers and KPIs per
    /// lifecycle phase. Everything is read through IOrganizationService, so the demo's host and a live org print the same report.
    /// </summary>
    public static class CustomerReport
    {
        private static readonly string[] AccountColumns =
        {
            Account.Name, CustomerColumns.Tier, CustomerColumns.CurrentValue, CustomerColumns.GrowthPotential, CustomerColumns.LifetimeProfit,
            CustomerColumns.LifecycleStage, CustomerColumns.LifecyclePattern, CustomerColumns.ChurnRisk, CustomerColumns.ChurnRiskBand, CustomerColumns.ChurnReasons,
        };

        public static void Write(TextWriter output, IOrganizationService service, DateTime asOf, CrmExtensionsSettings settings = null)
        {
            settings = settings ?? SettingsLoader.Defaults;
            var accounts = All(service, Account.EntityLogicalName, AccountColumns);
            var stageOf = accounts.ToDictionary(a => a.Id, a => Option<LifecycleStage>(a, CustomerColumns.LifecycleStage));
            var tierOf = accounts.ToDictionary(a => a.Id, a => Option<ValueTier>(a, CustomerColumns.Tier));

            output.WriteLine();
            output.WriteLine("== Tier distribution and value matrix (current value × growth potential, per year)");
            Table(output, new[] { "tier", "customers", "avg current value", "avg growth potential", "avg lifetime profit", "investment", "strategy" },
                Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>().Select(tier =>
                {
                    var rows = accounts.Where(a => tierOf[a.Id] == tier).ToList();
                    var policy = settings.ValueMatrix.Policies[tier];
                    return new[]
                    {
                        tier.ToString(), Number(rows.Count), Avg(rows, CustomerColumns.CurrentValue), Avg(rows, CustomerColumns.GrowthPotential),
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
                var patterns = rows.Select(a => Label<LifecyclePattern>(a, CustomerColumns.LifecyclePattern)).Where(p => p != "-")
                    .GroupBy(p => p).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
                return new[] { stage.ToString(), Number(rows.Count), string.Join(", ", patterns) };
            }));

            output.WriteLine();
            output.WriteLine("== Top churn risks");
            Table(output, new[] { "customer", "tier", "risk", "reasons" }, accounts
                .OrderByDescending(a => a.GetAttributeValue<int>(CustomerColumns.ChurnRisk)).ThenBy(a => a.GetAttributeValue<string>(Account.Name), StringComparer.Ordinal).Take(10)
                .Select(a => new[]
                {
                    a.GetAttributeValue<string>(Account.Name), tierOf[a.Id]?.ToString() ?? "-", Number(a.GetAttributeValue<int>(CustomerColumns.ChurnRisk)),
                    a.GetAttributeValue<string>(CustomerColumns.ChurnReasons) ?? "",
                }));

            output.WriteLine();
            output.WriteLine("== Retention activities scheduled (open)");
            var open = OpenRetentionActivities(service);
            Table(output, new[] { "action", "activity", "open", "due in next 14 days" }, open
                .GroupBy(a => Choice.FromOption<RetentionActionKind>(a.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value)).OrderBy(g => g.Key)
                .Select(g => new[]
                {
                    g.Key.ToString(), g.First().LogicalName, Number(g.Count()),
                    Number(g.Count(a => a.GetAttributeValue<DateTime>(RetentionActivity.ScheduledEnd) <= asOf.AddDays(14))),
                }));

            RelationshipReport.Write(output, service, asOf, settings);
            LossReport.Write(output, service, asOf, settings);
        }

        internal static List<Entity> All(IOrganizationService service, string table, params string[] columns) =>
            PagedQuery.All(service, new QueryExpression(table) { ColumnSet = new ColumnSet(columns) }).ToList();

        private static List<Entity> OpenRetentionActivities(IOrganizationService service) =>
            new[] { RetentionActivity.Task, RetentionActivity.PhoneCall }.SelectMany(table =>
            {
                var query = new QueryExpression(table) { ColumnSet = new ColumnSet(RetentionActivity.Action, RetentionActivity.ScheduledEnd) };
                query.Criteria.AddCondition(RetentionActivity.Key, ConditionOperator.NotNull);
                query.Criteria.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateOpen);
                return PagedQuery.All(service, query);
            }).ToList();

        public static T? Option<T>(Entity row, string column) where T : struct
        {
            var option = row.GetAttributeValue<OptionSetValue>(column);
            return option == null ? (T?)null : Choice.FromOption<T>(option.Value);
        }

        public static string Label<T>(Entity row, string column) where T : struct => Option<T>(row, column)?.ToString() ?? "-";

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

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
