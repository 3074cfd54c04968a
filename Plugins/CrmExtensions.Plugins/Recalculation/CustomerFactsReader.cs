using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Reads the facts for a page of customers with set-based queries: purchases come back as FetchXML aggregates grouped
    /// by customer and month (never a loop over order rows), so the cost is per page, not per order.
    /// </summary>
    public sealed class CustomerFactsReader
    {
        /// <summary>Where purchases live. Invoices raised from an order are the same purchase and are skipped.</summary>
        private static readonly PurchaseSource[] Sources =
        {
            new PurchaseSource(SalesOrder.EntityLogicalName, SalesOrder.PrimaryId, SalesOrder.SubmitDate, SalesOrder.TotalAmountBase, SalesOrder.TotalDiscountAmountBase, SalesOrder.StateCanceled, null),
            new PurchaseSource(Invoice.EntityLogicalName, Invoice.PrimaryId, Invoice.CreatedOn, Invoice.TotalAmountBase, Invoice.TotalDiscountAmountBase, Invoice.StateCanceled, Invoice.SalesOrder),
        };

        private static readonly string[] CustomerColumnsRead =
        {
            CustomerColumns.Tier, CustomerColumns.TierOverride, CustomerColumns.TierOverrideUntil, CustomerColumns.TierOverrideReason, Common.OwnerId,
        };

        private readonly IOrganizationService _service;
        private readonly CrmExtensionsSettings _settings;

        public CustomerFactsReader(IOrganizationService service, CrmExtensionsSettings settings)
        {
            _service = service;
            _settings = settings;
        }

        public IReadOnlyList<CustomerSnapshot> Read(IReadOnlyCollection<EntityReference> customers, DateTime asOf)
        {
            var snapshots = new Dictionary<Guid, CustomerSnapshot>();
            foreach (var table in customers.GroupBy(c => c.LogicalName))
            {
                if (table.Key != Account.EntityLogicalName && table.Key != Contact.EntityLogicalName)
                    throw new DomainValidationException($"Only accounts and contacts are customers; got a {table.Key}.");
                var query = new QueryExpression(table.Key) { ColumnSet = new ColumnSet(CustomerColumnsRead) };
                query.Criteria.AddCondition(Common.PrimaryIdOf(table.Key), ConditionOperator.In, table.Select(c => (object)c.Id).Distinct().ToArray());
                foreach (var row in _service.RetrieveMultiple(query).Entities)
                    snapshots[row.Id] = new CustomerSnapshot(new EntityReference(table.Key, row.Id), row);
            }
            var missing = customers.FirstOrDefault(c => !snapshots.ContainsKey(c.Id));
            if (missing != null) throw new DomainValidationException($"The {missing.LogicalName} {missing.Id} does not exist (deleted or never created).");
            if (snapshots.Count == 0) return Array.Empty<CustomerSnapshot>();

            var ids = snapshots.Keys.Select(id => id.ToString("D")).ToArray();
            var analysis = _settings.Analysis;
            var windowStart = new DateTime(asOf.Year, asOf.Month, 1).AddMonths(-analysis.HistoryPeriods * analysis.PeriodMonths);
            var periods = snapshots.Keys.ToDictionary(id => id, _ => new PeriodActivity[analysis.HistoryPeriods]);
            var lifetime = snapshots.Keys.ToDictionary(id => id, _ => new Lifetime());

            var latest = asOf.AddDays(_settings.Analysis.FutureToleranceDays + 1);
            foreach (var source in Sources)
            {
                foreach (var row in Partitioned(ids, windowStart, latest, source.MonthlyFetch))
                {
                    var id = Id(row, "customer");
                    var monthStart = new DateTime(Int(row, "year"), Int(row, "month"), 1, 0, 0, 0, DateTimeKind.Utc);
                    var index = PurchaseSummaryBuilder.PeriodIndex(monthStart, asOf, analysis.PeriodMonths, analysis.HistoryPeriods);
                    if (index < 0 || !periods.ContainsKey(id)) continue;
                    var revenue = Decimal(row, "revenue");
                    var p = periods[id][index];
                    periods[id][index] = new PeriodActivity(p.Orders + Int(row, "orders"), p.Revenue + revenue, p.Profit + revenue * _settings.Clp.DefaultMarginRate);
                }
                // The lifetime read has no upper date bound in effect, so a future-dated record reaches the rules and is reported.
                foreach (var row in Partitioned(ids, EarliestDate, LatestDate, source.LifetimeFetch))
                {
                    if (!lifetime.TryGetValue(Id(row, "customer"), out var l)) continue;
                    var revenue = Decimal(row, "revenue");
                    if (revenue < 0 || Decimal(row, "discount") < 0)
                        throw new DomainValidationException($"The {source.Table} records of customer {Id(row, "customer")} add up to a negative amount ({revenue}); correct the records with negative totals or discounts before recalculating.");
                    l.Add(Int(row, "orders"), revenue, Decimal(row, "discount"), Date(row, "first"), Date(row, "last"));
                }
            }

            var families = Families(ids);
            var referrals = new Dictionary<Guid, int>();
            foreach (var table in snapshots.Values.Select(s => s.Customer.LogicalName).Distinct())
                foreach (var row in Aggregate(ReferralsFetch(table, ids))) referrals[Id(row, "referrer")] = Int(row, "n");

            var complaints = Complaints(snapshots.Keys, asOf);
            var surveys = Surveys(snapshots.Keys, asOf);
            var lastCompleted = ReadRetentionActivities(snapshots, asOf);

            foreach (var snapshot in snapshots.Values)
            {
                var id = snapshot.Customer.Id;
                var l = lifetime[id];
                var summary = l.Orders == 0
                    ? PurchaseSummary.None(analysis.HistoryPeriods)
                    : new PurchaseSummary(l.First, l.Last, l.Orders, periods[id], families.TryGetValue(id, out var f) ? f : 0, l.UndiscountedShare);
                snapshot.Facts = new CustomerFacts
                {
                    CustomerId = id,
                    AsOf = asOf,
                    Purchases = summary,
                    Surveys = surveys.TryGetValue(id, out var s) ? s : new List<SurveyResponse>(),
                    Complaints = complaints.TryGetValue(id, out var c) ? c : new List<Complaint>(),
                    ReferralsMade = referrals.TryGetValue(id, out var r) ? r : 0,
                    PreviousTier = PreviousTier(snapshot.Row),
                    LastCompletedActions = lastCompleted.TryGetValue(id, out var done) ? done : new Dictionary<RetentionActionKind, DateTime>(),
                };
            }
            return customers.Select(c => snapshots[c.Id]).Distinct().ToList();
        }

        /// <summary>A stored tier this version does not know (e.g. an option added by hand) counts as no previous tier.</summary>
        private static ValueTier? PreviousTier(Entity row)
        {
            var tier = row.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier);
            return tier != null && Choice.TryFromOption<ValueTier>(tier.Value, out var known) ? known : (ValueTier?)null;
        }

        private Dictionary<Guid, List<Complaint>> Complaints(IEnumerable<Guid> ids, DateTime asOf)
        {
            var query = new QueryExpression(Incident.EntityLogicalName) { ColumnSet = new ColumnSet(Incident.Customer, Incident.StateCode, Incident.CreatedOn) };
            query.Criteria.AddCondition(Incident.Customer, ConditionOperator.In, ids.Cast<object>().ToArray());
            query.Criteria.AddCondition(Incident.CaseTypeCode, ConditionOperator.Equal, Incident.CaseTypeComplaint);
            var recentOrOpen = query.Criteria.AddFilter(LogicalOperator.Or);
            recentOrOpen.AddCondition(Incident.StateCode, ConditionOperator.Equal, Incident.StateActive);
            recentOrOpen.AddCondition(Incident.CreatedOn, ConditionOperator.OnOrAfter, asOf.AddDays(-_settings.Churn.RecentComplaintDays));
            return _service.RetrieveMultiple(query).Entities
                .GroupBy(e => e.GetAttributeValue<EntityReference>(Incident.Customer).Id)
                .ToDictionary(g => g.Key, g => g.Select(e => new Complaint(e.GetAttributeValue<DateTime>(Incident.CreatedOn),
                    e.GetAttributeValue<OptionSetValue>(Incident.StateCode)?.Value == Incident.StateActive)).ToList());
        }

        private Dictionary<Guid, List<SurveyResponse>> Surveys(IEnumerable<Guid> ids, DateTime asOf)
        {
            var query = new QueryExpression(CxSurveyResponse.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(CxSurveyResponse.Customer, CxSurveyResponse.Score, CxSurveyResponse.AnsweredOn),
            };
            query.Criteria.AddCondition(CxSurveyResponse.Customer, ConditionOperator.In, ids.Cast<object>().ToArray());
            query.Criteria.AddCondition(CxSurveyResponse.AnsweredOn, ConditionOperator.OnOrAfter, asOf.AddYears(-2));
            query.Criteria.AddCondition(CxSurveyResponse.Score, ConditionOperator.NotNull);
            return _service.RetrieveMultiple(query).Entities
                .GroupBy(e => e.GetAttributeValue<EntityReference>(CxSurveyResponse.Customer).Id)
                .ToDictionary(g => g.Key, g => g.Select(e => new SurveyResponse(e.GetAttributeValue<DateTime>(CxSurveyResponse.AnsweredOn),
                    e.GetAttributeValue<decimal>(CxSurveyResponse.Score))).ToList());
        }

        /// <summary>Open retention activities go on the snapshots; completed ones give each kind's last completion date.</summary>
        private Dictionary<Guid, Dictionary<RetentionActionKind, DateTime>> ReadRetentionActivities(Dictionary<Guid, CustomerSnapshot> snapshots, DateTime asOf)
        {
            var lookback = _settings.Retention.Cadences.Values.SelectMany(c => c).Select(c => c.EveryDays).DefaultIfEmpty(365).Max();
            var lastCompleted = new Dictionary<Guid, Dictionary<RetentionActionKind, DateTime>>();
            foreach (var table in new[] { RetentionActivity.Task, RetentionActivity.PhoneCall })
            {
                var query = new QueryExpression(table)
                {
                    ColumnSet = new ColumnSet(RetentionActivity.Key, RetentionActivity.Action, RetentionActivity.Regarding, RetentionActivity.StateCode,
                        RetentionActivity.ScheduledEnd, RetentionActivity.ActualEnd, RetentionActivity.Subject, RetentionActivity.Owner),
                };
                query.Criteria.AddCondition(RetentionActivity.Regarding, ConditionOperator.In, snapshots.Keys.Cast<object>().ToArray());
                query.Criteria.AddCondition(RetentionActivity.Key, ConditionOperator.NotNull);
                var openOrRecent = query.Criteria.AddFilter(LogicalOperator.Or);
                openOrRecent.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateOpen);
                var completed = openOrRecent.AddFilter(LogicalOperator.And);
                completed.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateCompleted);
                completed.AddCondition(RetentionActivity.ActualEnd, ConditionOperator.OnOrAfter, asOf.AddDays(-lookback));
                // Every cancelled one counts: its id is taken.
                openOrRecent.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateCanceled);
                foreach (var activity in _service.RetrieveMultiple(query).Entities)
                {
                    var regarding = activity.GetAttributeValue<EntityReference>(RetentionActivity.Regarding).Id;
                    var state = activity.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value;
                    if (state == RetentionActivity.StateCanceled)
                    {
                        var key = activity.GetAttributeValue<string>(RetentionActivity.Key);
                        var cancelled = snapshots[regarding].CancelledByKey;
                        cancelled[key] = (cancelled.TryGetValue(key, out var n) ? n : 0) + 1;
                        continue;
                    }
                    if (state == RetentionActivity.StateOpen)
                    {
                        snapshots[regarding].OpenRetentionActivities.Add(activity);
                        continue;
                    }
                    var action = activity.GetAttributeValue<OptionSetValue>(RetentionActivity.Action);
                    var end = activity.GetAttributeValue<DateTime?>(RetentionActivity.ActualEnd);
                    if (action == null || !end.HasValue) continue;
                    var kind = Choice.FromOption<RetentionActionKind>(action.Value);
                    if (!lastCompleted.TryGetValue(regarding, out var byKind)) lastCompleted[regarding] = byKind = new Dictionary<RetentionActionKind, DateTime>();
                    if (!byKind.TryGetValue(kind, out var known) || end.Value > known) byKind[kind] = end.Value;
                }
            }
            return lastCompleted;
        }

        private IEnumerable<Entity> Aggregate(XElement fetch) => _service.RetrieveMultiple(new FetchExpression(fetch.ToString(SaveOptions.DisableFormatting))).Entities;

        /// <summary>Purchases before this are not expected; the bound only matters when one customer's rows must be split by date.</summary>
        private static readonly DateTime EarliestDate = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime LatestDate = new DateTime(9000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>
        /// Runs an additive aggregate (count, sum, min, max by customer and month) and, when the platform refuses it for
        /// aggregating more than 50,000 rows, runs it again over halves — of the customers, then of the date range for a
        /// single customer — so big customers slow the read down instead of failing it. Callers add up the parts.
        /// </summary>
        private IEnumerable<Entity> Partitioned(IReadOnlyList<string> ids, DateTime from, DateTime to, Func<string[], DateTime, DateTime, XElement> fetch)
        {
            try
            {
                return Aggregate(fetch(ids.ToArray(), from, to)).ToList();
            }
            catch (Exception ex) when (IsAggregateLimit(ex) && (ids.Count > 1 || (to - from).TotalDays > 1))
            {
                if (ids.Count > 1)
                {
                    var half = ids.Count / 2;
                    return Partitioned(ids.Take(half).ToList(), from, to, fetch).Concat(Partitioned(ids.Skip(half).ToList(), from, to, fetch)).ToList();
                }
                var middle = from.AddTicks((to - from).Ticks / 2);
                return Partitioned(ids, from, middle, fetch).Concat(Partitioned(ids, middle, to, fetch)).ToList();
            }
        }

        /// <summary>Distinct product families per customer. A distinct count cannot be added up across date ranges, so a single
        /// customer over the aggregate limit is read as a (non-aggregate) distinct list of its families instead.</summary>
        private Dictionary<Guid, int> Families(IReadOnlyList<string> ids)
        {
            try
            {
                return Aggregate(FamiliesFetch(ids.ToArray())).ToDictionary(r => Id(r, "customer"), r => Int(r, "families"));
            }
            catch (Exception ex) when (IsAggregateLimit(ex))
            {
                if (ids.Count > 1)
                {
                    var half = ids.Count / 2;
                    return Families(ids.Take(half).ToList()).Concat(Families(ids.Skip(half).ToList())).ToDictionary(p => p.Key, p => p.Value);
                }
                var distinct = new XElement("fetch", new XAttribute("distinct", "true"),
                    new XElement("entity", new XAttribute("name", Product.EntityLogicalName),
                        new XElement("attribute", new XAttribute("name", Product.Family)),
                        new XElement("filter", Condition(Product.Family, "not-null")),
                        new XElement("link-entity", new XAttribute("name", SalesOrderDetail.EntityLogicalName), new XAttribute("from", SalesOrderDetail.Product), new XAttribute("to", Product.PrimaryId), new XAttribute("link-type", "inner"),
                            new XElement("link-entity", new XAttribute("name", SalesOrder.EntityLogicalName), new XAttribute("from", SalesOrder.PrimaryId), new XAttribute("to", SalesOrderDetail.SalesOrder), new XAttribute("link-type", "inner"),
                                new XElement("filter", In(SalesOrder.Customer, ids), Condition(SalesOrder.StateCode, "ne", SalesOrder.StateCanceled))))));
                var count = Aggregate(distinct).Select(r => r.GetAttributeValue<string>(Product.Family)).Where(f => !string.IsNullOrWhiteSpace(f))
                    .Distinct(StringComparer.OrdinalIgnoreCase).Count();
                return new Dictionary<Guid, int> { [Guid.Parse(ids[0])] = count };
            }
        }

        /// <summary>The platform's refusal to aggregate over more than 50,000 rows (a fault whose message names the limit).</summary>
        private static bool IsAggregateLimit(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e.Message != null && e.Message.IndexOf("AggregateQueryRecordLimit", StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }

        private static XElement FamiliesFetch(string[] ids) =>
            new XElement("fetch", new XAttribute("aggregate", "true"),
                new XElement("entity", new XAttribute("name", SalesOrderDetail.EntityLogicalName),
                    new XElement("link-entity", new XAttribute("name", SalesOrder.EntityLogicalName), new XAttribute("from", SalesOrder.PrimaryId), new XAttribute("to", SalesOrderDetail.SalesOrder), new XAttribute("alias", "o"),
                        GroupBy(SalesOrder.Customer, "customer"),
                        new XElement("filter", In(SalesOrder.Customer, ids), Condition(SalesOrder.StateCode, "ne", SalesOrder.StateCanceled))),
                    new XElement("link-entity", new XAttribute("name", Product.EntityLogicalName), new XAttribute("from", Product.PrimaryId), new XAttribute("to", SalesOrderDetail.Product), new XAttribute("alias", "p"),
                        new XElement("attribute", new XAttribute("name", Product.Family), new XAttribute("aggregate", "countcolumn"), new XAttribute("distinct", "true"), new XAttribute("alias", "families")))));

        private static XElement ReferralsFetch(string table, string[] ids) =>
            new XElement("fetch", new XAttribute("aggregate", "true"),
                new XElement("entity", new XAttribute("name", table),
                    GroupBy(CustomerColumns.ReferredBy, "referrer"),
                    Aggregate(table + "id", "count", "n"),
                    new XElement("filter", In(CustomerColumns.ReferredBy, ids))));

        internal static XElement GroupBy(string attribute, string alias, string dateGrouping = null) =>
            new XElement("attribute", new XAttribute("name", attribute), new XAttribute("groupby", "true"), new XAttribute("alias", alias),
                dateGrouping == null ? null : new XAttribute("dategrouping", dateGrouping));

        internal static XElement Aggregate(string attribute, string function, string alias) =>
            new XElement("attribute", new XAttribute("name", attribute), new XAttribute("aggregate", function), new XAttribute("alias", alias));

        internal static XElement In(string attribute, IEnumerable<string> values) =>
            new XElement("condition", new XAttribute("attribute", attribute), new XAttribute("operator", "in"), values.Select(v => new XElement("value", v)));

        internal static XElement Condition(string attribute, string op, object value = null) =>
            new XElement("condition", new XAttribute("attribute", attribute), new XAttribute("operator", op),
                value == null ? null : new XAttribute("value", Convert.ToString(value, CultureInfo.InvariantCulture)));

        private static object Raw(Entity row, string alias) => row.Contains(alias) ? (row[alias] as AliasedValue)?.Value : null;
        private static Guid Id(Entity row, string alias) => Raw(row, alias) is EntityReference r ? r.Id : (Guid)Raw(row, alias);
        private static int Int(Entity row, string alias) => Convert.ToInt32(Raw(row, alias) ?? 0, CultureInfo.InvariantCulture);
        private static decimal Decimal(Entity row, string alias) => Raw(row, alias) is Money m ? m.Value : Convert.ToDecimal(Raw(row, alias) ?? 0m, CultureInfo.InvariantCulture);
        private static DateTime? Date(Entity row, string alias) => Raw(row, alias) as DateTime?;

        private sealed class Lifetime
        {
            public int Orders;
            public decimal Revenue;
            public decimal Discount;
            public DateTime? First;
            public DateTime? Last;

            public void Add(int orders, decimal revenue, decimal discount, DateTime? first, DateTime? last)
            {
                Orders += orders;
                Revenue += revenue;
                Discount += discount;
                if (first.HasValue && (!First.HasValue || first < First)) First = first;
                if (last.HasValue && (!Last.HasValue || last > Last)) Last = last;
            }

            /// <summary>Share of list value paid in full: revenue over revenue plus discounts granted.</summary>
            public decimal UndiscountedShare => Revenue + Discount <= 0 ? 1m : Math.Max(0m, Math.Min(1m, Revenue / (Revenue + Discount)));
        }

        private sealed class PurchaseSource
        {
            private readonly string _table, _id, _date, _amount, _discount, _fromOrderColumn;
            private readonly int _canceledState;

            public string Table => _table;

            public PurchaseSource(string table, string id, string date, string amount, string discount, int canceledState, string fromOrderColumn)
            {
                _table = table;
                _id = id;
                _date = date;
                _amount = amount;
                _discount = discount;
                _canceledState = canceledState;
                _fromOrderColumn = fromOrderColumn;
            }

            public XElement MonthlyFetch(string[] ids, DateTime from, DateTime to) =>
                Fetch(Filter(ids, Range(from, to)),
                    GroupBy(Model.SalesOrder.Customer, "customer"), GroupBy(_date, "year", "year"), GroupBy(_date, "month", "month"),
                    Aggregate(_id, "count", "orders"), Aggregate(_amount, "sum", "revenue"));

            public XElement LifetimeFetch(string[] ids, DateTime from, DateTime to) =>
                Fetch(Filter(ids, Range(from, to)), GroupBy(Model.SalesOrder.Customer, "customer"), Aggregate(_id, "count", "orders"), Aggregate(_amount, "sum", "revenue"),
                    Aggregate(_discount, "sum", "discount"), Aggregate(_date, "min", "first"), Aggregate(_date, "max", "last"));

            // [from, to): ge/lt on the full timestamp, so halves of a range never overlap.
            private XElement[] Range(DateTime from, DateTime to) => new[]
            {
                Condition(_date, "ge", Utc(from)),
                Condition(_date, "lt", Utc(to)),
            };

            private static string Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

            private XElement Filter(string[] ids, params XElement[] extra) =>
                new XElement("filter", In(Model.SalesOrder.Customer, ids), Condition(Common.StateCode, "ne", _canceledState), Condition(_date, "not-null"),
                    _fromOrderColumn == null ? null : Condition(_fromOrderColumn, "null"), extra);

            private XElement Fetch(XElement filter, params XElement[] attributes) =>
                new XElement("fetch", new XAttribute("aggregate", "true"), new XElement("entity", new XAttribute("name", _table), attributes, filter));
        }
    }
}
