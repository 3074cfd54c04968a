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
        public Dictionary<string, Entity> Linked { get; } = new Dictionary<string, Entity>(StringComparer.OrdinalIgnoreCase);

        public QueryRow With(string alias, Entity linked)
        {
            var copy = new QueryRow(Primary);
            foreach (var pair in Linked) copy.Linked[pair.Key] = pair.Value;
            copy.Linked[alias] = linked;
            return copy;
        }

        public Entity Source(string aliasOrNull) =>
            string.IsNullOrEmpty(aliasOrNull) || string.Equals(aliasOrNull, Primary.LogicalName, StringComparison.OrdinalIgnoreCase) && !Linked.ContainsKey(aliasOrNull)
                ? Primary
                : Linked.TryGetValue(aliasOrNull, out var e) ? e : null;

        public object Value(string aliasOrNull, string attribute)
        {
            var source = Source(aliasOrNull);
            if (source == null) return null;
            if (attribute == PrimaryKey.For(source.LogicalName)) return source.Id;
            return source.Attributes.TryGetValue(attribute, out var value) ? value : null;
        }
    }
}
