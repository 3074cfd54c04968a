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

        /// <summary>An evaluator for one caller: <paramref name="visible"/> says whether a row of the queried table is returned to them (null: every row).</summary>
        public QueryEvaluator(TableStore store, DateTime utcNow, Guid userId, Func<Entity, bool> visible = null)
        {
            _store = store;
            _conditions = new ConditionEvaluator(utcNow, userId);
            _visible = visible ?? (_ => true);
        }

        public EntityCollection Execute(QueryExpression query)
        {
            var keyset = KeysetPage(query);
            if (keyset != null) return new EntityCollection(keyset.Select(r => Project(query, r)).ToList()) { EntityName = query.EntityName, TotalRecordCount = -1 };

            var page = query.PageInfo;
            var rows = PagedRows.Continue(_store, page?.PagingCookie) ?? Order(Filter(query).ToList(), query.Orders, query.LinkEntities).ToList();
            var result = new EntityCollection { EntityName = query.EntityName };
            var paged = page != null && page.Count > 0 && !query.TopCount.HasValue;
            var skip = paged ? (Math.Max(1, page.PageNumber) - 1) * page.Count : 0;
            var take = paged ? page.Count : query.TopCount ?? int.MaxValue;
            int total;
            if (query.Distinct)
            {
                var distinct = rows.Select(r => Project(query, r)).GroupBy(DistinctKey).Select(g => g.First()).ToList();
                total = distinct.Count;
                result.Entities.AddRange(distinct.Skip(skip).Take(take));
            }
            else
            {
                // Only the rows returned are copied out; those before a page are skipped, as a paging cookie lets the platform do.
                total = rows.Count;
                result.Entities.AddRange(rows.Skip(skip).Take(take).Select(r => Project(query, r)));
            }
            if (paged)
            {
                result.MoreRecords = total > skip + page.Count;
                result.PagingCookie = result.MoreRecords ? PagedRows.Cookie(_store, rows, Math.Max(1, page.PageNumber)) : null;
            }
            if (page != null && page.ReturnTotalRecordCount)
            {
                result.TotalRecordCount = Math.Min(total, 5000);
                result.TotalRecordCountLimitExceeded = total > 5000;
            }
            else
            {
                result.TotalRecordCount = -1;
            }
            return result;
        }

        /// <summary>
        /// Top-N ordered by the primary key with no joins (keyset paging: "id &gt; last id, order by id"): walks the ordered
        /// ids from the lower bound and stops after N matches instead of sorting the table.
        /// </summary>
        private List<QueryRow> KeysetPage(QueryExpression query)
        {
            var pk = PrimaryKey.For(query.EntityName);
            if (!query.TopCount.HasValue || query.Distinct || query.LinkEntities.Count > 0 || query.Orders.Count != 1) return null;
            var order = query.Orders[0];
            if (order.AttributeName != pk || order.OrderType != OrderType.Ascending || (order.EntityName != null && order.EntityName != query.EntityName)) return null;
            if (query.Criteria != null && query.Criteria.FilterOperator != LogicalOperator.And) return null;
            var ordered = _store.OrderedIds(query.EntityName);
            IEnumerable<Guid> ids = ordered;
            var bound = query.Criteria?.Conditions.FirstOrDefault(c => c.AttributeName == pk && c.EntityName == null && c.Operator == ConditionOperator.GreaterThan && c.Values.Count == 1);
            if (bound != null)
            {
                var after = (Guid)ValueComparer.Coerce(bound.Values[0], Guid.Empty);
                var last = new Guid("ffffffff-ffff-ffff-ffff-ffffffffffff");
                ids = after.CompareTo(last) >= 0 ? Enumerable.Empty<Guid>() : ordered.GetViewBetween(after, last).Where(id => id != after);
            }
            var page = new List<QueryRow>();
            foreach (var id in ids)
            {
                if (page.Count >= query.TopCount.Value) break;
                var stored = _store.Get(query.EntityName, id);
                if (!_visible(stored)) continue;
                var row = new QueryRow(stored);
                if (_conditions.Matches(query.Criteria, row, null)) page.Add(row);
            }
            return page;
        }

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
            if (query.Criteria == null || query.Criteria.FilterOperator != LogicalOperator.And) return _store.Rows(query.EntityName);
            var key = AndConditions(query.Criteria).FirstOrDefault(c =>
                (c.EntityName == null || c.EntityName == query.EntityName) && !c.CompareColumns &&
                (c.Operator == ConditionOperator.Equal || c.Operator == ConditionOperator.In) && c.Values.Count > 0);
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
                    ? found.Values.Select(f => row.With(alias, f)).Where(r => _conditions.Matches(link.LinkCriteria, r, alias)).ToList()
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
