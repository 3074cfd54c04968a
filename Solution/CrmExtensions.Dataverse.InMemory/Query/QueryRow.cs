using System;
using System.Collections.Generic;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Query
{
    /// <summary>One joined row: the primary record plus the linked record (or null for an outer join miss) per alias.</summary>
    internal sealed class QueryRow
    {
        public QueryRow(Entity primary) { Primary = primary; }

        public Entity Primary { get; }

        // Most rows of most queries join nothing: the alias map is only made for rows that do.
        private Dictionary<string, Entity> _linked;
        private static readonly Dictionary<string, Entity> NoLinks = new Dictionary<string, Entity>();

        public IReadOnlyDictionary<string, Entity> Linked => _linked ?? NoLinks;

        public QueryRow With(string alias, Entity linked)
        {
            var copy = new QueryRow(Primary) { _linked = new Dictionary<string, Entity>(StringComparer.OrdinalIgnoreCase) };
            foreach (var pair in Linked) copy._linked[pair.Key] = pair.Value;
            copy._linked[alias] = linked;
            return copy;
        }

        public Entity Source(string aliasOrNull) =>
            string.IsNullOrEmpty(aliasOrNull) || string.Equals(aliasOrNull, Primary.LogicalName, StringComparison.OrdinalIgnoreCase) && (_linked == null || !_linked.ContainsKey(aliasOrNull))
                ? Primary
                : _linked != null && _linked.TryGetValue(aliasOrNull, out var e) ? e : null;

        public object Value(string aliasOrNull, string attribute)
        {
            var source = Source(aliasOrNull);
            if (source == null) return null;
            if (attribute == PrimaryKey.For(source.LogicalName)) return source.Id;
            return source.Attributes.TryGetValue(attribute, out var value) ? value : null;
        }
    }
}
