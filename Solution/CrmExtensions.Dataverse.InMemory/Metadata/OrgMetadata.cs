using System;
using System.Collections.Generic;
using System.IO;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>
    /// The tables the organisation has and their columns: the solution's own and the columns it adds (Entity.xml), the
    /// standard tables from Microsoft's reference, and what <see cref="ReferenceGaps"/> says current orgs have beyond
    /// both. Without the reference (../shared absent) a standard table is known only by the columns the solution adds,
    /// and a table nobody describes is not judged: the host checks what it can know, and refuses nothing it cannot.
    /// </summary>
    public sealed class OrgMetadata
    {
        private readonly Dictionary<string, TableMetadata> _tables = new Dictionary<string, TableMetadata>(StringComparer.Ordinal);

        /// <summary>Whether Microsoft's reference was loaded: then a table or column nobody describes does not exist.</summary>
        public bool HasStandardReference { get; private set; }

        /// <summary>A table described by the metadata, or null.</summary>
        public TableMetadata Table(string name) => name != null && _tables.TryGetValue(name, out var table) ? table : null;

        /// <summary>Whether the table is unknown where the metadata should know every table (the reference is loaded).</summary>
        public bool IsUnknownTable(string name) => HasStandardReference && Table(name) == null;

        public void LoadSolution(string solutionSourceDirectory)
        {
            foreach (var table in SolutionTables.Load(solutionSourceDirectory)) Merge(table);
            ReferenceGaps.Apply(this);
        }

        public void LoadStandardTables(string file)
        {
            if (!File.Exists(file)) throw new FileNotFoundException("Microsoft's standard table reference is not there.", file);
            foreach (var table in StandardTables.Load(file)) Merge(table);
            HasStandardReference = true;
            ReferenceGaps.Apply(this);
        }

        internal TableMetadata Described(string name)
        {
            if (!_tables.TryGetValue(name, out var table)) _tables[name] = table = new TableMetadata(name);
            return table;
        }

        private void Merge(TableMetadata table)
        {
            var known = Described(table.Name);
            foreach (var column in table.Columns) known.Add(column);
            known.Complete |= table.Complete;
        }
    }
}
