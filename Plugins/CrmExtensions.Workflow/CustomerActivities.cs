using System.Activities;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CrmExtensions.Workflow
{
    /// <summary>The service a custom workflow activity calls the Custom APIs with: the workflow's user's.</summary>
    internal static class ActivityServices
    {
        public static IOrganizationService Service(CodeActivityContext context)
        {
            var workflow = context.GetExtension<IWorkflowContext>();
            return context.GetExtension<IOrganizationServiceFactory>().CreateOrganizationService(workflow.UserId);
        }
    }

    /// <summary>Classic workflow step: the customer's loyalty indicators and level (reads only, through cx_PreviewTier).</summary>
    public sealed class CalculateLoyaltyIndicators : CodeActivity
    {
        [RequiredArgument, Input("Customer"), ReferenceTarget(CustomerWorkflowOperations.CustomerTable)]
        public InArgument<EntityReference> Customer { get; set; }

        [Output("Loyalty level"), AttributeTarget(CustomerWorkflowOperations.CustomerTable, CustomerWorkflowOperations.LoyaltyLevelColumn)]
        public OutArgument<OptionSetValue> LoyaltyLevel { get; set; }

        [Output("Repeat purchase rate")]
        public OutArgument<decimal> RepeatPurchaseRate { get; set; }

        [Output("Cross-purchase breadth")]
        public OutArgument<decimal> CrossPurchaseBreadth { get; set; }

        [Output("Referrals")]
        public OutArgument<int> Referrals { get; set; }

        [Output("Price tolerance")]
        public OutArgument<decimal> PriceTolerance { get; set; }

        protected override void Execute(CodeActivityContext context)
        {
            var loyalty = CustomerWorkflowOperations.LoyaltyIndicators(ActivityServices.Service(context), Customer.Get(context));
            LoyaltyLevel.Set(context, new OptionSetValue(loyalty.LoyaltyLevel));
            RepeatPurchaseRate.Set(context, loyalty.RepeatPurchaseRate);
            CrossPurchaseBreadth.Set(context, loyalty.CrossPurchaseBreadth);
            Referrals.Set(context, loyalty.Referrals);
            PriceTolerance.Set(context, loyalty.PriceTolerance);
        }
    }

    /// <summary>Classic workflow step: recalculate and assign the customer's tier (through cx_RecalculateCustomer).</summary>
    public sealed class AssignCustomerTier : CodeActivity
    {
        [RequiredArgument, Input("Customer"), ReferenceTarget(CustomerWorkflowOperations.CustomerTable)]
        public InArgument<EntityReference> Customer { get; set; }

        [Output("Tier"), AttributeTarget(CustomerWorkflowOperations.CustomerTable, CustomerWorkflowOperations.TierColumn)]
        public OutArgument<OptionSetValue> Tier { get; set; }

        [Output("Tier changed")]
        public OutArgument<bool> TierChanged { get; set; }

        protected override void Execute(CodeActivityContext context)
        {
            var outcome = CustomerWorkflowOperations.Recalculate(ActivityServices.Service(context), Customer.Get(context));
            Tier.Set(context, new OptionSetValue(outcome.Tier));
            TierChanged.Set(context, outcome.TierChanged);
        }
    }

    /// <summary>Classic workflow step: bring the customer's retention tasks and calls in line with the policy (through cx_RecalculateCustomer).</summary>
    public sealed class ScheduleRetentionTasks : CodeActivity
    {
        [RequiredArgument, Input("Customer"), ReferenceTarget(CustomerWorkflowOperations.CustomerTable)]
        public InArgument<EntityReference> Customer { get; set; }

        [Output("Activities created")]
        public OutArgument<int> Created { get; set; }

        [Output("Activities moved")]
        public OutArgument<int> Moved { get; set; }

        [Output("Activities cancelled")]
        public OutArgument<int> Cancelled { get; set; }

        protected override void Execute(CodeActivityContext context)
        {
            var outcome = CustomerWorkflowOperations.Recalculate(ActivityServices.Service(context), Customer.Get(context));
            Created.Set(context, outcome.Created);
            Moved.Set(context, outcome.Moved);
            Cancelled.Set(context, outcome.Cancelled);
        }
    }
}
