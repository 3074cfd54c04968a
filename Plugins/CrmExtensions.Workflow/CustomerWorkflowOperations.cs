using System;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Plugins.CustomApis;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.WorkflowActivities
{
    public sealed class RecalculationOutcome
    {
        public int TierOption { get; set; }
        public bool TierChanged { get; set; }
        public int Created { get; set; }
        public int Updated { get; set; }
        public int Cancelled { get; set; }
    }

    /// <summary>
    /// What the classic workflow activities do, kept free of System.Activities so the tests run it on .NET (the
    /// activities themselves compile for net462 only). Writes go through cx_RecalculateCustomer, so the tier guard sees
    /// a recalculation whichever way the work was started.
    /// </summary>
    public static class CustomerWorkflowOperations
    {
        public static LoyaltyAssessment LoyaltyIndicators(IOrganizationService service, Guid organizationId, EntityReference customer, DateTime asOf)
        {
            RequireCustomer(customer);
            var settings = SettingsProvider.Resolve(null, organizationId, service);
            var assessment = new CustomerRecalculation(service, settings).Preview(customer, asOf);
            return assessment.Loyalty;
        }

        public static RecalculationOutcome Recalculate(IOrganizationService service, EntityReference customer)
        {
            RequireCustomer(customer);
            if (customer.LogicalName != Account.EntityLogicalName)
                throw new DomainValidationException($"{RecalculateCustomerApi.MessageName} is bound to account; {customer.LogicalName} records are recalculated by their own events or the bulk run.");
            var before = service.Retrieve(customer.LogicalName, customer.Id, new Microsoft.Xrm.Sdk.Query.ColumnSet(CustomerColumns.Tier))
                .GetAttributeValue<OptionSetValue>(CustomerColumns.Tier)?.Value;
            var response = service.Execute(new OrganizationRequest(RecalculateCustomerApi.MessageName) { [Parameters.Target] = customer });
            var tier = (int)response["Tier"];
            return new RecalculationOutcome
            {
                TierOption = tier,
                TierChanged = before != tier,
                Created = (int)response["ActivitiesCreated"],
                Updated = (int)response["ActivitiesUpdated"],
                Cancelled = (int)response["ActivitiesCancelled"],
            };
        }

        private static void RequireCustomer(EntityReference customer)
        {
            if (customer == null || customer.Id == Guid.Empty) throw new DomainValidationException("Customer is required: pick the account to evaluate.");
            if (customer.LogicalName != Account.EntityLogicalName && customer.LogicalName != Contact.EntityLogicalName)
                throw new DomainValidationException($"Customer must be an account or contact, not a {customer.LogicalName}.");
        }
    }
}
