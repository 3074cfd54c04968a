using System;
using CrmExtensions.Plugins.CustomApis.Contracts;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Workflow
{
    public sealed class LoyaltyOutcome
    {
        public int LoyaltyLevel { get; set; }
        public decimal RepeatPurchaseRate { get; set; }
        public decimal CrossPurchaseBreadth { get; set; }
        public int Referrals { get; set; }
        public decimal PriceTolerance { get; set; }
    }

    public sealed class RecalculationOutcome
    {
        public int Tier { get; set; }
        public bool TierChanged { get; set; }
        public int Created { get; set; }
        public int Moved { get; set; }
        public int Cancelled { get; set; }
    }

    /// <summary>
    /// What the classic workflow activities do: call the product's Custom APIs and map their outputs. Free of
    /// System.Activities so the tests run it on .NET; the rules stay behind the APIs, so the tier guard sees a
    /// recalculation whichever way the work was started.
    /// </summary>
    public static class CustomerWorkflowOperations
    {
        /// <summary>The table the activities' customer input takes: accounts, the table cx_RecalculateCustomer is bound to.</summary>
        public const string CustomerTable = RecalculateCustomerRequest.BoundTo;

        /// <summary>The column the tier output maps to (its choice, for the workflow designer) and is compared on.</summary>
        public const string TierColumn = "cx_tier";

        /// <summary>The column the loyalty level output maps to (its choice, for the workflow designer).</summary>
        public const string LoyaltyLevelColumn = "cx_loyaltylevel";

        public static LoyaltyOutcome LoyaltyIndicators(IOrganizationService service, EntityReference customer)
        {
            RequireCustomer(customer);
            var preview = service.Execute(new PreviewTierRequest { Customer = customer });
            return new LoyaltyOutcome
            {
                LoyaltyLevel = preview.LoyaltyLevel,
                RepeatPurchaseRate = preview.RepeatPurchaseRate,
                CrossPurchaseBreadth = preview.CrossPurchaseBreadth,
                Referrals = preview.Referrals,
                PriceTolerance = preview.PriceTolerance,
            };
        }

        public static RecalculationOutcome Recalculate(IOrganizationService service, EntityReference customer)
        {
            RequireCustomer(customer);
            if (customer.LogicalName != RecalculateCustomerRequest.BoundTo)
                throw new InvalidPluginExecutionException($"{RecalculateCustomerRequest.ApiName} is bound to {RecalculateCustomerRequest.BoundTo}; " +
                    $"{customer.LogicalName} records are recalculated by their own events or the bulk run.");
            var before = TierSeenBy(service, customer);
            var response = service.Execute(new RecalculateCustomerRequest { Target = customer });
            return new RecalculationOutcome
            {
                Tier = response.Tier,
                TierChanged = before != response.Tier,
                Created = response.ActivitiesCreated,
                Moved = response.ActivitiesUpdated,
                Cancelled = response.ActivitiesCancelled,
            };
        }

        /// <summary>
        /// The tier as the workflow's user sees it; null when they cannot read the customer. The activity then leaves the
        /// refusal to the Custom API, whose message names no customer values. (A user without any read privilege on the
        /// table gets the platform's privilege fault here, which names only the privilege.)
        /// </summary>
        private static int? TierSeenBy(IOrganizationService service, EntityReference customer)
        {
            var query = new QueryExpression(customer.LogicalName) { ColumnSet = new ColumnSet(TierColumn), TopCount = 1 };
            query.Criteria.AddCondition(customer.LogicalName + "id", ConditionOperator.Equal, customer.Id);
            var rows = service.RetrieveMultiple(query).Entities;
            return rows.Count == 0 ? null : rows[0].GetAttributeValue<OptionSetValue>(TierColumn)?.Value;
        }

        private static void RequireCustomer(EntityReference customer)
        {
            if (customer == null || customer.Id == Guid.Empty) throw new InvalidPluginExecutionException("Customer is required: pick the account to evaluate.");
        }
    }
}
