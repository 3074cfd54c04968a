using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Infrastructure;
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
        internal static readonly string[] AccountColumns =
        {
            Account.Name, CustomerColumns.Tier, CustomerColumns.CurrentValue, CustomerColumns.GrowthPotential, CustomerColumns.LifetimeProfit,
            CustomerColumns.LifecycleStage, CustomerColumns.LifecyclePattern, CustomerColumns.ChurnRisk, CustomerColumns.ChurnRiskBand, CustomerColumns.ChurnReasons,
        };

        /// <summary>The report of the org's accounts as of <paramref name="asOf"/>, with the org's settings (the shipped defaults under its own).</summary>
        public static ReportDocument Build(IOrganizationService service, DateTime asOf, ChoiceLabels labels)
        {
            var settings = SettingsProvider.Read(service, null);
            var document = new ReportDocument();
            var accounts = All(service, Account.EntityLogicalName, AccountColumns);
            var stageOf = accounts.ToDictionary(a => a.Id, a => Option<LifecycleStage>(a, CustomerColumns.LifecycleStage));
            var tierOf = accounts.ToDictionary(a => a.Id, a => Option<ValueTier>(a, CustomerColumns.Tier));

            document.Note($"CrmExtensions report as of {asOf:yyyy-MM-dd}, {Plural(accounts.Count, "account")}; amounts in the base currency, {BaseCurrency.Of(service)}.");
            document.Note($"Value means profit, not revenue: what customers buy at each line's margin, {Percent(settings.Clp.DefaultMarginRate)} " +
                "(the configured margin) where a line carries no cost or margin.");

            document.Section("Tier distribution and value matrix (current value × growth potential)");
            document.Table(new[] { "tier", "customers", "avg current value", "avg growth potential", "avg lifetime profit", "investment", "strategy" },
                Enum.GetValues(typeof(ValueTier)).Cast<ValueTier>().Select(tier =>
                {
                    var rows = accounts.Where(a => tierOf[a.Id] == tier).ToList();
                    var policy = settings.ValueMatrix.Policies[tier];
                    return new[]
                    {
                        labels.Of(tier), Number(rows.Count), Avg(rows, CustomerColumns.CurrentValue), Avg(rows, CustomerColumns.GrowthPotential),
                        Avg(rows, CustomerColumns.LifetimeProfit), labels.Of(policy.Investment), labels.Of(policy.Strategy),
                    };
                }));
            document.Note($"                 low potential        high potential");
            document.Note($"  high current    {labels.Of(ValueTier.Gold),-8} {Count(tierOf, ValueTier.Gold),5}       {labels.Of(ValueTier.Platinum),-8} {Count(tierOf, ValueTier.Platinum),5}");
            document.Note($"  low current     {labels.Of(ValueTier.Lead),-8} {Count(tierOf, ValueTier.Lead),5}       {labels.Of(ValueTier.Iron),-8} {Count(tierOf, ValueTier.Iron),5}");

            document.Section("Lifecycle stages");
            document.Table(new[] { "stage", "customers", "patterns (declining)" }, Enum.GetValues(typeof(LifecycleStage)).Cast<LifecycleStage>().Select(stage =>
            {
                var rows = accounts.Where(a => stageOf[a.Id] == stage).ToList();
                var patterns = rows.Select(a => Option<LifecyclePattern>(a, CustomerColumns.LifecyclePattern)).Where(p => p.HasValue)
                    .GroupBy(p => p.Value).OrderBy(g => g.Key).Select(g => $"{labels.Of(g.Key)} {g.Count()}");
                return new[] { labels.Of(stage), Number(rows.Count), string.Join(", ", patterns) };
            }));

            ChurnRisks.Write(document, accounts, tierOf, settings, labels);

            document.Section("Retention activities scheduled (open)");
            var open = OpenRetentionActivities(service);
            document.Table(new[] { "action", "activity", "open", "due in next 14 days" }, open
                .GroupBy(a => Choice.FromOption<RetentionActionKind>(a.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value)).OrderBy(g => g.Key)
                .Select(g => new[]
                {
                    labels.Of(g.Key), g.First().LogicalName, Number(g.Count()),
                    Number(g.Count(a => a.GetAttributeValue<DateTime>(RetentionActivity.ScheduledEnd) <= asOf.AddDays(14))),
                }));

            RelationshipReport.Write(document, service, asOf, settings, labels);
            LossReport.Write(document, service, asOf, settings, labels);
            return document;
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

        internal static string Plural(int count, string noun, string plural = null) => $"{Number(count)} {(count == 1 ? noun : plural ?? noun + "s")}";

        internal static string Percent(decimal rate) => rate.ToString("0.#%", CultureInfo.InvariantCulture);

        internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static int Count(Dictionary<Guid, ValueTier?> tiers, ValueTier tier) => tiers.Values.Count(t => t == tier);

        private static string Avg(List<Entity> rows, string column) =>
            rows.Count == 0 ? "-" : rows.Average(r => r.GetAttributeValue<Money>(column)?.Value ?? 0m).ToString("N0", CultureInfo.InvariantCulture);
    }
}
