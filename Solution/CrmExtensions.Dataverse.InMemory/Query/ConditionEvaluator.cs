using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>Evaluates filters and conditions against joined rows; date operators are relative to the host clock (UTC).</summary>
    internal sealed class ConditionEvaluator
    {
        private readonly DateTime _now;
        private readonly Guid _userId;

        // "in" lists are turned into a hash set once per condition (keyed like the store's indexes), not compared per row.
        private readonly Dictionary<ConditionExpression, HashSet<object>> _inSets = new Dictionary<ConditionExpression, HashSet<object>>();

        // A condition's values are copied out once, not per row (an "in" list may hold thousands).
        private readonly Dictionary<ConditionExpression, object[]> _operands = new Dictionary<ConditionExpression, object[]>();

        // A FetchXML value arrives as text: it is parsed to the column's type once per condition, not once per row.
        private readonly Dictionary<ConditionExpression, KeyValuePair<Type, object>> _coerced = new Dictionary<ConditionExpression, KeyValuePair<Type, object>>();

        private object Operand(ConditionExpression condition, object[] operands, object value)
        {
            var single = Single(condition, operands);
            if (condition.CompareColumns) return single;
            if (_coerced.TryGetValue(condition, out var known) && known.Key == value.GetType()) return known.Value;
            var coerced = ValueComparer.Coerce(single, value);
            _coerced[condition] = new KeyValuePair<Type, object>(value.GetType(), coerced);
            return coerced;
        }

        private object[] Operands(ConditionExpression condition)
        {
            if (!_operands.TryGetValue(condition, out var operands)) _operands[condition] = operands = condition.Values.ToArray();
            return operands;
        }

        public ConditionEvaluator(DateTime utcNow, Guid userId)
        {
            _now = utcNow;
            _userId = userId;
        }

        public bool Matches(FilterExpression filter, QueryRow row, string defaultAlias)
        {
            if (filter == null) return true;
            // Short-circuits like SQL: "and" stops at the first miss, "or" at the first hit (an empty "or" matches).
            var and = filter.FilterOperator == LogicalOperator.And;
            var any = false;
            foreach (var condition in filter.Conditions)
            {
                any = true;
                if (Matches(condition, row, defaultAlias) != and) return !and;
            }
            foreach (var child in filter.Filters)
            {
                any = true;
                if (Matches(child, row, defaultAlias) != and) return !and;
            }
            return and || !any;
        }

        private bool Matches(ConditionExpression condition, QueryRow row, string defaultAlias)
        {
            var alias = condition.EntityName ?? defaultAlias;
            var value = ValueComparer.Normalize(row.Value(alias, condition.AttributeName));
            var operands = condition.CompareColumns ? condition.Values.Select(o => row.Value(alias, (string)o)).ToArray() : Operands(condition);
            var today = _now.Date;

            switch (condition.Operator)
            {
                case ConditionOperator.Equal: return value != null && ValueComparer.AreEqual(value, Operand(condition, operands, value));
                case ConditionOperator.NotEqual: return value != null && !ValueComparer.AreEqual(value, Operand(condition, operands, value));
                case ConditionOperator.GreaterThan: return value != null && ValueComparer.Compare(value, Operand(condition, operands, value)) > 0;
                case ConditionOperator.GreaterEqual: return value != null && ValueComparer.Compare(value, Operand(condition, operands, value)) >= 0;
                case ConditionOperator.LessThan: return value != null && ValueComparer.Compare(value, Operand(condition, operands, value)) < 0;
                case ConditionOperator.LessEqual: return value != null && ValueComparer.Compare(value, Operand(condition, operands, value)) <= 0;
                case ConditionOperator.Null: return value == null;
                case ConditionOperator.NotNull: return value != null;
                case ConditionOperator.In: return value != null && InSet(condition, operands, value).Contains(TableStore.IndexKey(value));
                case ConditionOperator.NotIn: return value != null && !InSet(condition, operands, value).Contains(TableStore.IndexKey(value));
                case ConditionOperator.Between: return value != null && Between(condition, value, operands);
                case ConditionOperator.NotBetween: return value != null && !Between(condition, value, operands);
                case ConditionOperator.Like: return value is string s1 && Like(s1, (string)Single(condition, operands));
                case ConditionOperator.NotLike: return value is string s2 && !Like(s2, (string)Single(condition, operands));
                case ConditionOperator.BeginsWith: return value is string s3 && s3.StartsWith((string)Single(condition, operands), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotBeginWith: return value is string s4 && !s4.StartsWith((string)Single(condition, operands), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EndsWith: return value is string s5 && s5.EndsWith((string)Single(condition, operands), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotEndWith: return value is string s6 && !s6.EndsWith((string)Single(condition, operands), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EqualUserId: return value is Guid g1 && g1 == _userId;
                case ConditionOperator.NotEqualUserId: return value is Guid g2 && g2 != _userId;
                case ConditionOperator.On: return value is DateTime d1 && d1.Date == DateArg(condition, operands).Date;
                case ConditionOperator.NotOn: return value is DateTime d2 && d2.Date != DateArg(condition, operands).Date;
                case ConditionOperator.OnOrBefore: return value is DateTime d3 && d3.Date <= DateArg(condition, operands).Date;
                case ConditionOperator.OnOrAfter: return value is DateTime d4 && d4.Date >= DateArg(condition, operands).Date;
                case ConditionOperator.Today: return InRange(value, today, today.AddDays(1));
                case ConditionOperator.Yesterday: return InRange(value, today.AddDays(-1), today);
                case ConditionOperator.Tomorrow: return InRange(value, today.AddDays(1), today.AddDays(2));
                case ConditionOperator.Last7Days: return InRange(value, today.AddDays(-7), _now);
                case ConditionOperator.Next7Days: return InRange(value, _now, today.AddDays(8));
                // Weeks start on Sunday, the default of an organisation whose format is English (United States).
                case ConditionOperator.ThisWeek: return InRange(value, today.AddDays(-(int)today.DayOfWeek), today.AddDays(7 - (int)today.DayOfWeek));
                case ConditionOperator.ThisMonth: return InRange(value, new DateTime(today.Year, today.Month, 1), new DateTime(today.Year, today.Month, 1).AddMonths(1));
                case ConditionOperator.LastMonth: return InRange(value, new DateTime(today.Year, today.Month, 1).AddMonths(-1), new DateTime(today.Year, today.Month, 1));
                case ConditionOperator.ThisYear: return InRange(value, new DateTime(today.Year, 1, 1), new DateTime(today.Year + 1, 1, 1));
                case ConditionOperator.LastYear: return InRange(value, new DateTime(today.Year - 1, 1, 1), new DateTime(today.Year, 1, 1));
                case ConditionOperator.LastXHours: return InRange(value, _now.AddHours(-IntArg(condition, operands)), _now);
                case ConditionOperator.NextXHours: return InRange(value, _now, _now.AddHours(IntArg(condition, operands)));
                case ConditionOperator.LastXDays: return InRange(value, today.AddDays(-IntArg(condition, operands)), _now);
                case ConditionOperator.NextXDays: return InRange(value, _now, today.AddDays(IntArg(condition, operands) + 1));
                case ConditionOperator.LastXWeeks: return InRange(value, today.AddDays(-7 * IntArg(condition, operands)), _now);
                case ConditionOperator.LastXMonths: return InRange(value, today.AddMonths(-IntArg(condition, operands)), _now);
                case ConditionOperator.NextXMonths: return InRange(value, _now, today.AddMonths(IntArg(condition, operands)).AddDays(1));
                case ConditionOperator.LastXYears: return InRange(value, today.AddYears(-IntArg(condition, operands)), _now);
                case ConditionOperator.OlderThanXMinutes: return value is DateTime o1 && o1 < _now.AddMinutes(-IntArg(condition, operands));
                case ConditionOperator.OlderThanXHours: return value is DateTime o2 && o2 < _now.AddHours(-IntArg(condition, operands));
                case ConditionOperator.OlderThanXDays: return value is DateTime o3 && o3 < _now.AddDays(-IntArg(condition, operands));
                case ConditionOperator.OlderThanXWeeks: return value is DateTime o4 && o4 < _now.AddDays(-7 * IntArg(condition, operands));
                case ConditionOperator.OlderThanXMonths: return value is DateTime o5 && o5 < _now.AddMonths(-IntArg(condition, operands));
                case ConditionOperator.OlderThanXYears: return value is DateTime o6 && o6 < _now.AddYears(-IntArg(condition, operands));
                default:
                    throw new DataverseFaultException(ErrorCodes.InvalidArgument,
                        $"The in-memory host does not evaluate condition operator {condition.Operator} (column '{condition.AttributeName}').");
            }
        }

        private HashSet<object> InSet(ConditionExpression condition, object[] operands, object sample)
        {
            if (condition.CompareColumns) return new HashSet<object>(Flatten(operands).Select(o => TableStore.IndexKey(ValueComparer.Coerce(o, sample))));
            if (!_inSets.TryGetValue(condition, out var set))
                _inSets[condition] = set = new HashSet<object>(Flatten(operands).Select(o => TableStore.IndexKey(ValueComparer.Coerce(o, sample))));
            return set;
        }

        private static object[] Flatten(object[] operands) =>
            operands.SelectMany(o => o is System.Collections.IEnumerable e && !(o is string) ? e.Cast<object>() : new[] { o }).ToArray();

        private static object Single(ConditionExpression condition, object[] operands)
        {
            if (operands.Length != 1)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument,
                    $"Condition operator {condition.Operator} on '{condition.AttributeName}' expects exactly one value but got {operands.Length}.");
            return operands[0];
        }

        private static bool Between(ConditionExpression condition, object value, object[] operands)
        {
            var flat = Flatten(operands);
            if (flat.Length != 2)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"Condition operator {condition.Operator} on '{condition.AttributeName}' expects two values but got {flat.Length}.");
            return ValueComparer.Compare(value, flat[0]) >= 0 && ValueComparer.Compare(value, flat[1]) <= 0;
        }

        private static int IntArg(ConditionExpression condition, object[] operands) =>
            Convert.ToInt32(ValueComparer.Coerce(Single(condition, operands), 0m), System.Globalization.CultureInfo.InvariantCulture);

        private static DateTime DateArg(ConditionExpression condition, object[] operands) =>
            (DateTime)ValueComparer.Coerce(Single(condition, operands), DateTime.UtcNow);

        private static bool InRange(object value, DateTime fromInclusive, DateTime toExclusiveOrNow) =>
            value is DateTime d && d >= fromInclusive && d <= toExclusiveOrNow;

        private static bool Like(string value, string pattern)
        {
            var regex = "^" + Regex.Escape(pattern).Replace("%", ".*").Replace("_", ".") + "$";
            return Regex.IsMatch(value, regex, RegexOptions.IgnoreCase | RegexOptions.Singleline);
        }
    }
}
