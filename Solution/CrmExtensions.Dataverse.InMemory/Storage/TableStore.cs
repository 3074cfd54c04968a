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
        private readonly Dictionary<string, Dictionary<string, Dictionary<object, Dictionary<Guid, Entity>>>> _indexes =
            new Dictionary<string, Dictionary<string, Dictionary<object, Dictionary<Guid, Entity>>>>(StringComparer.Ordinal);
        private List<Action> _undo;
        private long _rowVersion;

        public bool InTransaction => _undo != null;

        /// <summary>
        /// A service call inside the open transaction failed: the database rolled the transaction back, so nothing in it can
        /// commit any more, whatever the plug-in that made the call does next.
        /// </summary>
        public bool Doomed { get; private set; }

        public void Doom() => Doomed = InTransaction;

        public void Begin()
        {
            if (_undo != null) throw new InvalidOperationException("A transaction is already open.");
            _undo = new List<Action>();
            Doomed = false;
        }

        public void Commit()
        {
            _undo = null;
            Doomed = false;
        }

        public void Rollback()
        {
            var undo = _undo;
            _undo = null;
            Doomed = false;
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
            Put(row, logged);
            foreach (var derived in ActivityParties.Of(row)) Put(derived, logged);
        }

        private void Put(Entity row, bool logged)
        {
            if (!_tables.TryGetValue(row.LogicalName, out var rows)) _tables[row.LogicalName] = rows = new Dictionary<Guid, Entity>();
            if (rows.ContainsKey(row.Id)) throw new DataverseFaultException(ErrorCodes.DuplicateRecord, $"Cannot insert duplicate key: {row.LogicalName} with id {row.Id} already exists.");
            row.RowVersion = NextRowVersion();
            rows[row.Id] = row;
            Indexed(row.LogicalName, null, row);
            _orderedIds.Remove(row.LogicalName);
            if (logged) _undo?.Add(() => { rows.Remove(row.Id); Indexed(row.LogicalName, row, null); _orderedIds.Remove(row.LogicalName); });
        }

        public void Replace(Entity row)
        {
            var rows = _tables[row.LogicalName];
            var previous = rows[row.Id];
            foreach (var derived in ActivityParties.Of(previous)) Remove(derived.LogicalName, derived.Id);
            row.RowVersion = NextRowVersion();
            rows[row.Id] = row;
            Indexed(row.LogicalName, previous, row);
            _undo?.Add(() => { rows[row.Id] = previous; Indexed(row.LogicalName, row, previous); });
            foreach (var derived in ActivityParties.Of(row)) Put(derived, logged: true);
        }

        public void Remove(string table, Guid id)
        {
            var rows = _tables[table];
            var previous = rows[id];
            rows.Remove(id);
            Indexed(table, previous, null);
            _orderedIds.Remove(table);
            _undo?.Add(() => { rows[id] = previous; Indexed(table, null, previous); _orderedIds.Remove(table); });
            foreach (var derived in ActivityParties.Of(previous)) Remove(derived.LogicalName, derived.Id);
        }

        /// <summary>
        /// Rows of <paramref name="table"/> by the normalised value of <paramref name="column"/> (lookups by id, choices by
        /// number, text upper-cased), built on first use and kept current on every write and undo: queries and joins on
        /// a key then cost the matches, not the table.
        /// </summary>
        public IReadOnlyDictionary<object, Dictionary<Guid, Entity>> Index(string table, string column)
        {
            if (!_indexes.TryGetValue(table, out var byColumn)) _indexes[table] = byColumn = new Dictionary<string, Dictionary<object, Dictionary<Guid, Entity>>>(StringComparer.Ordinal);
            if (byColumn.TryGetValue(column, out var index)) return index;
            index = new Dictionary<object, Dictionary<Guid, Entity>>();
            foreach (var row in Rows(table)) Add(index, column, row);
            byColumn[column] = index;
            return index;
        }

        private static object KeyOf(Entity row, string column) =>
            IndexKey(column == PrimaryKey.For(row.LogicalName) ? row.Id : (row.Attributes.TryGetValue(column, out var v) ? v : null));

        private static void Add(Dictionary<object, Dictionary<Guid, Entity>> index, string column, Entity row)
        {
            var key = KeyOf(row, column);
            if (key == null) return;
            if (!index.TryGetValue(key, out var rows)) index[key] = rows = new Dictionary<Guid, Entity>();
            rows[row.Id] = row;
        }

        private void Indexed(string table, Entity removed, Entity added)
        {
            if (!_indexes.TryGetValue(table, out var byColumn)) return;
            foreach (var pair in byColumn)
            {
                if (removed != null)
                {
                    var key = KeyOf(removed, pair.Key);
                    if (key != null && pair.Value.TryGetValue(key, out var rows)) rows.Remove(removed.Id);
                }
                if (added != null) Add(pair.Value, pair.Key, added);
            }
        }

        public static object IndexKey(object value)
        {
            var normalized = Query.ValueComparer.Normalize(value);
            return normalized is string text ? text.ToUpperInvariant() : normalized;
        }

        private readonly Dictionary<string, SortedSet<Guid>> _orderedIds = new Dictionary<string, SortedSet<Guid>>(StringComparer.Ordinal);

        /// <summary>Ids of a table in SQL Server's ascending order (kept until a row is inserted or removed): a page by id reads a page, not the table.</summary>
        public SortedSet<Guid> OrderedIds(string table)
        {
            if (!_orderedIds.TryGetValue(table, out var ids)) _orderedIds[table] = ids = new SortedSet<Guid>(Rows(table).Select(r => r.Id), Query.ValueComparer.IdOrder);
            return ids;
        }

        public int Count(string table) => _tables.TryGetValue(table, out var rows) ? rows.Count : 0;

        private string NextRowVersion() => (++_rowVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

        public IEnumerable<Entity> AllRows() => _tables.Values.SelectMany(t => t.Values);
    }
}
