using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>Contributions by source record id, with last-writer-wins by change time.</summary>
    public sealed class LedgerEntries<T> : Dictionary<Guid, T> where T : LedgerEntry, new()
    {
        /// <summary>Sets the record's contribution; false (and nothing changes) when the ledger already holds a newer state.</summary>
        public bool Put(Guid id, T entry)
        {
            if (TryGetValue(id, out var known) && known.Changed.HasValue && entry.Changed.HasValue && known.Changed.Value > entry.Changed.Value) return false;
            this[id] = entry;
            return true;
        }

        /// <summary>The record no longer contributes (deleted, cancelled, moved to another customer).</summary>
        public bool Withdraw(Guid id, DateTime? changed) => Put(id, new T { Changed = changed, Removed = true });

        public IEnumerable<T> Live => Values.Where(v => !v.Removed);
    }
}
