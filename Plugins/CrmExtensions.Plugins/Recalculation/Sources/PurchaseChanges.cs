using System;
using System.Collections;
using System.Collections.Generic;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// What an event on an order or invoice changes: the purchase set or withdrawn by id in each customer's ledger it
    /// concerns, or a full read when the purchase is older than the ledger's cut.
    /// </summary>
    internal sealed class PurchaseChanges : IEnumerable<LedgerChange>
    {
        private readonly PurchaseSource _source;
        private readonly LedgerEvent _event;

        // The order's lines are read at most once per event, however often a conflict makes it apply again.
        private List<string> _families;

        public PurchaseChanges(PurchaseSource source, LedgerEvent e)
        {
            _source = source;
            _event = e;
        }

        public IEnumerator<LedgerChange> GetEnumerator()
        {
            var e = _event;
            foreach (var customer in e.Customers(_source.Customer))
            {
                var c = customer;
                // An order's header before its totals, or a change to a row that never counted: nothing to set or withdraw.
                if (!_source.Counts(e.Before, c) && !_source.Counts(e.After, c)) continue;
                yield return new LedgerChange(c, snapshot => Apply(snapshot.Ledger, c));
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private LedgerOutcome Apply(CustomerFactsLedger ledger, Microsoft.Xrm.Sdk.EntityReference customer)
        {
            var e = _event;
            // A purchase older than the ledger's cut is only in its totals, where it cannot be set by id.
            foreach (var image in new[] { e.Before, e.After })
                if (_source.Counts(image, customer) && !ledger.HoldsPurchasesOn(image.GetAttributeValue<DateTime>(_source.Date))) return LedgerOutcome.NeedsFullRead;
            if (!_source.Counts(e.After, customer)) return LedgerChange.Outcome(ledger.Purchases.Withdraw(e.RecordId, e.ChangedOn));
            var entry = _source.ToEntry(e.After, null);
            entry.Changed = e.ChangedOn;
            if (_source.HasFamilies) entry.Families = FamiliesFor(entry, ledger.Purchases.TryGetValue(e.RecordId, out var known) ? known : null);
            return LedgerChange.Outcome(ledger.Purchases.Put(e.RecordId, entry));
        }

        /// <summary>The order's families: read from its lines unless the ledger holds this order with the same totals (lines unchanged).</summary>
        private List<string> FamiliesFor(PurchaseEntry entry, PurchaseEntry known)
        {
            if (_event.Message != MessageName.Create && known != null && !known.Removed && known.Families != null && known.Revenue == entry.Revenue && known.Discount == entry.Discount)
                return known.Families;
            return _families ?? (_families = ProductFamilies.Of(_event.Service, _event.RecordId));
        }
    }
}
