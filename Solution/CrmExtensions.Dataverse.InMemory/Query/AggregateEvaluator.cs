using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>
    /// FetchXML aggregates: count, countcolumn, sum, avg, min, max, grouped by columns or date parts, with the platform's
    /// AggregateQueryRecordLimit (50,000 rows by default) enforced so callers must partition large aggregates as they must online.
    /// </summary>
    internal static class AggregateEvaluator
    {
        public static EntityCollection Execute(FetchPlan plan, IReadOnlyCollection<QueryRow> rows, int recordLimit)
        {
            if (rows.Count > recordLimit)
                throw new DataverseFaultException(ErrorCodes.AggregateQueryRecordLimitExceeded, "AggregateQueryRecordLimit exceeded. Cannot perform this operation.");

            var groupColumns = plan.AggregateColumns.Where(c => c.GroupBy).ToList();
            var valueColumns = plan.AggregateColumns.Where(c => !c.GroupBy).ToList();
            // Without group-by the platform returns one row, even over no records (count 0, other aggregates absent).
            var groups = groupColumns.Count == 0
                ? new List<List<QueryRow>> { rows.ToList() }
                : rows.GroupBy(r => string.Join("\u001f", groupColumns.Select(c => Convert.ToString(ValueComparer.Normalize(GroupKey(c, r)), CultureInfo.InvariantCulture))))
                    .Select(g => g.ToList()).ToList();

            var results = new List<Entity>();
            foreach (var group in groups)
            {
                var entity = new Entity(plan.Query.EntityName);
                var first = group.FirstOrDefault();
                foreach (var column in groupColumns)
                {
                    var key = first == null ? null : GroupKey(column, first);
                    if (key != null) entity[column.Alias] = new AliasedValue(column.EntityName, column.Attribute, key);
                }
                foreach (var column in valueColumns)
                {
                    var value = Compute(column, group);
                    if (value != null) entity[column.Alias] = new AliasedValue(column.EntityName, column.Attribute, value);
                }
                results.Add(entity);
            }

            var ordered = ValueComparer.SortBy(results, plan.AggregateOrders.Select(o =>
                ((Func<Entity, object>)(e => e.Contains(o.Alias) ? ValueComparer.Normalize(e[o.Alias]) : null), o.Descending)));
            if (plan.Query.TopCount.HasValue) ordered = ordered.Take(plan.Query.TopCount.Value);
            return new EntityCollection(ordered.ToList()) { EntityName = plan.Query.EntityName, TotalRecordCount = -1 };
        }

        private static object GroupKey(AggregateColumn column, QueryRow row)
        {
            var raw = row.Value(column.EntityAlias, column.Attribute);
            if (column.DateGrouping == null || !(raw is DateTime date)) return EntityCloner.CloneValue(raw);
            switch (column.DateGrouping.ToLowerInvariant())
            {
                case "day": return date.Day;
                case "week": return CultureInfo.InvariantCulture.Calendar.GetWeekOfYear(date, CalendarWeekRule.FirstDay, DayOfWeek.Sunday);
                case "month": return date.Month;
                case "quarter": return (date.Month - 1) / 3 + 1;
                case "year": return date.Year;
                case "fiscal-period":
                case "fiscal-year":
                default:
                    throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"Invalid FetchXML: dategrouping '{column.DateGrouping}' is not supported.");
            }
        }

        private static object Compute(AggregateColumn column, List<QueryRow> rows)
        {
            if (column.Function == "count") return rows.Count;
            var values = rows.Select(r => r.Value(column.EntityAlias, column.Attribute)).Where(v => v != null).ToList();
            if (column.Function == "countcolumn")
                return column.Distinct ? values.Select(ValueComparer.Normalize).Distinct().Count() : values.Count;
            if (values.Count == 0) return null;

            var isMoney = values[0] is Money;
            var numbers = values.Select(v => ValueComparer.Normalize(v)).ToList();
            switch (column.Function)
            {
                case "sum":
                    return Wrap(numbers.Cast<decimal>().Sum(), values[0], isMoney);
                case "avg":
                    return Wrap(numbers.Cast<decimal>().Average(), values[0], isMoney);
                case "min":
                    return EntityCloner.CloneValue(values[IndexOf(numbers, (a, b) => ValueComparer.Compare(a, b) < 0)]);
                case "max":
                    return EntityCloner.CloneValue(values[IndexOf(numbers, (a, b) => ValueComparer.Compare(a, b) > 0)]);
                default:
                    throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"Invalid FetchXML: aggregate '{column.Function}'.");
            }
        }

        private static int IndexOf(List<object> values, Func<object, object, bool> better)
        {
            var best = 0;
            for (var i = 1; i < values.Count; i++) if (better(values[i], values[best])) best = i;
            return best;
        }

        private static object Wrap(decimal value, object sample, bool isMoney)
        {
            if (isMoney) return new Money(value);
            switch (sample)
            {
                case int _: return (int)value;
                case long _: return (long)value;
                case double _: return (double)value;
                default: return value;
            }
        }
    }
}
