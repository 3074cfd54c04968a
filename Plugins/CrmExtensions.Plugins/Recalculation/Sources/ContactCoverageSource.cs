using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// An account's active contacts with their layer and function: each is one entry in the account's ledger. A layer or
    /// function option this version does not know counts as not recorded. When we last had an activity with the contact
    /// is read by <see cref="ContactActivities"/> (full reads and bulk pages); an event on the contact keeps the date known.
    /// </summary>
    public sealed class ContactCoverageSource : ContributionSource<ContactEntry>
    {
        internal ContactCoverageSource() { }

        public override IReadOnlyCollection<string> Tables { get; } = new[] { Contact.EntityLogicalName };
        public override string Customer => Contact.ParentCustomer;
        public override IReadOnlyCollection<string> Columns { get; } = new[] { Contact.ParentCustomer, Contact.Layer, Contact.Function, Common.StateCode };

        public override LedgerSlot Slot => LedgerSlots.Contacts;
        public override string Describes => "an account's contact coverage";

        public override bool Counts(Entity contact, LedgerEvent e) => (contact.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value ?? Common.StateActive) == Common.StateActive;

        public override ContactEntry EntryOf(Entity contact) => new ContactEntry
        {
            Layer = Choice.Known<ContactLayer>(contact.GetAttributeValue<OptionSetValue>(Contact.Layer)),
            Function = Choice.Known<ContactFunction>(contact.GetAttributeValue<OptionSetValue>(Contact.Function)),
            Changed = contact.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };

        /// <summary>As any contribution, keeping the last activity the ledger knows for the contact.</summary>
        public override bool Apply(CustomerFactsLedger ledger, EntityReference customer, LedgerEvent e)
        {
            var known = ledger.Contacts.TryGetValue(e.RecordId, out var entry) ? entry.LastActivityOn : null;
            var applied = base.Apply(ledger, customer, e);
            if (applied && ledger.Contacts.TryGetValue(e.RecordId, out var now) && !now.Removed) now.LastActivityOn = known;
            return applied;
        }

        /// <summary>The contacts, then when we last had an activity with each.</summary>
        public override void ReadInto(IOrganizationService service, CustomerPage page)
        {
            base.ReadInto(service, page);
            ContactActivities.ReadInto(service, page);
        }

        /// <summary>Contacts of the page's accounts (contacts as customers have no coverage).</summary>
        protected override IEnumerable<QueryExpression> Queries(CustomerPage page)
        {
            var accounts = page.ById.Values.Where(s => s.IsAccount).Select(s => (object)s.Customer.Id).ToArray();
            if (accounts.Length == 0) yield break;
            var query = new QueryExpression(Contact.EntityLogicalName) { ColumnSet = ReadColumns() };
            query.Criteria.AddCondition(Contact.ParentCustomer, ConditionOperator.In, accounts);
            query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
            yield return query;
        }
    }
}
