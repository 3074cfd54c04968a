using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>Runs QueryExpression (and FetchXML parsed into one) over the table store: joins, filters, order, paging, projection.</summary>
    public sealed class QueryEvaluator
    {
        private readonly TableStore _store;
        private readonly ConditionEvaluator _conditions;

        private readonly Func<Entity, bool> _visible;

        /// <summary>
        /// An evaluator for one caller: <paramref name="visible"/> says whether a row is theirs to see (null: every row), for the
        /// queried table and every linked one alike, so no join reaches a row a direct read would not.
        /// </summary>
        public QueryEvaluator(TableStore store, DateTime utcNow, Guid userId, Func<Entity, bool> visible = null)
        {
            _store = store;
            _conditions = new ConditionEvaluator(utcNow, userId);
            _visible = visible ?? (_ => true);
        }

        /// <summary>The platform's default and largest page: a query that names no page size gets at most this many rows at once.</summary>
        public const int MaxPageSize = 5000;

        /// <summary>Simple paging (page numbers without a cookie) reaches no further than this many rows.</summary>
        public const int SimplePagingLimit = 50000;

        public EntityCollection Execute(QueryExpression query)
        {
            var info = query.PageInfo ?? new PagingInfo();
            var size = query.TopCount ?? (info.Count > 0 ? info.Count : MaxPageSize);
            var number = query.TopCount.HasValue ? 1 : Math.Max(1, info.PageNumber);
            var cookie = query.TopCount.HasValue ? null : PagingCookie.Read(info.PagingCookie, number);
            if (cookie == null && number > 1 && (long)number * size > SimplePagingLimit)
                throw new DataverseFaultException(ErrorCodes.OverRetrievalUpperLimitWithoutPagingCookie,
                    $"Page {number} of {size} rows goes past the {SimplePagingLimit:N0} rows paging without a cookie reaches: page with the paging cookie instead.");
            var keys = SortKeys(query);
            if (cookie != null && (keys == null || !cookie.Select(c => c.Key).SequenceEqual(keys.Select(k => k.Column))))
                throw new DataverseFaultException(ErrorCodes.QueryBuilderPagingOrderBy, "Order by columns do not match those in paging cookie.");

            List<QueryRow> rows;
            int total = -1;
            // Walking the table in id order pays off only where no index narrows the rows to a few.
            var fast = keys != null && keys.Count == 1 && !query.Distinct && query.LinkEntities.Count == 0 && !info.ReturnTotalRecordCount
                && (query.Criteria == null || query.Criteria.FilterOperator == LogicalOperator.And) && IndexKey(query) == null;
            if (fast)
            {
                rows = ByPrimaryKey(query, cookie, (number - 1) * size, size + 1);
            }
            else
            {
                // Sorted as the cookie reads it: the query's orders, then the primary key (the platform's default order).
                var filtered = Filter(query).ToList();
                var all = (keys == null ? Order(filtered, query.Orders, query.LinkEntities)
                    : ValueComparer.SortBy(filtered, keys.Select(k => ((Func<QueryRow, object>)(r => ValueComparer.Normalize(k.ValueOf(r))), k.Descending)))).ToList();
                if (query.Distinct) all = all.GroupBy(r => DistinctKey(Project(query, r))).Select(g => g.First()).ToList();
                total = all.Count;
                rows = (cookie == null ? all.Skip((number - 1) * size) : all.SkipWhile(r => !IsAfter(r, keys, cookie))).Take(size + 1).ToList();
            }
            var more = rows.Count > size;
            if (more) rows.RemoveAt(size);
            if (query.Distinct && AllOrders(query).Count() == 0 && (info.Count > 0 || number > 1 || cookie != null || more))
                throw new DataverseFaultException(ErrorCodes.InvalidArgument,
                    "A distinct query is paged without an order: without a primary key Dataverse adds no default order, so its pages may repeat or skip rows. Add an order.");

            var result = new EntityCollection(rows.Select(r => Project(query, r)).ToList()) { EntityName = query.EntityName, MoreRecords = more };
            if (more && keys != null) result.PagingCookie = PagingCookie.Write(number, keys.Select(k => new KeyValuePair<string, object>(k.Column, k.ValueOf(rows[rows.Count - 1]))));
            var counted = info.ReturnTotalRecordCount && total >= 0;
            result.TotalRecordCount = counted ? Math.Min(total, MaxPageSize) : -1;
            result.TotalRecordCountLimitExceeded = counted && total > MaxPageSize;
            return result;
        }

        /// <summary>
        /// What a paging cookie records, in sort order: the query's orders on its own table, then the primary key (which makes
        /// the order total). Null when an order lies on a linked table or the query is distinct: the platform returns no
        /// cookie then, and such a query pages by number.
        /// </summary>
        private static List<SortKey> SortKeys(QueryExpression query)
        {
            if (query.Distinct || AllLinks(query.LinkEntities).Any(l => l.Orders.Count > 0)) return null;
            if (query.Orders.Any(o => o.EntityName != null && o.EntityName != query.EntityName)) return null;
            var pk = PrimaryKey.For(query.EntityName);
            var keys = query.Orders.Select(o => new SortKey(o.AttributeName, o.OrderType == OrderType.Descending)).ToList();
            if (keys.All(k => k.Column != pk)) keys.Add(new SortKey(pk, false));
            return keys;
        }

        private sealed class SortKey
        {
            public SortKey(string column, bool descending)
            {
                Column = column;
                Descending = descending;
            }

            public string Column { get; }
            public bool Descending { get; }
            public object ValueOf(QueryRow row) => row.Value(null, Column);
        }

        private static IEnumerable<OrderExpression> AllOrders(QueryExpression query) => query.Orders.Concat(AllLinks(query.LinkEntities).SelectMany(l => l.Orders));

        /// <summary>Whether the row sorts after the cookie's last row (each key ascending unless the query orders it descending).</summary>
        private static bool IsAfter(QueryRow row, List<SortKey> keys, IReadOnlyList<KeyValuePair<string, string>> cookie)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                var value = ValueComparer.Normalize(keys[i].ValueOf(row));
                var last = cookie[i].Value == null ? null : ValueComparer.Coerce(cookie[i].Value, value ?? cookie[i].Value);
                var order = ValueComparer.Compare(value, last);
                if (order != 0) return keys[i].Descending ? order < 0 : order > 0;
            }
            return false;
        }

        /// <summary>
        /// A page of a query sorted by its primary key alone (no joins): walks the ordered ids from the cookie's last id, or
        /// skips <paramref name="skip"/> matches without one, and stops after <paramref name="take"/> matches instead of
        /// sorting the table.
        /// </summary>
        private List<QueryRow> ByPrimaryKey(QueryExpression query, IReadOnlyList<KeyValuePair<string, string>> cookie, int skip, int take)
        {
            var ordered = _store.OrderedIds(query.EntityName);
            var descending = query.Orders.Count == 1 && query.Orders[0].OrderType == OrderType.Descending;
            IEnumerable<Guid> ids = descending ? ordered.Reverse() : ordered;
            if (cookie?[0].Value != null)
            {
                var last = (Guid)ValueComparer.Coerce(cookie[0].Value, Guid.Empty);
                ids = descending ? ordered.Reverse().SkipWhile(id => ValueComparer.IdOrder.Compare(id, last) >= 0) : ordered.GetViewBetween(last, MaxId).Where(id => id != last);
                skip = 0;
            }
            var page = new List<QueryRow>();
            foreach (var id in ids)
            {
                if (page.Count >= take) break;
                var stored = _store.Get(query.EntityName, id);
                if (!_visible(stored)) continue;
                var row = new QueryRow(stored);
                if (!_conditions.Matches(query.Criteria, row, null)) continue;
                if (skip > 0) skip--;
                else page.Add(row);
            }
            return page;
        }

        private static readonly Guid MaxId = new Guid("ffffffff-ffff-ffff-ffff-ffffffffffff");

        /// <summary>The joined rows that pass every criterion, before projection (aggregates start here too).</summary>
        internal IEnumerable<QueryRow> Filter(QueryExpression query)
        {
            if (string.IsNullOrEmpty(query.EntityName))
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, "The query names no table (EntityName is empty).");
            IEnumerable<QueryRow> rows = Candidates(query).Where(_visible).Select(e => new QueryRow(e));
            var aliasCounter = new Dictionary<string, int>();
            foreach (var link in query.LinkEntities) rows = Join(rows, link, null, aliasCounter);
            return rows.Where(r => _conditions.Matches(query.Criteria, r, null)).ToList();
        }

        /// <summary>Narrows the scan through an index when a top-level AND condition fixes a column to values (eq / in).</summary>
        private IEnumerable<Entity> Candidates(QueryExpression query)
        {
            var key = IndexKey(query);
            if (key == null) return _store.Rows(query.EntityName);
            var values = key.Values.SelectMany(v => v is System.Collections.IEnumerable e && !(v is string) ? e.Cast<object>() : new[] { v });
            if (key.AttributeName == PrimaryKey.For(query.EntityName))
                return values.Select(v => (Guid)ValueComparer.Coerce(v, Guid.Empty)).Distinct()
                    .Select(id => _store.TryGet(query.EntityName, id, out var row) ? row : null).Where(row => row != null);
            var index = _store.Index(query.EntityName, key.AttributeName);
            var sample = index.Keys.FirstOrDefault();
            return values
                .Select(v => TableStore.IndexKey(sample == null ? v : ValueComparer.Coerce(v, sample)))
                .Where(v => v != null).Distinct()
                .SelectMany(v => index.TryGetValue(v, out var rows) ? rows.Values : Enumerable.Empty<Entity>());
        }

        /// <summary>The top-level AND condition (eq / in) whose values an index narrows the rows to, or null.</summary>
        private static ConditionExpression IndexKey(QueryExpression query) =>
            query.Criteria == null || query.Criteria.FilterOperator != LogicalOperator.And
                ? null
                : AndConditions(query.Criteria).FirstOrDefault(c => (c.EntityName == null || c.EntityName == query.EntityName) && !c.CompareColumns
                    && (c.Operator == ConditionOperator.Equal || c.Operator == ConditionOperator.In) && c.Values.Count > 0);

        /// <summary>Conditions every row must meet: those of the filter and of its AND children (as FetchXML nests them).</summary>
        private static IEnumerable<ConditionExpression> AndConditions(FilterExpression filter) =>
            filter.FilterOperator != LogicalOperator.And
                ? Enumerable.Empty<ConditionExpression>()
                : filter.Conditions.Concat(filter.Filters.SelectMany(AndConditions));

        internal static string AliasOf(LinkEntity link) => link.EntityAlias ?? link.LinkToEntityName;

        private IEnumerable<QueryRow> Join(IEnumerable<QueryRow> rows, LinkEntity link, string parentAlias, Dictionary<string, int> aliasCounter)
        {
            if (link.EntityAlias == null)
            {
                // The platform names an unaliased link "<table>1", "<table>2", ...
                aliasCounter.TryGetValue(link.LinkToEntityName, out var n);
                aliasCounter[link.LinkToEntityName] = ++n;
                link.EntityAlias = link.LinkToEntityName + n.ToString(CultureInfo.InvariantCulture);
            }
            var alias = link.EntityAlias;
            var index = _store.Index(link.LinkToEntityName, link.LinkToAttributeName);

            IEnumerable<QueryRow> Expand(QueryRow row)
            {
                var from = TableStore.IndexKey(row.Value(parentAlias, link.LinkFromAttributeName));
                var matches = from != null && index.TryGetValue(from, out var found)
                    ? found.Values.Where(_visible).Select(f => row.With(alias, f)).Where(r => _conditions.Matches(link.LinkCriteria, r, alias)).ToList()
                    : new List<QueryRow>();
                switch (link.JoinOperator)
                {
                    case JoinOperator.LeftOuter:
                        return matches.Count > 0 ? matches : new[] { row.With(alias, null) };
                    case JoinOperator.Inner:
                    case JoinOperator.Natural:
                        return matches;
                    case JoinOperator.Exists:
                    case JoinOperator.In:
                    case JoinOperator.Any:
                        return matches.Count > 0 ? new[] { row } : Array.Empty<QueryRow>();
                    case JoinOperator.NotAny:
                        return matches.Count == 0 ? new[] { row } : Array.Empty<QueryRow>();
                    default:
                        throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"The in-memory host does not evaluate join operator {link.JoinOperator}.");
                }
            }

            var joined = rows.SelectMany(Expand);
            foreach (var child in link.LinkEntities) joined = Join(joined, child, alias, aliasCounter);
            return joined;
        }

        private static IEnumerable<QueryRow> Order(List<QueryRow> rows, IEnumerable<OrderExpression> orders, IEnumerable<LinkEntity> links)
        {
            var keys = orders.Select(o => (alias: o.EntityName, order: o))
                .Concat(AllLinks(links).SelectMany(l => l.Orders.Select(o => (alias: AliasOf(l), order: o))))
                .Select(k => ((Func<QueryRow, object>)(r => ValueComparer.Normalize(r.Value(k.alias, k.order.AttributeName))), k.order.OrderType == OrderType.Descending));
            return ValueComparer.SortBy(rows, keys);
        }

        internal static IEnumerable<LinkEntity> AllLinks(IEnumerable<LinkEntity> links) =>
            links.SelectMany(l => new[] { l }.Concat(AllLinks(l.LinkEntities)));

        private static Entity Project(QueryExpression query, QueryRow row)
        {
            var columns = query.ColumnSet ?? new ColumnSet();
            var entity = EntityCloner.Clone(row.Primary, c => columns.AllColumns || columns.Columns.Contains(c));
            entity[PrimaryKey.For(query.EntityName)] = row.Primary.Id;
            foreach (var link in AllLinks(query.LinkEntities))
            {
                var alias = AliasOf(link);
                if (!row.Linked.TryGetValue(alias, out var linked) || linked == null || link.Columns == null) continue;
                foreach (var attribute in linked.Attributes)
                {
                    if (link.Columns.AllColumns || link.Columns.Columns.Contains(attribute.Key))
                        entity[alias + "." + attribute.Key] = new AliasedValue(linked.LogicalName, attribute.Key, EntityCloner.CloneValue(attribute.Value));
                }
            }
            return entity;
        }

        private static string DistinctKey(Entity e) =>
            string.Join("|", e.Attributes.Where(a => a.Key != PrimaryKey.For(e.LogicalName)).OrderBy(a => a.Key)
                .Select(a => a.Key + "=" + Convert.ToString(ValueComparer.Normalize(a.Value), CultureInfo.InvariantCulture)));
    }
}
