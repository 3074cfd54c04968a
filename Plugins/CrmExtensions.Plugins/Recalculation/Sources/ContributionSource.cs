using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// A source whose rows each contribute one entry of type <typeparamref name="T"/>, under the row's id, to the ledger
    /// of the customer they name: complaints, survey answers, referrals, an account's contacts, competitor presences,
    /// losses. The full read and the event path both use it, so they agree on which rows count and what they contribute.
    /// </summary>
    public abstract class ContributionSource<T> : FactSource where T : LedgerEntry, new()
    {
        public abstract override LedgerSlot Slot { get; }

        public LedgerEntries<T> EntriesOf(CustomerFactsLedger ledger) => ((LedgerSlot<T>)Slot).Of(ledger);

        /// <summary>Whether an event's image contributes at all (the event carries the settings, should the source need them).</summary>
        public abstract bool Counts(Entity row, LedgerEvent e);

        public abstract T EntryOf(Entity row);

        /// <summary>The full read's queries for a page: the rows that still count for the rules.</summary>
        protected abstract IEnumerable<QueryExpression> Queries(CustomerPage page);

        /// <summary>What the full read reads of a row: the contribution's columns and when it last changed.</summary>
        protected ColumnSet ReadColumns() => new ColumnSet(Columns.Concat(new[] { Common.ModifiedOn }).Distinct().ToArray());

        public override void ReadInto(IOrganizationService service, CustomerPage page)
        {
            foreach (var query in Queries(page))
                foreach (var row in PagedQuery.All(service, query))
                    if (page.ById.TryGetValue(row.GetAttributeValue<EntityReference>(Customer).Id, out var snapshot))
                        EntriesOf(snapshot.Ledger)[row.Id] = EntryOf(row);
        }

        /// <summary>
        /// Set from the post-image while the record counts for the customer, withdrawn otherwise (deleted, moved to another
        /// customer, no longer qualifying). An update that leaves the source's columns as they were changes nothing and costs nothing.
        /// </summary>
        public override IEnumerable<LedgerChange> Changes(LedgerEvent e)
        {
            if (!Touched(e.Before, e.After)) yield break;
            foreach (var customer in e.Customers(Customer))
            {
                var c = customer;
                yield return new LedgerChange(c, snapshot => LedgerChange.Outcome(Apply(snapshot.Ledger, c, e)));
            }
        }

        /// <summary>Sets the record's contribution from its post-image, or withdraws it; false when nothing changed.</summary>
        public virtual bool Apply(CustomerFactsLedger ledger, EntityReference customer, LedgerEvent e)
        {
            var entries = EntriesOf(ledger);
            if (e.After == null || !customer.Equals(e.After.GetAttributeValue<EntityReference>(Customer)) || !Counts(e.After, e))
                return entries.Withdraw(e.RecordId, e.ChangedOn);
            var entry = EntryOf(e.After);
            entry.Changed = e.ChangedOn;
            return entries.Put(e.RecordId, entry);
        }

        /// <summary>
        /// Whether the event can have changed this source's contribution: a create or delete always can, an update only
        /// when its images differ in the source's columns (which the step's images carry).
        /// </summary>
        private bool Touched(Entity before, Entity after) =>
            before == null || after == null || Columns.Any(c => !Equals(Comparable(before, c), Comparable(after, c)));

        private static object Comparable(Entity image, string column)
        {
            var value = image.Contains(column) ? image[column] : null;
            switch (value)
            {
                case EntityReference reference: return reference.Id;
                case OptionSetValue option: return option.Value;
                case Money money: return money.Value;
                default: return value;
            }
        }
    }
}
