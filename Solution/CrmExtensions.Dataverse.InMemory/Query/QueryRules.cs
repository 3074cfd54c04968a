using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>
    /// What the platform refuses in a query before reading a row: a table or column the metadata does not have (in the
    /// columns, a condition, an order or a join), an ordering operator on a column whose values have no order, a
    /// condition with more values than one condition may carry, and a page larger than the platform returns.
    /// </summary>
    internal sealed class QueryRules
    {
        /// <summary>
        /// Values one condition may carry. Microsoft's docs give no number, only the error TooManyConditionParametersInQuery
        /// (0x8004430E); issue 23 fixes 2,000, the limit commonly met in practice, so the product keeps every "in" list under it.
        /// </summary>
        public const int MaxConditionValues = 2000;

        /// <summary>gt, ge, lt, le and (not-)between: Microsoft's operator table lists them for numbers, dates and text only.</summary>
        private static readonly HashSet<ConditionOperator> Ordering = new HashSet<ConditionOperator>
        {
            ConditionOperator.GreaterThan, ConditionOperator.GreaterEqual, ConditionOperator.LessThan, ConditionOperator.LessEqual,
            ConditionOperator.Between, ConditionOperator.NotBetween,
        };

        /// <summary>like and begins/ends-with: text only.</summary>
        private static readonly HashSet<ConditionOperator> TextOnly = new HashSet<ConditionOperator>
        {
            ConditionOperator.Like, ConditionOperator.NotLike, ConditionOperator.BeginsWith, ConditionOperator.DoesNotBeginWith,
            ConditionOperator.EndsWith, ConditionOperator.DoesNotEndWith,
        };

        private readonly WriteRules _tables;

        public QueryRules(WriteRules tables) { _tables = tables; }

        public void CheckColumns(string table, ColumnSet columns)
        {
            var metadata = _tables.TableOf(table);
            if (columns == null || columns.AllColumns) return;
            foreach (var column in columns.Columns) Column(metadata, table, column);
        }

        public void Check(QueryExpression query)
        {
            var info = query.PageInfo;
            if ((info != null && info.Count > QueryEvaluator.MaxPageSize) || query.TopCount > QueryEvaluator.MaxPageSize)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument,
                    $"A query returns at most {QueryEvaluator.MaxPageSize:N0} rows at once (asked: {(query.TopCount ?? info.Count):N0}); page through the rest.");
            var aliases = new Dictionary<string, TableMetadata> { [query.EntityName] = _tables.TableOf(query.EntityName) };
            var tables = new Dictionary<string, string> { [query.EntityName] = query.EntityName };
            CheckColumns(query.EntityName, query.ColumnSet);
            foreach (var link in query.LinkEntities) Link(link, query.EntityName, aliases, tables);
            foreach (var order in query.Orders) Column(aliases, tables, order.EntityName ?? query.EntityName, order.AttributeName);
            Filter(query.Criteria, query.EntityName, aliases, tables);
        }

        private void Link(LinkEntity link, string parentAlias, Dictionary<string, TableMetadata> aliases, Dictionary<string, string> tables)
        {
            var alias = QueryEvaluator.AliasOf(link);
            aliases[alias] = _tables.TableOf(link.LinkToEntityName);
            tables[alias] = link.LinkToEntityName;
            Column(aliases, tables, parentAlias, link.LinkFromAttributeName);
            Column(aliases, tables, alias, link.LinkToAttributeName);
            if (link.Columns != null && !link.Columns.AllColumns) foreach (var column in link.Columns.Columns) Column(aliases, tables, alias, column);
            foreach (var order in link.Orders) Column(aliases, tables, alias, order.AttributeName);
            foreach (var child in link.LinkEntities) Link(child, alias, aliases, tables);
            Filter(link.LinkCriteria, alias, aliases, tables);
        }

        private void Filter(FilterExpression filter, string alias, Dictionary<string, TableMetadata> aliases, Dictionary<string, string> tables)
        {
            if (filter == null) return;
            foreach (var condition in filter.Conditions)
            {
                var at = condition.EntityName ?? alias;
                var column = Column(aliases, tables, at, condition.AttributeName);
                if (condition.CompareColumns) foreach (var other in condition.Values) Column(aliases, tables, at, (string)other);
                var values = condition.Values.SelectMany(v => v is System.Collections.IEnumerable e && !(v is string) ? e.Cast<object>() : new[] { v }).Count();
                if (values > MaxConditionValues)
                    throw new DataverseFaultException(ErrorCodes.TooManyConditionParametersInQuery,
                        $"Number of parameters in a condition exceeded maximum limit: {values} values on '{condition.AttributeName}' (at most {MaxConditionValues:N0}).");
                if (column != null && ((Ordering.Contains(condition.Operator) && !column.IsOrdered) || (TextOnly.Contains(condition.Operator) && column.Kind != ColumnKind.Text)))
                    throw new DataverseFaultException(ErrorCodes.QueryBuilderInvalidConditionOperator,
                        $"Unsupported condition operator: {condition.Operator} on '{condition.AttributeName}', a {column.Kind} column of {tables[at]}.");
            }
            foreach (var child in filter.Filters) Filter(child, alias, aliases, tables);
        }

        private ColumnMetadata Column(Dictionary<string, TableMetadata> aliases, Dictionary<string, string> tables, string alias, string column)
        {
            if (!aliases.TryGetValue(alias, out var metadata) || !tables.TryGetValue(alias, out var table))
                throw new DataverseFaultException(ErrorCodes.QueryBuilderNoAttribute, $"The query names '{alias}', which is neither its table nor the alias of a join.");
            return Column(metadata, table, column);
        }

        private static ColumnMetadata Column(TableMetadata metadata, string table, string column)
        {
            if (metadata == null) return null;
            var described = metadata.Column(column);
            if (described == null && metadata.Complete) throw WriteRules.NoColumn(table, column);
            return described;
        }
    }
}
