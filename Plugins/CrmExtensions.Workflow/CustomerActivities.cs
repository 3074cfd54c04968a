using System;
using System.Activities;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Workflow;

namespace CrmExtensions.Plugins.WorkflowActivities
{
    /// <summary>Services a custom workflow activity reads from its context, and the failure the workflow shows.</summary>
    internal static class ActivityServices
    {
        public static IOrganizationService Service(CodeActivityContext context)
        {
            var workflow = context.GetExtension<IWorkflowContext>();
            return context.GetExtension<IOrganizationServiceFactory>().CreateOrganizationService(workflow.UserId);
        }

        public static T Guard<T>(CodeActivityContext context, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (DomainValidationException ex)
            {
                context.GetExtension<ITracingService>()?.Trace("Rejected: {0}", ex.Message);
                throw new InvalidPluginExecutionException(ex.Message, ex);
            }
        }
    }

    /// <summary>Classic workflow step: the customer's loyalty indicators and level (reads only).</summary>
    public sealed class CalculateLoyaltyIndicators : CodeActivity
    {
        [RequiredArgument, Input("Customer"), ReferenceTarget("account")]
        public InArgument<EntityReference> Customer { get; set; }

        [Output("Loyalty level"), AttributeTarget("account", "cx_loyaltylevel")]
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
            var workflow = context.GetExtension<IWorkflowContext>();
            var loyalty = ActivityServices.Guard(context, () =>
                CustomerWorkflowOperations.LoyaltyIndicators(ActivityServices.Service(context), workflow.OrganizationId, Customer.Get(context), workflow.OperationCreatedOn));
            LoyaltyLevel.Set(context, new OptionSetValue(Choice.ToOption(loyalty.Level)));
            RepeatPurchaseRate.Set(context, loyalty.Indicators.RepeatPurchaseRate);
            CrossPurchaseBreadth.Set(context, loyalty.Indicators.CrossPurchaseBreadth);
            Referrals.Set(context, loyalty.Indicators.Referrals);
            PriceTolerance.Set(context, loyalty.Indicators.PriceTolerance);
        }
    }

    /// <summary>Classic workflow step: recalculate and assign the customer's tier.</summary>
    public sealed class AssignCustomerTier : CodeActivity
    {
        [RequiredArgument, Input("Customer"), ReferenceTarget("account")]
        public InArgument<EntityReference> Customer { get; set; }

        [Output("Tier"), AttributeTarget("account", "cx_tier")]
        public OutArgument<OptionSetValue> Tier { get; set; }

        [Output("Tier changed")]
        public OutArgument<bool> TierChanged { get; set; }

        protected override void Execute(CodeActivityContext context)
        {
            var outcome = ActivityServices.Guard(context, () => CustomerWorkflowOperations.Recalculate(ActivityServices.Service(context), Customer.Get(context)));
            Tier.Set(context, new OptionSetValue(outcome.TierOption));
            TierChanged.Set(context, outcome.TierChanged);
        }
    }

    /// <summary>Classic workflow step: bring the customer's retention tasks and calls in line with the policy.</summary>
    public sealed class ScheduleRetentionTasks : CodeActivity
    {
        [RequiredArgument, Input("Customer"), ReferenceTarget("account")]
        public InArgument<EntityReference> Customer { get; set; }

        [Output("Activities created")]
        public OutArgument<int> Created { get; set; }

        [Output("Activities moved")]
        public OutArgument<int> Moved { get; set; }

        [Output("Activities cancelled")]
        public OutArgument<int> Cancelled { get; set; }

        protected override void Execute(CodeActivityContext context)
        {
            var outcome = ActivityServices.Guard(context, () => CustomerWorkflowOperations.Recalculate(ActivityServices.Service(context), Customer.Get(context)));
            Created.Set(context, outcome.Created);
            Moved.Set(context, outcome.Updated);
            Cancelled.Set(context, outcome.Cancelled);
        }
    }
}
