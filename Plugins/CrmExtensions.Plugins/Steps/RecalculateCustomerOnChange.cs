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
    /// <summary>
    /// Asynchronous PostOperation on every record that moves a customer's value or risk: orders and invoices
    /// (create, update, state change, delete), won opportunities (opportunityclose create), cases (create, update,
    /// resolution), survey responses, and referral links on accounts/contacts. Sets the record's contribution in each
    /// concerned customer's ledger from the event's images and recalculates from the ledger: a read and a write of the
    /// customer, plus the order's product families for an order whose lines may have changed.
    /// </summary>
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        PostImage = StepColumns.Referral,
        Description = "Recalculate the referrer of a new customer (referral potential).")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        FilteringAttributes = CustomerColumns.ReferredBy, PreImage = StepColumns.Referral, PostImage = StepColumns.Referral,
        Description = "Recalculate old and new referrer when the referral link changes.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        PreImage = StepColumns.Referral,
        Description = "Recalculate the referrer of a deleted customer.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName, PostImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer of a new order.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName, FilteringAttributes = StepColumns.SalesOrderChange,
        PreImage = StepColumns.SalesOrderImage, PostImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer(s) of a changed order.")]
    [Step(MessageName.SetState, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName, PostImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer when an order changes state (legacy SetState).")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, SalesOrder.EntityLogicalName, PreImage = StepColumns.SalesOrderImage,
        Description = "Recalculate the customer of a deleted order.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName, PostImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer of a new invoice.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName, FilteringAttributes = StepColumns.InvoiceChange,
        PreImage = StepColumns.InvoiceImage, PostImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer(s) of a changed invoice.")]
    [Step(MessageName.SetState, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName, PostImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer when an invoice changes state (legacy SetState).")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, Invoice.EntityLogicalName, PreImage = StepColumns.InvoiceImage,
        Description = "Recalculate the customer of a deleted invoice.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, OpportunityClose.EntityLogicalName, PostImage = OpportunityClose.Opportunity,
        Description = "Recalculate the customer of a won opportunity.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, Incident.EntityLogicalName, PostImage = StepColumns.IncidentImage,
        Description = "Recalculate churn risk when a case is opened.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, Incident.EntityLogicalName, FilteringAttributes = StepColumns.IncidentChange,
        PreImage = StepColumns.IncidentImage, PostImage = StepColumns.IncidentImage,
        Description = "Recalculate churn risk when a case changes state or type.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, Incident.EntityLogicalName, PreImage = StepColumns.IncidentImage,
        Description = "Recalculate the customer of a deleted case.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, IncidentResolution.EntityLogicalName, PostImage = IncidentResolution.Incident,
        Description = "Recalculate churn risk when a case is resolved.")]
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, CxSurveyResponse.EntityLogicalName, PostImage = StepColumns.SurveyImage,
        Description = "Recalculate loyalty and churn from a new survey answer.")]
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, CxSurveyResponse.EntityLogicalName, FilteringAttributes = StepColumns.SurveyChange,
        PreImage = StepColumns.SurveyImage, PostImage = StepColumns.SurveyImage,
        Description = "Recalculate loyalty and churn from a corrected survey answer.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, CxSurveyResponse.EntityLogicalName, PreImage = StepColumns.SurveyImage,
        Description = "Recalculate the customer of a deleted survey response.")]
    public sealed class RecalculateCustomerOnChange : PluginBase
    {
        /// <summary>Beyond this depth the event came from a chain of automation; it is traced and not recalculated again.</summary>
        public const int MaxDepth = 4;

        public RecalculateCustomerOnChange(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            if (execution.Depth > MaxDepth)
            {
                context.Trace("Depth {0} exceeds {1}: not recalculating from inside an automation chain.", execution.Depth, MaxDepth);
                return;
            }
            var changes = new LedgerChanges(context).ToList();
            if (changes.Count == 0)
            {
                context.Trace("No customer on the {0}: nothing to recalculate.", execution.PrimaryEntityName);
                return;
            }
            var settings = SettingsProvider.Resolve(UnsecureConfiguration, execution.OrganizationId, context.SystemService);
            execution.SharedVariables[CustomerRecalculation.SharedVariable] = true;
            var recalculation = new CustomerRecalculation(context.SystemService, settings);
            foreach (var change in changes)
            {
                var result = recalculation.ApplyEvent(change.Key, execution.OperationCreatedOn, change.Value);
                context.Trace("{0} {1}: {2} (retention: {3} to create, {4} to move, {5} to cancel).", change.Key.LogicalName, change.Key.Id,
                    result.Customers == 0 ? "nothing to recalculate (already up to date, or the customer no longer exists)" : "recalculated", result.ActivitiesCreated, result.ActivitiesUpdated, result.ActivitiesCancelled);
            }
        }
    }

    /// <summary>How one event changes the ledgers of the customers it concerns, read from its pre/post images.</summary>
    internal sealed class LedgerChanges : IEnumerable<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>>
    {
        private readonly LocalPluginContext _context;

        public LedgerChanges(LocalPluginContext context) { _context = context; }

        private IPluginExecutionContext Execution => _context.Execution;
        private Entity Before => Execution.MessageName == "Create" ? null : _context.PreImage();
        private Entity After => Execution.MessageName == "Delete" ? null : _context.PostImage() ?? _context.Target;
        private Guid RecordId => Execution.PrimaryEntityId;

        /// <summary>When the record reached the state the images show: its modifiedon, or the event time for a delete.</summary>
        private DateTime? ChangedOn => After?.GetAttributeValue<DateTime?>(Common.ModifiedOn) ?? Execution.OperationCreatedOn;

        public IEnumerator<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>> GetEnumerator()
        {
            var table = Execution.PrimaryEntityName;
            var source = PurchaseSource.For(table);
            IEnumerable<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>> changes;
            var contribution = ContributionSource.For(table);
            if (source != null) changes = Purchases(source);
            else if (contribution != null) changes = Contributions(contribution);
            else if (table == OpportunityClose.EntityLogicalName) changes = WonOpportunity();
            else if (table == IncidentResolution.EntityLogicalName) changes = ResolvedCase();
            else changes = Enumerable.Empty<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>>();
            return changes.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private static KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>> Change(EntityReference customer, Func<CustomerSnapshot, LedgerOutcome> apply) =>
            new KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>(customer, apply);

        private static LedgerOutcome Outcome(bool changed) => changed ? LedgerOutcome.Changed : LedgerOutcome.Unchanged;

        private static bool IsCustomer(EntityReference reference) =>
            reference != null && (reference.LogicalName == Account.EntityLogicalName || reference.LogicalName == Contact.EntityLogicalName);

        private static IEnumerable<EntityReference> Customers(string column, params Entity[] images) =>
            images.Where(i => i != null).Select(i => i.GetAttributeValue<EntityReference>(column)).Where(IsCustomer).Distinct();

        private IEnumerable<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>> Purchases(PurchaseSource source)
        {
            var before = Before;
            var after = After;
            foreach (var customer in Customers(source.Customer, before, after))
            {
                var c = customer;
                yield return Change(c, snapshot =>
                {
                    var ledger = snapshot.Ledger;
                    // A purchase older than the ledger's cut is only in its totals, where it cannot be set by id.
                    foreach (var image in new[] { before, after })
                        if (source.Counts(image, c) && !ledger.HoldsPurchasesOn(image.GetAttributeValue<DateTime>(source.Date))) return LedgerOutcome.NeedsFullRead;
                    if (!source.Counts(after, c)) return Outcome(ledger.Purchases.Withdraw(RecordId, ChangedOn));
                    var entry = source.ToEntry(after, null);
                    entry.Changed = ChangedOn;
                    if (source.HasFamilies) entry.Families = FamiliesFor(entry, ledger.Purchases.TryGetValue(RecordId, out var known) ? known : null);
                    return Outcome(ledger.Purchases.Put(RecordId, entry));
                });
            }
        }

        /// <summary>The order's families: read from its lines unless the ledger holds this order with the same totals (lines unchanged).</summary>
        private List<string> FamiliesFor(PurchaseEntry entry, PurchaseEntry known)
        {
            if (Execution.MessageName != "Create" && known != null && !known.Removed && known.Families != null && known.Revenue == entry.Revenue && known.Discount == entry.Discount)
                return known.Families;
            return ProductFamilies.Of(_context.SystemService, RecordId);
        }

        /// <summary>
        /// A record that contributes one entry to its customer's ledger: set from the post-image while it counts for that
        /// customer, withdrawn otherwise (deleted, moved to another customer, no longer qualifying).
        /// </summary>
        private IEnumerable<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>> Contributions(ContributionSource source)
        {
            var after = After;
            foreach (var customer in Customers(source.Customer, Before, after))
            {
                var c = customer;
                yield return Change(c, snapshot => Outcome(source.Apply(snapshot.Ledger, c, RecordId, after, ChangedOn)));
            }
        }

        /// <summary>A resolution closes its case; the case row (1 call) says whose complaint it was and when it changed.</summary>
        private IEnumerable<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>> ResolvedCase()
        {
            var parent = After?.GetAttributeValue<EntityReference>(IncidentResolution.Incident);
            if (parent == null) yield break;
            var complaints = ContributionSource.Complaints;
            var incident = _context.SystemService.Retrieve(parent.LogicalName, parent.Id, new ColumnSet(ComplaintSource.Columns));
            var customer = incident.GetAttributeValue<EntityReference>(complaints.Customer);
            if (!IsCustomer(customer) || !complaints.Counts(incident)) yield break;
            yield return Change(customer, snapshot => Outcome(complaints.EntriesOf(snapshot.Ledger).Put(parent.Id, complaints.EntryOf(incident))));
        }

        private IEnumerable<KeyValuePair<EntityReference, Func<CustomerSnapshot, LedgerOutcome>>> WonOpportunity()
        {
            var opportunity = After?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunity == null) yield break;
            var row = _context.SystemService.Retrieve(opportunity.LogicalName, opportunity.Id, new ColumnSet(Opportunity.Customer, Common.StateCode));
            if (row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != Opportunity.StateWon) yield break;
            var customer = row.GetAttributeValue<EntityReference>(Opportunity.Customer);
            // Winning changes no fact by itself (its order will), but is a moment to re-evaluate.
            if (IsCustomer(customer)) yield return Change(customer, _ => LedgerOutcome.Changed);
        }
    }
}
