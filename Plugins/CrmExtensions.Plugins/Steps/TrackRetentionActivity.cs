using System;
using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Task/phone call Update of statecode and Delete, asynchronous PostOperation. When a user completes, cancels or
    /// deletes an activity the customer's retention plan holds open, the plan lets it go (a completion starts the next
    /// cycle) and the customer is re-evaluated from its ledger, so the next activity is scheduled. Activities the plan no
    /// longer holds — the product cancelled them itself — cost one read and change nothing.
    /// </summary>
    [Step(MessageName.Update, Stage.PostOperation, Mode.Asynchronous, RetentionActivity.Task, RetentionActivity.PhoneCall,
        FilteringAttributes = RetentionActivity.StateCode, PostImage = StepColumns.RetentionActivityImage,
        Description = "Schedule the next retention activity when a user completes or cancels one.")]
    [Step(MessageName.Delete, Stage.PostOperation, Mode.Asynchronous, RetentionActivity.Task, RetentionActivity.PhoneCall, PreImage = StepColumns.RetentionActivityImage,
        Description = "Let the retention plan go of a retention activity a user deleted.")]
    public sealed class TrackRetentionActivity : PluginBase
    {
        public TrackRetentionActivity(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var deleted = execution.MessageName == MessageName.Delete;
            var activity = deleted ? context.PreImage() : context.PostImage();
            var key = activity?.GetAttributeValue<string>(RetentionActivity.Key);
            var customer = activity?.GetAttributeValue<EntityReference>(RetentionActivity.Regarding);
            var state = activity?.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value;
            if (key == null || customer == null || (!deleted && state == RetentionActivity.StateOpen)) return;
            if (customer.LogicalName != Account.EntityLogicalName && customer.LogicalName != Contact.EntityLogicalName) return;

            var completed = !deleted && state == RetentionActivity.StateCompleted;
            var when = activity.GetAttributeValue<DateTime?>(RetentionActivity.ActualEnd) ?? execution.OperationCreatedOn;
            var result = Recalculation(context, TriggerKind.Event).ApplyEvent(
                new LedgerChange(customer, snapshot => LedgerChange.Outcome(snapshot.Plan.CloseByUser(key, execution.PrimaryEntityId, completed, when))), execution.OperationCreatedOn);
            context.Trace("Retention activity {0} {1} by a user: {2}.", execution.PrimaryEntityId, deleted ? "deleted" : completed ? "completed" : "cancelled",
                result.Customers == 0 ? "not held by the plan (or the customer no longer exists), nothing to do" : $"re-planned, {result.ActivitiesCreated} to create");
        }
    }
}
