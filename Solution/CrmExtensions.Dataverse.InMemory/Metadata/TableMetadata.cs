using System;
using System.Collections.Generic;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>
    /// One table's columns. A complete table lists every column it has, so a column it does not list does not exist; a
    /// partial one (a standard table the solution extends, without Microsoft's reference beside the repository) knows
    /// only some, and the rest are not judged.
    /// </summary>
    public sealed class TableMetadata
    {
        private readonly Dictionary<string, ColumnMetadata> _columns = new Dictionary<string, ColumnMetadata>(StringComparer.Ordinal);

        public TableMetadata(string name) { Name = name; }

        public string Name { get; }
        public bool Complete { get; set; }

        public IEnumerable<ColumnMetadata> Columns => _columns.Values;

        public void Add(ColumnMetadata column) => _columns[column.Name] = column;

        public ColumnMetadata Column(string name) => name != null && _columns.TryGetValue(name, out var column) ? column : null;

        public bool Has(string name) => name != null && _columns.ContainsKey(name);
    }
}
