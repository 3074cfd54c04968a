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
    /// (create, update, state change), won opportunities (opportunityclose create), cases (create, update, resolution),
    /// survey responses, and referral links on accounts/contacts. Finds the customer(s) concerned, before and after the
    /// change, and recalculates them.
    /// </summary>
    public sealed class RecalculateCustomerOnChange : PluginBase
    {
        public const string PreImageAlias = "PreImage";
        public const string PostImageAlias = "PostImage";

        /// <summary>Beyond this depth the event came from a chain of automation; it is traced and not recalculated again.</summary>
        public const int MaxDepth = 4;

        private static readonly Dictionary<string, string> CustomerColumnByTable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [SalesOrder.EntityLogicalName] = SalesOrder.Customer,
            [Invoice.EntityLogicalName] = Invoice.Customer,
            [Incident.EntityLogicalName] = Incident.Customer,
            [CxSurveyResponse.EntityLogicalName] = CxSurveyResponse.Customer,
            [Account.EntityLogicalName] = CustomerColumns.ReferredBy,
            [Contact.EntityLogicalName] = CustomerColumns.ReferredBy,
        };

        public RecalculateCustomerOnChange(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            if (execution.Depth > MaxDepth)
            {
                context.Trace("Depth {0} exceeds {1}: not recalculating from inside an automation chain.", execution.Depth, MaxDepth);
                return;
            }
            var customers = CustomersConcerned(context).Distinct().ToList();
            if (customers.Count == 0)
            {
                context.Trace("No customer on the {0}: nothing to recalculate.", execution.PrimaryEntityName);
                return;
            }
            var settings = SettingsProvider.Resolve(UnsecureConfiguration, execution.OrganizationId, context.SystemService);
            execution.SharedVariables[CustomerRecalculation.SharedVariable] = true;
            var result = new CustomerRecalculation(context.SystemService, settings).Run(customers, execution.OperationCreatedOn, batched: false);
            context.Trace("Recalculated {0} customer(s): {1} activities created, {2} moved, {3} cancelled.", result.Customers, result.ActivitiesCreated, result.ActivitiesUpdated, result.ActivitiesCancelled);
        }

        private IEnumerable<EntityReference> CustomersConcerned(LocalPluginContext context)
        {
            var table = context.Execution.PrimaryEntityName;
            if (table == OpportunityClose.EntityLogicalName || table == IncidentResolution.EntityLogicalName)
            {
                var parentColumn = table == OpportunityClose.EntityLogicalName ? OpportunityClose.Opportunity : IncidentResolution.Incident;
                var parent = (context.PostImage(PostImageAlias) ?? context.Target)?.GetAttributeValue<EntityReference>(parentColumn);
                if (parent == null) yield break;
                var won = table == OpportunityClose.EntityLogicalName;
                var customerColumn = won ? Opportunity.Customer : Incident.Customer;
                var row = context.SystemService.Retrieve(parent.LogicalName, parent.Id, new ColumnSet(customerColumn, Common.StateCode));
                if (won && row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != Opportunity.StateWon) yield break;
                var customer = row.GetAttributeValue<EntityReference>(customerColumn);
                if (IsCustomer(customer)) yield return customer;
                yield break;
            }
            if (!CustomerColumnByTable.TryGetValue(table, out var column)) yield break;
            var after = (context.PostImage(PostImageAlias) ?? context.Target)?.GetAttributeValue<EntityReference>(column);
            var before = context.PreImage(PreImageAlias)?.GetAttributeValue<EntityReference>(column);
            if (IsCustomer(after)) yield return after;
            if (IsCustomer(before) && !before.Equals(after)) yield return before;
        }

        private static bool IsCustomer(EntityReference reference) =>
            reference != null && (reference.LogicalName == Account.EntityLogicalName || reference.LogicalName == Contact.EntityLogicalName);
    }
}
