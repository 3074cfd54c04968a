using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>
    /// Rows by table with an undo log: a sync pipeline runs inside one transaction and an exception anywhere in it
    /// restores every row it touched, as the platform's database transaction does.
    /// </summary>
    public sealed class TableStore
    {
        private readonly Dictionary<string, Dictionary<Guid, Entity>> _tables = new Dictionary<string, Dictionary<Guid, Entity>>(StringComparer.Ordinal);
        private List<Action> _undo;
        private long _rowVersion;

        public bool InTransaction => _undo != null;

        public void Begin()
        {
            if (_undo != null) throw new InvalidOperationException("A transaction is already open.");
            _undo = new List<Action>();
        }

        public void Commit() => _undo = null;

        public void Rollback()
        {
            var undo = _undo;
            _undo = null;
            if (undo == null) return;
            for (var i = undo.Count - 1; i >= 0; i--) undo[i]();
        }

        public IReadOnlyCollection<Entity> Rows(string table) =>
            _tables.TryGetValue(table, out var rows) ? (IReadOnlyCollection<Entity>)rows.Values : Array.Empty<Entity>();

        public IEnumerable<string> TableNames => _tables.Keys;

        public bool TryGet(string table, Guid id, out Entity row)
        {
            row = null;
            return _tables.TryGetValue(table, out var rows) && rows.TryGetValue(id, out row);
        }

        public Entity Get(string table, Guid id)
        {
            if (TryGet(table, id, out var row)) return row;
            throw new DataverseFaultException(ErrorCodes.ObjectDoesNotExist, $"{table} With Id = {id} Does Not Exist");
        }

        /// <summary>Inserts a row; <paramref name="logged"/> false writes outside any open transaction (pre-existing or concurrently committed data).</summary>
        public void Insert(Entity row, bool logged = true)
        {
            if (!_tables.TryGetValue(row.LogicalName, out var rows)) _tables[row.LogicalName] = rows = new Dictionary<Guid, Entity>();
            if (rows.ContainsKey(row.Id)) throw new DataverseFaultException(ErrorCodes.DuplicateRecord, $"Cannot insert duplicate key: {row.LogicalName} with id {row.Id} already exists.");
            row.RowVersion = NextRowVersion();
            rows[row.Id] = row;
            if (logged) _undo?.Add(() => rows.Remove(row.Id));
        }

        public void Replace(Entity row)
        {
            var rows = _tables[row.LogicalName];
            var previous = rows[row.Id];
            row.RowVersion = NextRowVersion();
            rows[row.Id] = row;
            _undo?.Add(() => rows[row.Id] = previous);
        }

        public void Remove(string table, Guid id)
        {
            var rows = _tables[table];
            var previous = rows[id];
            rows.Remove(id);
            _undo?.Add(() => rows[id] = previous);
        }

        public int Count(string table) => _tables.TryGetValue(table, out var rows) ? rows.Count : 0;

        private string NextRowVersion() => (++_rowVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public IEnumerable<Entity> AllRows() => _tables.Values.SelectMany(t => t.Values);
    }
}
