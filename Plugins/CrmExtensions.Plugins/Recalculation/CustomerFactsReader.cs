using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// The full read: builds each customer's facts ledger and finds its retention plan in the activities, with set-based
    /// queries for a whole page of customers. Purchases inside the analysis window come back row by row (the ledger holds
    /// them by id, so later events can set them); older ones as FetchXML aggregates per customer, re-read in partitions when
    /// they exceed the platform's 50,000-row aggregate limit. The cost is per page and per 5,000 rows, never per customer.
    /// </summary>
    public sealed class CustomerFactsReader
    {
        public const int PageSize = 5000;

        private readonly IOrganizationService _service;
        private readonly CrmExtensionsSettings _settings;

        public CustomerFactsReader(IOrganizationService service, CrmExtensionsSettings settings)
        {
            _service = service;
            _settings = settings;
        }

        /// <summary>Reads the customer rows, then their facts.</summary>
        public IReadOnlyList<CustomerSnapshot> Read(IReadOnlyCollection<EntityReference> customers, DateTime asOf)
        {
            var rows = new List<Entity>();
            foreach (var table in customers.GroupBy(c => c.LogicalName))
            {
                if (table.Key != Account.EntityLogicalName && table.Key != Contact.EntityLogicalName)
                    throw new DomainValidationException($"Only accounts and contacts are customers; got a {table.Key}.");
                var query = new QueryExpression(table.Key) { ColumnSet = CustomerSnapshot.ColumnSet };
                query.Criteria.AddCondition(Common.PrimaryIdOf(table.Key), ConditionOperator.In, table.Select(c => (object)c.Id).Distinct().ToArray());
                rows.AddRange(All(query));
            }
            var byId = rows.ToDictionary(r => r.Id);
            var missing = customers.FirstOrDefault(c => !byId.ContainsKey(c.Id));
            if (missing != null) throw new DomainValidationException($"The {missing.LogicalName} {missing.Id} does not exist (deleted or never created).");
            var snapshots = Read(rows.Select(r => new CustomerSnapshot(r)).ToList(), asOf).ToDictionary(s => s.Customer.Id);
            return customers.Select(c => c.Id).Distinct().Select(id => snapshots[id]).ToList();
        }

        /// <summary>Builds ledger and plan for customers whose rows the caller already read.</summary>
        public IReadOnlyList<CustomerSnapshot> Read(IReadOnlyList<CustomerSnapshot> snapshots, DateTime asOf)
        {
            if (snapshots.Count == 0) return snapshots;
            var byId = snapshots.ToDictionary(s => s.Customer.Id);
            var ids = byId.Keys.Select(id => id.ToString("D")).ToArray();
            var cut = CustomerFactsLedger.WindowStart(asOf, _settings.Analysis);
            foreach (var snapshot in snapshots)
            {
                snapshot.Ledger = CustomerFactsLedger.Empty(asOf, _settings.Analysis);
                snapshot.FromFullRead = true;
            }

            foreach (var source in PurchaseSource.All)
            {
                var query = new QueryExpression(source.Table) { ColumnSet = new ColumnSet(source.Columns) };
                query.Criteria.AddCondition(source.Customer, ConditionOperator.In, byId.Keys.Cast<object>().ToArray());
                query.Criteria.AddCondition(source.Date, ConditionOperator.GreaterEqual, cut);
                query.Criteria.AddCondition(Common.StateCode, ConditionOperator.NotEqual, source.CanceledState);
                if (source.FromOrderColumn != null) query.Criteria.AddCondition(source.FromOrderColumn, ConditionOperator.Null);
                foreach (var row in All(query))
                {
                    var customer = row.GetAttributeValue<EntityReference>(source.Customer);
                    if (customer != null && byId.TryGetValue(customer.Id, out var snapshot) && source.Counts(row, customer))
                        snapshot.Ledger.Purchases[row.Id] = source.ToEntry(row, null);
                }
                // Older purchases only as totals. The window read has no upper date bound, so a future-dated record reaches
                // the rules and is reported.
                foreach (var row in Partitioned(ids, EarliestDate, cut, (part, from, to) => EarlierFetch(source, part, from, to)))
                {
                    if (!byId.TryGetValue(Id(row, "customer"), out var snapshot)) continue;
                    snapshot.Ledger.EarlierFor(source.Table).Add(Int(row, "orders"), Decimal(row, "revenue"), Decimal(row, "discount"), Date(row, "first"), Date(row, "last"), null);
                }
            }
            ReadFamilies(byId, ids, cut);
            ReadReferrals(byId);
            ReadComplaints(byId, asOf);
            ReadSurveys(byId, asOf);
            ReadRetentionActivities(byId, asOf);
            return snapshots;
        }

        /// <summary>Product families: per order inside the window (rows), as names per customer before it (aggregate, partitioned).</summary>
        private void ReadFamilies(Dictionary<Guid, CustomerSnapshot> byId, string[] ids, DateTime cut)
        {
            var orders = byId.Values.SelectMany(s => s.Ledger.Purchases).Where(p => p.Value.Families != null).ToDictionary(p => p.Key, p => p.Value);
            if (orders.Count > 0)
            {
                var query = new QueryExpression(SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrderDetail.SalesOrder), Distinct = true };
                var order = query.AddLink(SalesOrder.EntityLogicalName, SalesOrderDetail.SalesOrder, SalesOrder.PrimaryId);
                order.LinkCriteria.AddCondition(SalesOrder.Customer, ConditionOperator.In, byId.Keys.Cast<object>().ToArray());
                order.LinkCriteria.AddCondition(SalesOrder.SubmitDate, ConditionOperator.GreaterEqual, cut);
                WithProductFamily(query);
                foreach (var row in All(query))
                {
                    var orderId = row.GetAttributeValue<EntityReference>(SalesOrderDetail.SalesOrder)?.Id;
                    var family = FamilyOf(row);
                    if (orderId.HasValue && orders.TryGetValue(orderId.Value, out var entry) && !string.IsNullOrWhiteSpace(family)
                        && !entry.Families.Contains(family, StringComparer.OrdinalIgnoreCase))
                        entry.Families.Add(family);
                }
            }
            foreach (var row in Partitioned(ids, EarliestDate, cut, EarlierFamiliesFetch))
                if (byId.TryGetValue(Id(row, "customer"), out var snapshot))
                    snapshot.Ledger.EarlierFor(SalesOrder.EntityLogicalName).Add(0, 0m, 0m, null, null, new[] { Raw(row, "family") as string });
        }

        /// <summary>The product families of one order's lines (the event path's only extra read).</summary>
        public static List<string> FamiliesOf(IOrganizationService service, Guid orderId)
        {
            var query = new QueryExpression(SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(false), Distinct = true };
            query.Criteria.AddCondition(SalesOrderDetail.SalesOrder, ConditionOperator.Equal, orderId);
            WithProductFamily(query);
            return service.RetrieveMultiple(query).Entities.Select(FamilyOf)
                .Where(f => !string.IsNullOrWhiteSpace(f)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>Joins order lines to their product and returns its family (lines of products without one drop out).</summary>
        private static void WithProductFamily(QueryExpression lines)
        {
            var product = lines.AddLink(Product.EntityLogicalName, SalesOrderDetail.Product, Product.PrimaryId);
            product.EntityAlias = "p";
            product.Columns = new ColumnSet(Product.Family);
            product.LinkCriteria.AddCondition(Product.Family, ConditionOperator.NotNull);
        }

        private static string FamilyOf(Entity line) => Raw(line, "p." + Product.Family) as string;

        private void ReadReferrals(Dictionary<Guid, CustomerSnapshot> byId)
        {
            foreach (var table in byId.Values.Select(s => s.Customer.LogicalName).Distinct())
            {
                var query = new QueryExpression(table) { ColumnSet = new ColumnSet(CustomerColumns.ReferredBy, Common.ModifiedOn) };
                query.Criteria.AddCondition(CustomerColumns.ReferredBy, ConditionOperator.In, byId.Keys.Cast<object>().ToArray());
                foreach (var row in All(query))
                    if (byId.TryGetValue(row.GetAttributeValue<EntityReference>(CustomerColumns.ReferredBy).Id, out var referrer))
                        referrer.Ledger.Referrals[row.Id] = new ReferralEntry { Changed = row.GetAttributeValue<DateTime?>(Common.ModifiedOn) };
            }
        }

        private void ReadComplaints(Dictionary<Guid, CustomerSnapshot> byId, DateTime asOf)
        {
            var query = new QueryExpression(Incident.EntityLogicalName) { ColumnSet = new ColumnSet(Incident.Customer, Incident.StateCode, Incident.CreatedOn, Common.ModifiedOn) };
            query.Criteria.AddCondition(Incident.Customer, ConditionOperator.In, byId.Keys.Cast<object>().ToArray());
            query.Criteria.AddCondition(Incident.CaseTypeCode, ConditionOperator.Equal, Incident.CaseTypeComplaint);
            var recentOrOpen = query.Criteria.AddFilter(LogicalOperator.Or);
            recentOrOpen.AddCondition(Incident.StateCode, ConditionOperator.Equal, Incident.StateActive);
            recentOrOpen.AddCondition(Incident.CreatedOn, ConditionOperator.OnOrAfter, asOf.AddDays(-_settings.Churn.RecentComplaintDays));
            foreach (var row in All(query))
                if (byId.TryGetValue(row.GetAttributeValue<EntityReference>(Incident.Customer).Id, out var snapshot))
                    snapshot.Ledger.Complaints[row.Id] = ComplaintOf(row);
        }

        public static ComplaintEntry ComplaintOf(Entity incident) => new ComplaintEntry
        {
            OpenedOn = incident.GetAttributeValue<DateTime?>(Incident.CreatedOn) ?? incident.GetAttributeValue<DateTime?>(Common.ModifiedOn) ?? DateTime.MinValue,
            IsOpen = (incident.GetAttributeValue<OptionSetValue>(Incident.StateCode)?.Value ?? Incident.StateActive) == Incident.StateActive,
            Changed = incident.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        private void ReadSurveys(Dictionary<Guid, CustomerSnapshot> byId, DateTime asOf)
        {
            var query = new QueryExpression(CxSurveyResponse.EntityLogicalName)
            {
                ColumnSet = new ColumnSet(CxSurveyResponse.Customer, CxSurveyResponse.Score, CxSurveyResponse.AnsweredOn, Common.ModifiedOn),
            };
            query.Criteria.AddCondition(CxSurveyResponse.Customer, ConditionOperator.In, byId.Keys.Cast<object>().ToArray());
            query.Criteria.AddCondition(CxSurveyResponse.AnsweredOn, ConditionOperator.OnOrAfter, asOf.AddYears(-2));
            query.Criteria.AddCondition(CxSurveyResponse.Score, ConditionOperator.NotNull);
            foreach (var row in All(query))
                if (byId.TryGetValue(row.GetAttributeValue<EntityReference>(CxSurveyResponse.Customer).Id, out var snapshot))
                    snapshot.Ledger.Surveys[row.Id] = SurveyOf(row);
        }

        public static SurveyEntry SurveyOf(Entity response) => new SurveyEntry
        {
            AnsweredOn = response.GetAttributeValue<DateTime>(CxSurveyResponse.AnsweredOn),
            Score = response.GetAttributeValue<decimal>(CxSurveyResponse.Score),
            Changed = response.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        /// <summary>
        /// The plan as the activities show it: the open activity per key (further open ones of a key are duplicates),
        /// the cancellations per key (their ids are taken; never fewer than the stored plan counted) and the last
        /// completion per kind. Activities users closed, as the stored plan remembers them, stay remembered.
        /// </summary>
        private void ReadRetentionActivities(Dictionary<Guid, CustomerSnapshot> byId, DateTime asOf)
        {
            var lookback = _settings.Retention.Cadences.Values.SelectMany(c => c).Select(c => c.EveryDays).DefaultIfEmpty(365).Max();
            var found = byId.Values.ToDictionary(s => s.Customer.Id, s => new RetentionPlan
            {
                Cancelled = s.Plan?.Cancelled ?? new Dictionary<string, int>(StringComparer.Ordinal),
                ClosedByUser = s.Plan?.ClosedByUser ?? new List<Guid>(),
            });
            var counted = byId.Keys.ToDictionary(id => id, _ => new Dictionary<string, int>(StringComparer.Ordinal));
            foreach (var table in new[] { RetentionActivity.Task, RetentionActivity.PhoneCall })
            {
                var query = new QueryExpression(table)
                {
                    ColumnSet = new ColumnSet(RetentionActivity.Key, RetentionActivity.Action, RetentionActivity.Regarding, RetentionActivity.StateCode,
                        RetentionActivity.ScheduledEnd, RetentionActivity.ActualEnd, RetentionActivity.Subject, RetentionActivity.Owner, RetentionActivity.Description),
                };
                query.Criteria.AddCondition(RetentionActivity.Regarding, ConditionOperator.In, byId.Keys.Cast<object>().ToArray());
                query.Criteria.AddCondition(RetentionActivity.Key, ConditionOperator.NotNull);
                var openOrRecent = query.Criteria.AddFilter(LogicalOperator.Or);
                openOrRecent.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateOpen);
                var completed = openOrRecent.AddFilter(LogicalOperator.And);
                completed.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateCompleted);
                completed.AddCondition(RetentionActivity.ActualEnd, ConditionOperator.OnOrAfter, asOf.AddDays(-lookback));
                // Every cancelled one counts: its id is taken.
                openOrRecent.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateCanceled);
                // In id order, so the activity kept for a key (the first) is the same whichever reads it.
                foreach (var activity in All(query).OrderBy(a => a.Id))
                {
                    var regarding = activity.GetAttributeValue<EntityReference>(RetentionActivity.Regarding).Id;
                    var snapshot = byId[regarding];
                    var plan = found[regarding];
                    snapshot.ExistingActivityIds.Add(activity.Id);
                    var key = activity.GetAttributeValue<string>(RetentionActivity.Key);
                    var state = activity.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value;
                    var action = activity.GetAttributeValue<OptionSetValue>(RetentionActivity.Action);
                    var kind = action != null && Choice.TryFromOption<RetentionActionKind>(action.Value, out var k) ? k : (RetentionActionKind?)null;
                    if (state == RetentionActivity.StateCanceled)
                    {
                        counted[regarding][key] = (counted[regarding].TryGetValue(key, out var n) ? n : 0) + 1;
                    }
                    else if (state == RetentionActivity.StateOpen)
                    {
                        if (plan.Open.ContainsKey(key)) snapshot.DuplicateActivities.Add(activity);
                        else plan.Open[key] = PlannedFrom(activity, key, kind);
                    }
                    else if (kind.HasValue && activity.GetAttributeValue<DateTime?>(RetentionActivity.ActualEnd) is DateTime end
                        && (!plan.LastCompleted.TryGetValue(kind.Value, out var known) || end > known))
                    {
                        plan.LastCompleted[kind.Value] = end;
                    }
                }
            }
            foreach (var snapshot in byId.Values)
            {
                var plan = found[snapshot.Customer.Id];
                foreach (var pair in counted[snapshot.Customer.Id])
                    plan.Cancelled[pair.Key] = Math.Max(pair.Value, plan.Cancelled.TryGetValue(pair.Key, out var stored) ? stored : 0);
                snapshot.Plan = plan;
            }
        }

        private static PlannedActivity PlannedFrom(Entity activity, string key, RetentionActionKind? kind)
        {
            var owner = activity.GetAttributeValue<EntityReference>(RetentionActivity.Owner);
            return new PlannedActivity
            {
                Id = activity.Id,
                Key = key,
                Kind = kind ?? default(RetentionActionKind),
                Channel = activity.LogicalName == RetentionActivity.PhoneCall ? ActivityChannel.PhoneCall : ActivityChannel.Task,
                Subject = activity.GetAttributeValue<string>(RetentionActivity.Subject),
                DueOn = activity.GetAttributeValue<DateTime?>(RetentionActivity.ScheduledEnd) ?? DateTime.MinValue,
                Description = activity.GetAttributeValue<string>(RetentionActivity.Description),
                OwnerTable = owner?.LogicalName,
                OwnerId = owner?.Id,
            };
        }

        /// <summary>Every row of a query, 5,000 a page (the platform's page size).</summary>
        private IEnumerable<Entity> All(QueryExpression query)
        {
            query.PageInfo = new PagingInfo { Count = PageSize, PageNumber = 1 };
            while (true)
            {
                var page = _service.RetrieveMultiple(query);
                foreach (var row in page.Entities) yield return row;
                if (!page.MoreRecords) yield break;
                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }

        private IEnumerable<Entity> Aggregate(XElement fetch) => _service.RetrieveMultiple(new FetchExpression(fetch.ToString(SaveOptions.DisableFormatting))).Entities;

        /// <summary>Purchases before this are not expected; the bound only matters when one customer's rows must be split by date.</summary>
        private static readonly DateTime EarliestDate = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

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

        /// <summary>The platform's refusal to aggregate over more than 50,000 rows (a fault whose message names the limit).</summary>
        private static bool IsAggregateLimit(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e.Message != null && e.Message.IndexOf("AggregateQueryRecordLimit", StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }

        private static XElement EarlierFetch(PurchaseSource source, string[] ids, DateTime from, DateTime to) =>
            Fetch(source.Table, PurchaseFilter(source, ids, from, to), GroupBy(source.Customer, "customer"), Aggregate(source.Id, "count", "orders"),
                Aggregate(source.Amount, "sum", "revenue"), Aggregate(source.Discount, "sum", "discount"), Aggregate(source.Date, "min", "first"), Aggregate(source.Date, "max", "last"));

        /// <summary>Distinct product families per customer among orders in [from, to): names, so parts can be merged.</summary>
        private static XElement EarlierFamiliesFetch(string[] ids, DateTime from, DateTime to) =>
            new XElement("fetch", new XAttribute("aggregate", "true"),
                new XElement("entity", new XAttribute("name", SalesOrderDetail.EntityLogicalName),
                    Aggregate(SalesOrderDetail.SalesOrder, "count", "lines"),
                    new XElement("link-entity", new XAttribute("name", SalesOrder.EntityLogicalName), new XAttribute("from", SalesOrder.PrimaryId), new XAttribute("to", SalesOrderDetail.SalesOrder), new XAttribute("alias", "o"),
                        GroupBy(SalesOrder.Customer, "customer"),
                        PurchaseFilter(PurchaseSource.Orders, ids, from, to)),
                    new XElement("link-entity", new XAttribute("name", Product.EntityLogicalName), new XAttribute("from", Product.PrimaryId), new XAttribute("to", SalesOrderDetail.Product), new XAttribute("alias", "p"),
                        GroupBy(Product.Family, "family"),
                        new XElement("filter", Condition(Product.Family, "not-null")))));

        // [from, to): ge/lt on the full timestamp, so halves of a range never overlap.
        private static XElement PurchaseFilter(PurchaseSource source, string[] ids, DateTime from, DateTime to) =>
            new XElement("filter", In(source.Customer, ids), Condition(Common.StateCode, "ne", source.CanceledState), Condition(source.Date, "not-null"),
                source.FromOrderColumn == null ? null : Condition(source.FromOrderColumn, "null"),
                Condition(source.Date, "ge", Utc(from)), Condition(source.Date, "lt", Utc(to)));

        private static string Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static XElement Fetch(string table, XElement filter, params XElement[] attributes) =>
            new XElement("fetch", new XAttribute("aggregate", "true"), new XElement("entity", new XAttribute("name", table), attributes, filter));

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
    }
}
