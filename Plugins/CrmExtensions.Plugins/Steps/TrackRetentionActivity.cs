using System;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Task/phone call Update, asynchronous PostOperation (filtering: statecode). When a user completes or cancels a
    /// retention activity, the customer's ledger forgets it (and records the completion), and the customer is
    /// re-evaluated so the next cycle's activity is scheduled. Closures made by the recalculation itself are skipped.
    /// </summary>
    public sealed class TrackRetentionActivity : PluginBase
    {
        public const string PostImageAlias = "PostImage";

        public TrackRetentionActivity(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            if (context.IsTriggeredBy(CustomerRecalculation.SharedVariable)) return;
            var activity = context.PostImage(PostImageAlias);
            var key = activity?.GetAttributeValue<string>(RetentionActivity.Key);
            var customer = activity?.GetAttributeValue<EntityReference>(RetentionActivity.Regarding);
            var state = activity?.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value;
            if (key == null || customer == null || state == RetentionActivity.StateOpen) return;
            if (customer.LogicalName != Account.EntityLogicalName && customer.LogicalName != Contact.EntityLogicalName) return;

            var execution = context.Execution;
            var completedOn = activity.GetAttributeValue<DateTime?>(RetentionActivity.ActualEnd) ?? execution.OperationCreatedOn;
            var action = activity.GetAttributeValue<OptionSetValue>(RetentionActivity.Action);
            var settings = SettingsProvider.Resolve(UnsecureConfiguration, execution.OrganizationId, context.SystemService);
            execution.SharedVariables[CustomerRecalculation.SharedVariable] = true;
            new CustomerRecalculation(context.SystemService, settings).RunIncremental(customer, execution.OperationCreatedOn, execution.OperationId, ledger =>
            {
                if (ledger.Open.TryGetValue(key, out var open) && open.Id == execution.PrimaryEntityId) ledger.Open.Remove(key);
                if (state == RetentionActivity.StateCompleted && action != null)
                {
                    var kind = Choice.FromOption<RetentionActionKind>(action.Value);
                    if (!ledger.LastCompleted.TryGetValue(kind, out var known) || completedOn > known) ledger.LastCompleted[kind] = completedOn;
                }
                return true;
            });
        }
    }
}
