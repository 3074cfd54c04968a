using System;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Relationship;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>The report's relationship sections: who we know at the accounts that matter, competitors, relationship types, account groups.</summary>
    public static class RelationshipReport
    {
        private static readonly string[] Columns =
        {
            Account.Name, CustomerColumns.Tier, CustomerColumns.ChurnRisk, CustomerColumns.ChurnReasons, CustomerColumns.RelationshipType,
            CustomerColumns.RelationshipTypeOverride, CustomerColumns.PriceTolerance, CustomerColumns.KeyAccount, AccountColumns.CoverageGaps,
            AccountColumns.DecisionContacts, AccountColumns.ManagementContacts, AccountColumns.OperationalContacts, AccountColumns.UserDepartmentContacts,
            AccountColumns.TechnicalContacts, AccountColumns.FinanceContacts, AccountColumns.LastDecisionActivity, AccountColumns.LastManagementActivity,
            AccountColumns.LastOperationalActivity, AccountColumns.LastUserDepartmentActivity, AccountColumns.LastTechnicalActivity, AccountColumns.LastFinanceActivity,
            AccountColumns.GroupSize, AccountColumns.GroupCurrentValue, AccountColumns.GroupTier, AccountColumns.GroupChurnView,
        };

        public static void Write(ReportDocument document, IOrganizationService service, DateTime asOf, CrmExtensionsSettings settings, ChoiceLabels labels)
        {
            var accounts = CustomerReport.All(service, Account.EntityLogicalName, Columns);
            var tierOf = accounts.ToDictionary(a => a.Id, a => CustomerReport.Option<ValueTier>(a, CustomerColumns.Tier));
            var open = OpenRetentionKeys(service);
            bool Has(Guid account, RetentionActionKind kind) => open[account].Any(key => key.EndsWith(":" + kind, StringComparison.Ordinal));

            document.Section("Who we know at platinum and gold accounts (contact coverage)");
            document.Table(new[] { "tier", "accounts", "with a decision-layer contact", "with a finance contact", $"decision layer silent > {settings.Coverage.DecisionContactDays} days",
                    "'meet the decision maker' open" },
                new[] { ValueTier.Platinum, ValueTier.Gold }.Select(tier =>
                {
                    var rows = accounts.Where(a => tierOf[a.Id] == tier).ToList();
                    string Count(Func<Entity, bool> test) => rows.Count(test).ToString(CultureInfo.InvariantCulture);
                    return new[]
                    {
                        labels.Of(tier), Count(_ => true), Count(a => a.GetAttributeValue<int>(AccountColumns.DecisionContacts) > 0),
                        Count(a => a.GetAttributeValue<int>(AccountColumns.FinanceContacts) > 0),
                        Count(a => (a.GetAttributeValue<string>(AccountColumns.CoverageGaps) ?? "").Contains("No activity with the decision layer")),
                        Count(a => Has(a.Id, RetentionActionKind.MeetDecisionMaker)),
                    };
                }));
            var layers = new[] { ("decision", AccountColumns.DecisionContacts, AccountColumns.LastDecisionActivity), ("management", AccountColumns.ManagementContacts,
                AccountColumns.LastManagementActivity), ("operational", AccountColumns.OperationalContacts, AccountColumns.LastOperationalActivity),
                ("user department", AccountColumns.UserDepartmentContacts, AccountColumns.LastUserDepartmentActivity), ("technical", AccountColumns.TechnicalContacts,
                AccountColumns.LastTechnicalActivity), ("finance", AccountColumns.FinanceContacts, AccountColumns.LastFinanceActivity) };
            document.Table(new[] { "layer / function", "contacts", "accounts covered", "median days since our last activity" }, layers.Select(l =>
            {
                var covered = accounts.Where(a => a.GetAttributeValue<int>(l.Item2) > 0).ToList();
                var days = covered.Select(a => a.GetAttributeValue<DateTime?>(l.Item3)).Where(d => d.HasValue).Select(d => (asOf - d.Value).TotalDays).OrderBy(d => d).ToList();
                return new[] { l.Item1, covered.Sum(a => a.GetAttributeValue<int>(l.Item2)).ToString(CultureInfo.InvariantCulture), covered.Count.ToString(CultureInfo.InvariantCulture),
                    days.Count == 0 ? "-" : days[days.Count / 2].ToString("0", CultureInfo.InvariantCulture) };
            }));
            document.Table(new[] { "account", "tier", "coverage gaps" }, accounts.Where(a => a.GetAttributeValue<string>(AccountColumns.CoverageGaps) != null)
                .OrderBy(a => tierOf[a.Id]).ThenBy(a => a.GetAttributeValue<string>(Account.Name)).Take(6)
                .Select(a => new[] { a.GetAttributeValue<string>(Account.Name), labels.Of(tierOf[a.Id]), a.GetAttributeValue<string>(AccountColumns.CoverageGaps) }));

            document.Section("Competitors gaining ground");
            var competitorReasons = accounts.Select(a => (Row: a, Reasons: ReasonList.Split(a.GetAttributeValue<string>(CustomerColumns.ChurnReasons))
                .Where(r => r.StartsWith("Competitor", StringComparison.Ordinal) || r.StartsWith("Lost ", StringComparison.Ordinal)).ToList())).Where(x => x.Reasons.Count > 0).ToList();
            var gaining = competitorReasons.Count(x => x.Reasons.Any(r => r.StartsWith("Competitor", StringComparison.Ordinal)));
            var lost = competitorReasons.Count(x => x.Reasons.Any(r => r.StartsWith("Lost ", StringComparison.Ordinal)));
            document.Note($"{CustomerReport.Plural(competitorReasons.Count, "account carries", "accounts carry")} a competitor reason in their churn warning: " +
                $"{CustomerReport.Number(gaining)} with a competitor recorded gaining ground, {CustomerReport.Number(lost)} that lost an opportunity to a competitor in the last " +
                $"{settings.Competition.RecentDays} days ({CustomerReport.Number(gaining + lost - competitorReasons.Count)} both).");
            document.Table(new[] { "account", "tier", "risk", "competitor reason" }, competitorReasons
                .OrderByDescending(x => x.Row.GetAttributeValue<int>(CustomerColumns.ChurnRisk)).Take(6)
                .Select(x => new[] { x.Row.GetAttributeValue<string>(Account.Name), labels.Of(tierOf[x.Row.Id]),
                    x.Row.GetAttributeValue<int>(CustomerColumns.ChurnRisk).ToString(CultureInfo.InvariantCulture), string.Join("; ", x.Reasons) }));

            document.Section("Relationship types (T: buys on price and terms; R: values the relationship)");
            var typeOf = accounts.ToDictionary(a => a.Id, a => CustomerReport.Option<RelationshipType>(a, CustomerColumns.RelationshipType));
            document.Table(new[] { "type", "customers", "set by a user", "avg price tolerance", "key accounts", "follow-up calls or visits open" },
                new RelationshipType?[] { RelationshipType.Relationship, RelationshipType.Transactional, RelationshipType.OneTime, null }.Select(type =>
                {
                    var rows = accounts.Where(a => typeOf[a.Id] == type).ToList();
                    return new[]
                    {
                        type.HasValue ? labels.Of(type.Value) : "not yet known", rows.Count.ToString(CultureInfo.InvariantCulture),
                        rows.Count(a => a.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipTypeOverride) != null).ToString(CultureInfo.InvariantCulture),
                        rows.Count == 0 ? "-" : rows.Average(a => a.GetAttributeValue<decimal>(CustomerColumns.PriceTolerance)).ToString("P1", CultureInfo.InvariantCulture),
                        rows.Count(a => a.GetAttributeValue<bool>(CustomerColumns.KeyAccount)).ToString(CultureInfo.InvariantCulture),
                        rows.Count(a => Has(a.Id, RetentionActionKind.FollowUpCall) || Has(a.Id, RetentionActionKind.Visit)).ToString(CultureInfo.InvariantCulture),
                    };
                }));

            document.Section("Account groups (parent accounts with their subsidiaries, seen as one customer)");
            document.Table(new[] { "parent", "accounts", "own tier", "group current value", "group tier", "group churn view" }, accounts
                .Where(a => a.Contains(AccountColumns.GroupSize)).OrderByDescending(a => a.GetAttributeValue<Money>(AccountColumns.GroupCurrentValue)?.Value ?? 0)
                .Select(a => new[]
                {
                    a.GetAttributeValue<string>(Account.Name), a.GetAttributeValue<int>(AccountColumns.GroupSize).ToString(CultureInfo.InvariantCulture), labels.Of(tierOf[a.Id]),
                    (a.GetAttributeValue<Money>(AccountColumns.GroupCurrentValue)?.Value ?? 0).ToString("N0", CultureInfo.InvariantCulture),
                    labels.Of<ValueTier>(a, AccountColumns.GroupTier), a.GetAttributeValue<string>(AccountColumns.GroupChurnView) ?? "",
                }));
        }

        /// <summary>The retention keys of the open retention activities, by the customer they regard.</summary>
        private static ILookup<Guid, string> OpenRetentionKeys(IOrganizationService service) =>
            new[] { RetentionActivity.Task, RetentionActivity.PhoneCall }.SelectMany(table =>
            {
                var query = new QueryExpression(table) { ColumnSet = new ColumnSet(RetentionActivity.Key, RetentionActivity.Regarding) };
                query.Criteria.AddCondition(RetentionActivity.Key, ConditionOperator.NotNull);
                query.Criteria.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateOpen);
                return PagedQuery.All(service, query);
            }).Where(a => a.Contains(RetentionActivity.Regarding))
            .ToLookup(a => a.GetAttributeValue<EntityReference>(RetentionActivity.Regarding).Id, a => a.GetAttributeValue<string>(RetentionActivity.Key));
    }
}
