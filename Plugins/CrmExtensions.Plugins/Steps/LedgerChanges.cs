using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Recalculation.Sources;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>How one event changes the ledgers of the customers it concerns, read from its pre/post images.</summary>
    internal sealed class LedgerChanges : IEnumerable<LedgerChange>
    {
        private readonly LocalPluginContext _context;

        public LedgerChanges(LocalPluginContext context) { _context = context; }

        private IPluginExecutionContext Execution => _context.Execution;
        private Entity Before => Execution.MessageName == MessageName.Create ? null : _context.PreImage();
        private Entity After => Execution.MessageName == MessageName.Delete ? null : _context.PostImage() ?? _context.Target;
        private Guid RecordId => Execution.PrimaryEntityId;

        /// <summary>When the record reached the state the images show: its modifiedon, or the event time for a delete.</summary>
        private DateTime? ChangedOn => After?.GetAttributeValue<DateTime?>(Common.ModifiedOn) ?? Execution.OperationCreatedOn;

        public IEnumerator<LedgerChange> GetEnumerator()
        {
            var table = Execution.PrimaryEntityName;
            var source = PurchaseSource.For(table);
            IEnumerable<LedgerChange> changes;
            if (source != null) changes = Purchases(source);
            else if (table == OpportunityClose.EntityLogicalName) changes = ClosedOpportunity();
            else if (table == IncidentResolution.EntityLogicalName) changes = ResolvedCase();
            else changes = ContributionSource.For(table).SelectMany(Contributions).Concat(RelationshipTypeSet(table));
            return Combined(changes).GetEnumerator();
        }

        /// <summary>
        /// One change per customer: a contact referred by the account it works at changes that account's ledger twice in
        /// one event, and one read and one write of the account are enough for both.
        /// </summary>
        private static IEnumerable<LedgerChange> Combined(IEnumerable<LedgerChange> changes) =>
            changes.GroupBy(c => c.Customer.LogicalName + ":" + c.Customer.Id.ToString("N")).Select(g =>
            {
                var all = g.ToList();
                return all.Count == 1 ? all[0] : new LedgerChange(all[0].Customer, snapshot =>
                {
                    var outcomes = all.Select(c => c.Apply(snapshot)).ToList();
                    return outcomes.Contains(LedgerOutcome.NeedsFullRead) ? LedgerOutcome.NeedsFullRead
                        : outcomes.Contains(LedgerOutcome.Changed) ? LedgerOutcome.Changed : LedgerOutcome.Unchanged;
                });
            });

        /// <summary>A user set or cleared a customer's relationship type: the customer itself is re-evaluated.</summary>
        private IEnumerable<LedgerChange> RelationshipTypeSet(string table)
        {
            if (Execution.MessageName != MessageName.Update || (table != Account.EntityLogicalName && table != Contact.EntityLogicalName)) yield break;
            var before = Before?.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipTypeOverride)?.Value;
            var after = After?.GetAttributeValue<OptionSetValue>(CustomerColumns.RelationshipTypeOverride)?.Value;
            if (before != after) yield return new LedgerChange(new EntityReference(table, RecordId), _ => LedgerOutcome.Changed);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private static bool IsCustomer(EntityReference reference) =>
            reference != null && (reference.LogicalName == Account.EntityLogicalName || reference.LogicalName == Contact.EntityLogicalName);

        private static IEnumerable<EntityReference> Customers(string column, params Entity[] images) =>
            images.Where(i => i != null).Select(i => i.GetAttributeValue<EntityReference>(column)).Where(IsCustomer).Distinct();

        private IEnumerable<LedgerChange> Purchases(PurchaseSource source)
        {
            var before = Before;
            var after = After;
            // The order's lines are read at most once per event, however often a conflict makes it apply again.
            List<string> lines = null;
            Func<List<string>> families = () => lines ?? (lines = ProductFamilies.Of(_context.SystemService, RecordId));
            foreach (var customer in Customers(source.Customer, before, after))
            {
                var c = customer;
                // An order's header before its totals, or a change to a row that never counted: nothing to set or withdraw.
                if (!source.Counts(before, c) && !source.Counts(after, c)) continue;
                yield return new LedgerChange(c, snapshot =>
                {
                    var ledger = snapshot.Ledger;
                    // A purchase older than the ledger's cut is only in its totals, where it cannot be set by id.
                    foreach (var image in new[] { before, after })
                        if (source.Counts(image, c) && !ledger.HoldsPurchasesOn(image.GetAttributeValue<DateTime>(source.Date))) return LedgerOutcome.NeedsFullRead;
                    if (!source.Counts(after, c)) return LedgerChange.Outcome(ledger.Purchases.Withdraw(RecordId, ChangedOn));
                    var entry = source.ToEntry(after, null);
                    entry.Changed = ChangedOn;
                    if (source.HasFamilies) entry.Families = FamiliesFor(entry, ledger.Purchases.TryGetValue(RecordId, out var known) ? known : null, families);
                    return LedgerChange.Outcome(ledger.Purchases.Put(RecordId, entry));
                });
            }
        }

        /// <summary>The order's families: read from its lines unless the ledger holds this order with the same totals (lines unchanged).</summary>
        private List<string> FamiliesFor(PurchaseEntry entry, PurchaseEntry known, Func<List<string>> read)
        {
            if (Execution.MessageName != MessageName.Create && known != null && !known.Removed && known.Families != null && known.Revenue == entry.Revenue && known.Discount == entry.Discount)
                return known.Families;
            return read();
        }

        /// <summary>
        /// A record that contributes one entry to its customer's ledger: set from the post-image while it counts for that
        /// customer, withdrawn otherwise (deleted, moved to another customer, no longer qualifying). An update that leaves
        /// the source's columns as they were changes nothing and costs nothing.
        /// </summary>
        private IEnumerable<LedgerChange> Contributions(ContributionSource source)
        {
            var before = Before;
            var after = After;
            if (!source.Touched(before, after)) yield break;
            foreach (var customer in Customers(source.Customer, before, after))
            {
                var c = customer;
                yield return new LedgerChange(c, snapshot => LedgerChange.Outcome(source.Apply(snapshot.Ledger, c, RecordId, after, ChangedOn)));
            }
        }

        /// <summary>A resolution closes its case; the case row (1 call) says whose complaint it was and when it changed.</summary>
        private IEnumerable<LedgerChange> ResolvedCase()
        {
            var parent = After?.GetAttributeValue<EntityReference>(IncidentResolution.Incident);
            if (parent == null) yield break;
            var complaints = ContributionSource.Complaints;
            var incident = _context.SystemService.Retrieve(parent.LogicalName, parent.Id, new ColumnSet(ComplaintSource.RowColumns));
            var customer = incident.GetAttributeValue<EntityReference>(complaints.Customer);
            if (!IsCustomer(customer) || !complaints.Counts(incident)) yield break;
            yield return new LedgerChange(customer, snapshot => LedgerChange.Outcome(complaints.EntriesOf(snapshot.Ledger).Put(parent.Id, complaints.EntryOf(incident))));
        }

        /// <summary>
        /// A won opportunity is a moment to re-evaluate (its order changes the facts); one lost to a named competitor is a
        /// competitor entry in the customer's ledger. The opportunity row (1 call) says whose it was and how it closed.
        /// </summary>
        private IEnumerable<LedgerChange> ClosedOpportunity()
        {
            var close = After;
            var opportunity = close?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunity == null) yield break;
            var row = _context.SystemService.Retrieve(opportunity.LogicalName, opportunity.Id, new ColumnSet(Opportunity.Customer, Common.StateCode));
            var customer = row.GetAttributeValue<EntityReference>(Opportunity.Customer);
            if (!IsCustomer(customer)) yield break;
            var state = row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value;
            if (state == Opportunity.StateWon) yield return new LedgerChange(customer, _ => LedgerOutcome.Changed);
            else if (state == Opportunity.StateLost && close.GetAttributeValue<EntityReference>(OpportunityClose.Competitor) != null)
                yield return new LedgerChange(customer, snapshot =>
                    LedgerChange.Outcome(snapshot.Ledger.Competitors.Put(RecordId, LostOpportunities.EntryOf(close, Execution.OperationCreatedOn))));
        }
    }
}
