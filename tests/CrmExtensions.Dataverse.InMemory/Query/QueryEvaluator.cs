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

        public QueryEvaluator(TableStore store, DateTime utcNow, Guid userId)
        {
            _store = store;
            _conditions = new ConditionEvaluator(utcNow, userId);
        }

        public EntityCollection Execute(QueryExpression query)
        {
            var rows = Filter(query).ToList();
            rows = Order(rows, query.Orders, query.LinkEntities).ToList();

            var projected = rows.Select(r => Project(query, r)).ToList();
            if (query.Distinct) projected = projected.GroupBy(DistinctKey).Select(g => g.First()).ToList();
            var total = projected.Count;
            if (query.TopCount.HasValue) projected = projected.Take(query.TopCount.Value).ToList();

            var result = new EntityCollection { EntityName = query.EntityName };
            var page = query.PageInfo;
            if (page != null && page.Count > 0 && !query.TopCount.HasValue)
            {
                var pageNumber = Math.Max(1, page.PageNumber);
                result.Entities.AddRange(projected.Skip((pageNumber - 1) * page.Count).Take(page.Count));
                result.MoreRecords = projected.Count > pageNumber * page.Count;
                result.PagingCookie = result.MoreRecords ? $"<cookie page=\"{pageNumber}\" />" : null;
            }
            else
            {
                result.Entities.AddRange(projected);
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

        /// <summary>The joined rows that pass every criterion, before projection (aggregates start here too).</summary>
        internal IEnumerable<QueryRow> Filter(QueryExpression query)
        {
            if (string.IsNullOrEmpty(query.EntityName))
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, "The query names no table (EntityName is empty).");
            IEnumerable<QueryRow> rows = _store.Rows(query.EntityName).Select(e => new QueryRow(e));
            var aliasCounter = new Dictionary<string, int>();
            foreach (var link in query.LinkEntities) rows = Join(rows, link, null, aliasCounter);
            return rows.Where(r => _conditions.Matches(query.Criteria, r, null)).ToList();
        }

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
            var candidates = _store.Rows(link.LinkToEntityName);
            var index = new Dictionary<object, List<Entity>>();
            foreach (var candidate in candidates)
            {
                var key = ValueComparer.Normalize(new QueryRow(candidate).Value(null, link.LinkToAttributeName));
                if (key == null) continue;
                if (key is string s) key = s.ToUpperInvariant();
                if (!index.TryGetValue(key, out var list)) index[key] = list = new List<Entity>();
                list.Add(candidate);
            }

            IEnumerable<QueryRow> Expand(QueryRow row)
            {
                var from = ValueComparer.Normalize(row.Value(parentAlias, link.LinkFromAttributeName));
                if (from is string s) from = s.ToUpperInvariant();
                var matches = from != null && index.TryGetValue(from, out var found)
                    ? found.Select(f => row.With(alias, f)).Where(r => _conditions.Matches(link.LinkCriteria, r, alias)).ToList()
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
            var all = orders.Select(o => (alias: o.EntityName, order: o))
                .Concat(AllLinks(links).SelectMany(l => l.Orders.Select(o => (alias: AliasOf(l), order: o))))
                .ToList();
            if (all.Count == 0) return rows;
            IOrderedEnumerable<QueryRow> ordered = null;
            foreach (var (alias, order) in all)
            {
                Func<QueryRow, object> key = r => ValueComparer.Normalize(r.Value(alias, order.AttributeName));
                var comparer = Comparer<object>.Create(ValueComparer.Compare);
                ordered = ordered == null
                    ? (order.OrderType == OrderType.Ascending ? rows.OrderBy(key, comparer) : rows.OrderByDescending(key, comparer))
                    : (order.OrderType == OrderType.Ascending ? ordered.ThenBy(key, comparer) : ordered.ThenByDescending(key, comparer));
            }
            return ordered;
        }

        internal static IEnumerable<LinkEntity> AllLinks(IEnumerable<LinkEntity> links) =>
            links.SelectMany(l => new[] { l }.Concat(AllLinks(l.LinkEntities)));

        private static Entity Project(QueryExpression query, QueryRow row)
        {
            var columns = query.ColumnSet ?? new ColumnSet();
            var entity = EntityCloner.Clone(row.Primary, c => columns.AllColumns || columns.Columns.Contains(c));
            entity[query.EntityName + "id"] = row.Primary.Id;
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
            string.Join("|", e.Attributes.Where(a => a.Key != e.LogicalName + "id").OrderBy(a => a.Key)
                .Select(a => a.Key + "=" + Convert.ToString(ValueComparer.Normalize(a.Value), CultureInfo.InvariantCulture)));
    }
}
