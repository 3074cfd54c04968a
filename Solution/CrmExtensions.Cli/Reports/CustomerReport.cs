using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CrmExtensions.Domain.Churn;
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
    /// The report a new user reads, from an org: tiers and the value matrix, lifecycle, churn risks, retention work and
    /// KPIs per stage. Everything is read through IOrganizationService (accounts, their open retention activities,
    /// orders with their product families, complaint cases), so the demo's host and a live org print the same report.
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

            output.WriteLine();
            output.WriteLine("== KPIs per lifecycle stage");
            var orders = Orders(service);
            var complaints = new HashSet<Guid>(Complaints(service));
            var highRisk = new HashSet<Guid>(accounts.Where(a => a.GetAttributeValue<OptionSetValue>(CustomerColumns.ChurnRiskBand)?.Value == Choice.ToOption(ChurnRiskBand.High)).Select(a => a.Id));
            Table(output, new[] { "stage", "customers", "conversion", "repeat", "cross-sell", "complaint", "churn (high risk)", "win-back" },
                Enum.GetValues(typeof(LifecycleStage)).Cast<LifecycleStage>().Select(stage =>
                {
                    var ids = accounts.Where(a => stageOf[a.Id] == stage).Select(a => a.Id).ToList();
                    List<Order> Of(Guid id) => orders.TryGetValue(id, out var o) ? o : new List<Order>();
                    string Rate(Func<Guid, bool> test) => ids.Count == 0 ? "-" : (ids.Count(test) / (double)ids.Count).ToString("P0", CultureInfo.InvariantCulture);
                    return new[]
                    {
                        stage.ToString(), Number(ids.Count),
                        Rate(id => Of(id).Count >= 1),
                        Rate(id => Of(id).Count >= 2),
                        Rate(id => Of(id).SelectMany(o => o.Families).Distinct().Count() >= 2),
                        Rate(complaints.Contains),
                        Rate(highRisk.Contains),
                        // Won back: a gap of half a year or more between two purchases, followed by buying again.
                        Rate(id => Of(id).Zip(Of(id).Skip(1), (a, b) => (b.SubmittedOn - a.SubmittedOn).TotalDays).Any(gap => gap >= 180)),
                    };
                }));
        }

        private sealed class Order
        {
            public DateTime SubmittedOn;
            public List<string> Families = new List<string>();
        }

        private static List<Entity> All(IOrganizationService service, string table, params string[] columns) =>
            PagedQuery.All(service, new QueryExpression(table) { ColumnSet = new ColumnSet(columns) }).ToList();

        private static List<Entity> OpenRetentionActivities(IOrganizationService service) =>
            new[] { RetentionActivity.Task, RetentionActivity.PhoneCall }.SelectMany(table =>
            {
                var query = new QueryExpression(table) { ColumnSet = new ColumnSet(RetentionActivity.Action, RetentionActivity.ScheduledEnd) };
                query.Criteria.AddCondition(RetentionActivity.Key, ConditionOperator.NotNull);
                query.Criteria.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateOpen);
                return PagedQuery.All(service, query);
            }).ToList();

        /// <summary>Orders that count (not cancelled) by customer, in date order, with the product families of their lines.</summary>
        private static Dictionary<Guid, List<Order>> Orders(IOrganizationService service)
        {
            var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrder.Customer, SalesOrder.SubmitDate) };
            query.Criteria.AddCondition(SalesOrder.StateCode, ConditionOperator.NotEqual, SalesOrder.StateCanceled);
            var orders = PagedQuery.All(service, query).Where(o => o.Contains(SalesOrder.Customer)).ToDictionary(o => o.Id,
                o => (Customer: o.GetAttributeValue<EntityReference>(SalesOrder.Customer).Id, Order: new Order { SubmittedOn = o.GetAttributeValue<DateTime>(SalesOrder.SubmitDate) }));
            var lines = new QueryExpression(SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrderDetail.SalesOrder) };
            lines.AddLink(Product.EntityLogicalName, SalesOrderDetail.Product, Product.PrimaryId).Columns = new ColumnSet(Product.Family);
            lines.LinkEntities[0].EntityAlias = "product";
            foreach (var line in PagedQuery.All(service, lines))
            {
                var family = (line.GetAttributeValue<AliasedValue>("product." + Product.Family)?.Value as string);
                if (family != null && orders.TryGetValue(line.GetAttributeValue<EntityReference>(SalesOrderDetail.SalesOrder).Id, out var order)) order.Order.Families.Add(family);
            }
            return orders.Values.GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => g.Select(o => o.Order).OrderBy(o => o.SubmittedOn).ToList());
        }

        private static IEnumerable<Guid> Complaints(IOrganizationService service)
        {
            var query = new QueryExpression(Incident.EntityLogicalName) { ColumnSet = new ColumnSet(Incident.Customer) };
            query.Criteria.AddCondition(Incident.CaseTypeCode, ConditionOperator.Equal, Incident.CaseTypeComplaint);
            return PagedQuery.All(service, query).Select(c => c.GetAttributeValue<EntityReference>(Incident.Customer)?.Id).Where(id => id.HasValue).Select(id => id.Value);
        }

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
