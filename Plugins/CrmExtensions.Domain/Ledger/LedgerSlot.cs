using System;
using System.Linq;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Json;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>
    /// One kind of contribution a customer's ledger holds by source record id: its member of the stored document, its
    /// entries, how long they are kept and what they become in the customer's facts. <see cref="LedgerSlots"/> lists them;
    /// the document, compaction and projection go through that list, so a kind is declared once.
    /// </summary>
    public abstract class LedgerSlot
    {
        internal LedgerSlot(string key) { Key = key; }

        /// <summary>The member of the ledger document (cx_factsledger) the entries are stored under; stored ledgers are read by it.</summary>
        public string Key { get; }

        internal abstract void Write(JsonTextOutput output, CustomerFactsLedger ledger);
        internal abstract void Read(JsonInput input, CustomerFactsLedger ledger);
        internal abstract void Compact(CustomerFactsLedger ledger, LedgerDate at);
        internal abstract void Project(CustomerFactsLedger ledger, CustomerFacts facts, LedgerDate at);
    }

    /// <summary>A ledger slot whose entries are of type <typeparamref name="T"/>.</summary>
    public sealed class LedgerSlot<T> : LedgerSlot where T : LedgerEntry, new()
    {
        private readonly Func<CustomerFactsLedger, LedgerEntries<T>> _entries;
        private readonly Action<JsonTextOutput, T> _write;
        private readonly Func<JsonInput, T, string, bool> _read;
        private readonly Func<T, LedgerDate, bool> _obsolete;
        private readonly Action<LedgerEntries<T>, CustomerFacts, LedgerDate> _project;

        /// <param name="key">The document member.</param>
        /// <param name="entries">Where the ledger holds them.</param>
        /// <param name="write">The entry's own members (the document adds "m" and "del").</param>
        /// <param name="read">Reads one of the entry's own members; false: not its member.</param>
        /// <param name="obsolete">What compaction drops: history the rules no longer look at; null drops nothing.</param>
        /// <param name="project">Sets the customer's facts from the entries.</param>
        internal LedgerSlot(string key, Func<CustomerFactsLedger, LedgerEntries<T>> entries, Action<JsonTextOutput, T> write, Func<JsonInput, T, string, bool> read,
            Func<T, LedgerDate, bool> obsolete, Action<LedgerEntries<T>, CustomerFacts, LedgerDate> project) : base(key)
        {
            _entries = entries;
            _write = write;
            _read = read;
            _obsolete = obsolete;
            _project = project;
        }

        public LedgerEntries<T> Of(CustomerFactsLedger ledger) => _entries(ledger);

        internal override void Write(JsonTextOutput output, CustomerFactsLedger ledger) => LedgerJson.Entries(output, Key, Of(ledger), _write);

        internal override void Read(JsonInput input, CustomerFactsLedger ledger) => LedgerJson.Entries(input, Of(ledger), _read);

        internal override void Compact(CustomerFactsLedger ledger, LedgerDate at)
        {
            if (_obsolete == null) return;
            var entries = Of(ledger);
            foreach (var id in entries.Where(e => _obsolete(e.Value, at)).Select(e => e.Key).ToList()) entries.Remove(id);
        }

        internal override void Project(CustomerFactsLedger ledger, CustomerFacts facts, LedgerDate at) => _project(Of(ledger), facts, at);
    }
}
