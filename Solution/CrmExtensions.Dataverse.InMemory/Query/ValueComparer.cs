using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>Compares column values the way SQL Server does for Dataverse: wrappers unwrapped, strings case-insensitive.</summary>
    public static class ValueComparer
    {
        /// <summary>
        /// Unique identifiers in SQL Server's order (what the platform sorts and pages ids by): bytes 10–15 first, then 8–9,
        /// 6–7, 4–5 and 0–3, as System.Data.SqlTypes.SqlGuid compares them.
        /// </summary>
        public static readonly IComparer<Guid> IdOrder = Comparer<Guid>.Create(CompareIds);

        private static readonly int[] SqlByteOrder = { 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3 };

        private static int CompareIds(Guid left, Guid right)
        {
            Span<byte> l = stackalloc byte[16];
            Span<byte> r = stackalloc byte[16];
            left.TryWriteBytes(l);
            right.TryWriteBytes(r);
            foreach (var i in SqlByteOrder)
                if (l[i] != r[i]) return l[i].CompareTo(r[i]);
            return 0;
        }

        /// <summary>Strips SDK wrappers so Money, choices and lookups compare by their underlying value.</summary>
        public static object Normalize(object value)
        {
            switch (value)
            {
                case null: return null;
                case AliasedValue aliased: return Normalize(aliased.Value);
                case Money money: return money.Value;
                case OptionSetValue option: return (decimal)option.Value;
                case EntityReference reference: return reference.Id;
                case int i: return (decimal)i;
                case long l: return (decimal)l;
                case double d: return (decimal)d;
                case float f: return (decimal)f;
                case decimal m: return m;
                case Enum e: return Convert.ToDecimal(e, CultureInfo.InvariantCulture);
                case DateTime dt: return dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc);
                default: return value;
            }
        }

        /// <summary>Brings a query operand (often a string from FetchXML) to the type of the stored value.</summary>
        public static object Coerce(object operand, object storedNormalized)
        {
            operand = Normalize(operand);
            if (operand == null || storedNormalized == null || operand.GetType() == storedNormalized.GetType()) return operand;
            var text = operand as string ?? Convert.ToString(operand, CultureInfo.InvariantCulture);
            try
            {
                switch (storedNormalized)
                {
                    case decimal _: return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    case Guid _: return Guid.Parse(text);
                    case DateTime _: return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                    case bool _: return text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase);
                    case string _: return text;
                }
            }
            catch (FormatException ex)
            {
                throw new Storage.DataverseFaultException(Storage.ErrorCodes.InvalidArgument,
                    $"Condition value '{text}' is not valid for a column of type {storedNormalized.GetType().Name}: {ex.Message}");
            }
            return operand;
        }

        public static int Compare(object left, object right)
        {
            // Fast path for the common case of two keys of one simple type (sorting by id, date or number).
            if (left is Guid gl && right is Guid gr) return CompareIds(gl, gr);
            if (left is DateTime dl && right is DateTime dr) return dl.CompareTo(dr);
            if (left is decimal ml && right is decimal mr) return ml.CompareTo(mr);
            left = Normalize(left);
            right = Coerce(right, left);
            if (left == null && right == null) return 0;
            if (left == null) return -1;
            if (right == null) return 1;
            if (left is string ls && right is string rs) return string.Compare(ls, rs, StringComparison.OrdinalIgnoreCase);
            if (left is Guid lg && right is Guid rg) return CompareIds(lg, rg);
            if (left is IComparable comparable && left.GetType() == right.GetType()) return comparable.CompareTo(right);
            return string.Compare(Convert.ToString(left, CultureInfo.InvariantCulture), Convert.ToString(right, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Sorts by several keys in turn (ascending or descending), comparing values as the query engine does.</summary>
        public static IEnumerable<T> SortBy<T>(IEnumerable<T> items, IEnumerable<(Func<T, object> Key, bool Descending)> keys)
        {
            var comparer = Comparer<object>.Create(Compare);
            IOrderedEnumerable<T> sorted = null;
            foreach (var (key, descending) in keys)
            {
                sorted = sorted == null
                    ? (descending ? items.OrderByDescending(key, comparer) : items.OrderBy(key, comparer))
                    : (descending ? sorted.ThenByDescending(key, comparer) : sorted.ThenBy(key, comparer));
            }
            return sorted ?? items;
        }

        public static bool AreEqual(object left, object right)
        {
            left = Normalize(left);
            if (left == null) return Normalize(right) == null;
            return Compare(left, right) == 0;
        }
    }
}
