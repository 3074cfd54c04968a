using System;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>The date a ledger is compacted or read as facts at, and the settings whose windows decide what still counts.</summary>
    public sealed class LedgerDate
    {
        public LedgerDate(DateTime asOf, CrmExtensionsSettings settings, bool coversContacts = false)
        {
            AsOf = asOf;
            Settings = settings;
            CoversContacts = coversContacts;
        }

        public DateTime AsOf { get; }
        public CrmExtensionsSettings Settings { get; }

        /// <summary>The facts are an account's, so they carry its contacts for the coverage rules.</summary>
        public bool CoversContacts { get; }

        /// <summary>
        /// A removal marker old enough to go: it is kept <see cref="CustomerFactsLedger.RemovalMarkerDays"/> to refuse a late
        /// event that still carries the removed state.
        /// </summary>
        public bool Expired(LedgerEntry entry) => entry.Removed && (entry.Changed ?? DateTime.MinValue) < AsOf.AddDays(-CustomerFactsLedger.RemovalMarkerDays);
    }
}
