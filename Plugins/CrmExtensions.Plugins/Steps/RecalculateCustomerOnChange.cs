using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Asynchronous PostOperation on every record that moves a customer's value or risk: orders and invoices
    /// (create, update, state change, delete), won opportunities (opportunityclose create), cases (create, update,
    /// resolution), survey responses, and referral links on accounts/contacts. Turns the event's pre/post images into a
    /// change of each concerned customer's ledger and recalculates from it (about 3 calls per event).
    /// </summary>
    public sealed class RecalculateCustomerOnChange : PluginBase
    {
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";

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
            var settings = SettingsProvider.Resolve(UnsecureConfiguration, execution.OrganizationId, context.SystemService);
            var reader = new CustomerFactsReader(context.SystemService, settings);
            var changes = new LedgerChanges(context, reader).For(execution.PrimaryEntityName).ToList();
            if (changes.Count == 0)
            {
                context.Trace("No customer on the {0}: nothing to recalculate.", execution.PrimaryEntityName);
                return;
            }
            execution.SharedVariables[CustomerRecalculation.SharedVariable] = true;
            var recalculation = new CustomerRecalculation(context.SystemService, settings);
            foreach (var customer in changes.GroupBy(c => c.Customer))
            {
                var applies = customer.Select(c => c.Apply).ToList();
                var result = recalculation.RunIncremental(customer.Key, execution.OperationCreatedOn, execution.OperationId, ledger => applies.All(apply => apply(ledger)));
                context.Trace("Recalculated {0} {1}: {2} activities created, {3} moved, {4} cancelled.", customer.Key.LogicalName, customer.Key.Id,
                    result.ActivitiesCreated, result.ActivitiesUpdated, result.ActivitiesCancelled);
            }
        }
    }

    /// <summary>How one event changes the ledgers of the customers it concerns, read from its pre/post images.</summary>
    internal sealed class LedgerChanges
    {
        private readonly LocalPluginContext _context;
        private readonly CustomerFactsReader _reader;

        public LedgerChanges(LocalPluginContext context, CustomerFactsReader reader)
        {
            _context = context;
            _reader = reader;
        }

        public struct Change
        {
            public Change(EntityReference customer, Func<CustomerLedger, bool> apply)
            {
                Customer = customer;
                Apply = apply;
            }

            public EntityReference Customer { get; }

            /// <summary>False when the ledger cannot be changed exactly; the customer then gets a full read.</summary>
            public Func<CustomerLedger, bool> Apply { get; }
        }

        private Entity Before => _context.Execution.MessageName == "Create" ? null : _context.PreImage(RecalculateCustomerOnChange.PreImageAlias);
        private Entity After => _context.Execution.MessageName == "Delete" ? null : _context.PostImage(RecalculateCustomerOnChange.PostImageAlias) ?? _context.Target;
        private Guid RecordId => _context.Execution.PrimaryEntityId;

        public IEnumerable<Change> For(string table)
        {
            switch (table)
            {
                case SalesOrder.EntityLogicalName:
                    return Purchases(SalesOrder.Customer, SalesOrder.SubmitDate, SalesOrder.TotalAmountBase, SalesOrder.TotalDiscountAmountBase, SalesOrder.StateCanceled, null);
                case Invoice.EntityLogicalName:
                    return Purchases(Invoice.Customer, Invoice.CreatedOn, Invoice.TotalAmountBase, Invoice.TotalDiscountAmountBase, Invoice.StateCanceled, Invoice.SalesOrder);
                case Incident.EntityLogicalName:
                    return Complaints();
                case CxSurveyResponse.EntityLogicalName:
                    return Surveys();
                case Account.EntityLogicalName:
                case Contact.EntityLogicalName:
                    return Referrals();
                case OpportunityClose.EntityLogicalName:
                    return WonOpportunity();
                case IncidentResolution.EntityLogicalName:
                    return ResolvedCase();
                default:
                    return Enumerable.Empty<Change>();
            }
        }

        private static bool IsCustomer(EntityReference reference) =>
            reference != null && (reference.LogicalName == Account.EntityLogicalName || reference.LogicalName == Contact.EntityLogicalName);

        private static IEnumerable<EntityReference> Customers(string column, params Entity[] images) =>
            images.Where(i => i != null).Select(i => i.GetAttributeValue<EntityReference>(column)).Where(IsCustomer).Distinct();

        private IEnumerable<Change> Purchases(string customerColumn, string dateColumn, string amountColumn, string discountColumn, int canceledState, string fromOrderColumn)
        {
            var before = Before;
            var after = After;
            bool Counts(Entity image, EntityReference customer) =>
                image != null && customer.Equals(image.GetAttributeValue<EntityReference>(customerColumn))
                && image.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != canceledState
                && image.GetAttributeValue<DateTime?>(dateColumn).HasValue
                && (fromOrderColumn == null || image.GetAttributeValue<EntityReference>(fromOrderColumn) == null);
            bool Apply(CustomerLedger ledger, Entity image, int sign) => ledger.ApplyPurchase(sign, image.GetAttributeValue<DateTime>(dateColumn),
                image.GetAttributeValue<Money>(amountColumn)?.Value ?? 0m, image.GetAttributeValue<Money>(discountColumn)?.Value ?? 0m);

            foreach (var customer in Customers(customerColumn, before, after))
            {
                var c = customer;
                yield return new Change(c, ledger =>
                {
                    var exact = true;
                    if (Counts(before, c)) exact &= Apply(ledger, before, -1);
                    if (exact && Counts(after, c)) exact &= Apply(ledger, after, +1);
                    // Order lines may have changed which product families the customer buys.
                    if (exact) ledger.Families = _reader.FamiliesOf(c.Id);
                    return exact;
                });
            }
        }

        private IEnumerable<Change> Complaints()
        {
            var before = Before;
            var after = After;
            var id = RecordId;
            foreach (var customer in Customers(Incident.Customer, before, after))
            {
                var c = customer;
                yield return new Change(c, ledger =>
                {
                    ledger.Complaints.Remove(id);
                    if (after != null && c.Equals(after.GetAttributeValue<EntityReference>(Incident.Customer))
                        && after.GetAttributeValue<OptionSetValue>(Incident.CaseTypeCode)?.Value == Incident.CaseTypeComplaint)
                    {
                        ledger.Complaints[id] = new CustomerLedger.ComplaintEntry
                        {
                            OpenedOn = after.GetAttributeValue<DateTime?>(Incident.CreatedOn) ?? _context.Execution.OperationCreatedOn,
                            IsOpen = (after.GetAttributeValue<OptionSetValue>(Incident.StateCode)?.Value ?? Incident.StateActive) == Incident.StateActive,
                        };
                    }
                    return true;
                });
            }
        }

        private IEnumerable<Change> ResolvedCase()
        {
            var parent = After?.GetAttributeValue<EntityReference>(IncidentResolution.Incident);
            if (parent == null) yield break;
            var incident = _context.SystemService.Retrieve(parent.LogicalName, parent.Id, new ColumnSet(Incident.Customer, Incident.CaseTypeCode, Incident.CreatedOn));
            var customer = incident.GetAttributeValue<EntityReference>(Incident.Customer);
            if (!IsCustomer(customer)) yield break;
            var complaint = incident.GetAttributeValue<OptionSetValue>(Incident.CaseTypeCode)?.Value == Incident.CaseTypeComplaint;
            yield return new Change(customer, ledger =>
            {
                if (complaint) ledger.Complaints[parent.Id] = new CustomerLedger.ComplaintEntry { OpenedOn = incident.GetAttributeValue<DateTime>(Incident.CreatedOn), IsOpen = false };
                return true;
            });
        }

        private IEnumerable<Change> Surveys()
        {
            var before = Before;
            var after = After;
            var id = RecordId;
            foreach (var customer in Customers(CxSurveyResponse.Customer, before, after))
            {
                var c = customer;
                yield return new Change(c, ledger =>
                {
                    ledger.Surveys.Remove(id);
                    var score = after?.GetAttributeValue<decimal?>(CxSurveyResponse.Score);
                    var answered = after?.GetAttributeValue<DateTime?>(CxSurveyResponse.AnsweredOn);
                    if (score.HasValue && answered.HasValue && c.Equals(after.GetAttributeValue<EntityReference>(CxSurveyResponse.Customer)))
                        ledger.Surveys[id] = new CustomerLedger.SurveyEntry { AnsweredOn = answered.Value, Score = score.Value };
                    return true;
                });
            }
        }

        private IEnumerable<Change> Referrals()
        {
            var from = Before?.GetAttributeValue<EntityReference>(CustomerColumns.ReferredBy);
            var to = After?.GetAttributeValue<EntityReference>(CustomerColumns.ReferredBy);
            if (IsCustomer(from) && !from.Equals(to)) yield return new Change(from, ledger => { ledger.Referrals = Math.Max(0, ledger.Referrals - 1); return true; });
            if (IsCustomer(to) && !to.Equals(from)) yield return new Change(to, ledger => { ledger.Referrals++; return true; });
        }

        private IEnumerable<Change> WonOpportunity()
        {
            var opportunity = After?.GetAttributeValue<EntityReference>(OpportunityClose.Opportunity);
            if (opportunity == null) yield break;
            var row = _context.SystemService.Retrieve(opportunity.LogicalName, opportunity.Id, new ColumnSet(Opportunity.Customer, Common.StateCode));
            if (row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != Opportunity.StateWon) yield break;
            var customer = row.GetAttributeValue<EntityReference>(Opportunity.Customer);
            // Winning changes no fact by itself (its order will), but is a moment to re-evaluate.
            if (IsCustomer(customer)) yield return new Change(customer, _ => true);
        }
    }
}
