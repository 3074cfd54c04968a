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
            var contribution = ContributionSource.For(table);
            if (source != null) changes = Purchases(source);
            else if (contribution != null) changes = Contributions(contribution);
            else if (table == OpportunityClose.EntityLogicalName) changes = WonOpportunity();
            else if (table == IncidentResolution.EntityLogicalName) changes = ResolvedCase();
            else changes = Enumerable.Empty<LedgerChange>();
            return changes.GetEnumerator();
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
            foreach (var customer in Customers(source.Customer, before, after))
            {
                var c = customer;
                yield return new LedgerChange(c, snapshot =>
                {
                    var ledger = snapshot.Ledger;
                    // A purchase older than the ledger's cut is only in its totals, where it cannot be set by id.
                    foreach (var image in new[] { before, after })
                        if (source.Counts(image, c) && !ledger.HoldsPurchasesOn(image.GetAttributeValue<DateTime>(source.Date))) return LedgerOutcome.NeedsFullRead;
                    if (!source.Counts(after, c)) return LedgerChange.Outcome(ledger.Purchases.Withdraw(RecordId, ChangedOn));
                    var entry = source.ToEntry(after, null);
                    entry.Changed = ChangedOn;
                    if (source.HasFamilies) entry.Families = FamiliesFor(entry, ledger.Purchases.TryGetValue(RecordId, out var known) ? known : null);
                    return LedgerChange.Outcome(ledger.Purchases.Put(RecordId, entry));
                });
            }
        }

        /// <summary>The order's families: read from its lines unless the ledger holds this order with the same totals (lines unchanged).</summary>
        private List<string> FamiliesFor(PurchaseEntry entry, PurchaseEntry known)
        {
            if (Execution.MessageName != MessageName.Create && known != null && !known.Removed && known.Families != null && known.Revenue == entry.Revenue && known.Discount == entry.Discount)
                return known.Families;
            return ProductFamilies.Of(_context.SystemService, RecordId);
        }

        /// <summary>
        /// A record that contributes one entry to its customer's ledger: set from the post-image while it counts for that
        /// customer, withdrawn otherwise (deleted, moved to another customer, no longer qualifying).
        /// </summary>
        private IEnumerable<LedgerChange> Contributions(ContributionSource source)
        {
            var after = After;
            foreach (var customer in Customers(source.Customer, Before, after))
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
            var incident = _context.SystemService.Retrieve(parent.LogicalName, parent.Id, new ColumnSet(ComplaintSource.Columns));
            var customer = incident.GetAttributeValue<EntityReference>(complaints.Customer);
            if (!IsCustomer(customer) || !complaints.Counts(incident)) yield break;
            yield return new LedgerChange(customer, snapshot => LedgerChange.Outcome(complaints.EntriesOf(snapshot.Ledger).Put(parent.Id, complaints.EntryOf(incident))));
        }

        private IEnumerable<LedgerChange> WonOpportunity()
        {
            var opportunity = After?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunity == null) yield break;
            var row = _context.SystemService.Retrieve(opportunity.LogicalName, opportunity.Id, new ColumnSet(Opportunity.Customer, Common.StateCode));
            if (row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != Opportunity.StateWon) yield break;
            var customer = row.GetAttributeValue<EntityReference>(Opportunity.Customer);
            // Winning changes no fact by itself (its order will), but is a moment to re-evaluate.
            if (IsCustomer(customer)) yield return new LedgerChange(customer, _ => LedgerOutcome.Changed);
        }
    }
}
