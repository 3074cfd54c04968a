using System.Collections.Generic;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Turns the change between two retention plans into activity writes: creates the new ones (with the plan's
    /// deterministic ids, so retries and concurrent evaluations converge on one activity per key and cycle), moves those
    /// due on another date, cancels (with a reason) those no longer due. Completed activities are never touched.
    /// </summary>
    public static class RetentionActivitySync
    {
        /// <param name="customer">The customer the activities regard.</param>
        /// <param name="callee">Whom a new phone call goes to (see <see cref="Callee"/>).</param>
        /// <param name="change">The activities the next plan creates, moves and cancels.</param>
        /// <param name="context">What a cancelled activity is no longer due for, in its description (this customer when null).</param>
        public static IEnumerable<OrganizationRequest> Requests(EntityReference customer, EntityReference callee, RetentionPlanChange change, string context)
        {
            foreach (var activity in change.ToCancel)
                yield return new UpdateRequest { Target = Cancel(TableOf(activity), activity.Id, $"Cancelled by CrmExtensions: no longer due for {context ?? "this customer"}.") };
            foreach (var activity in change.ToMove)
            {
                yield return new UpdateRequest
                {
                    Target = new Entity(TableOf(activity), activity.Id)
                    {
                        [RetentionActivity.ScheduledEnd] = DueDay.ToScheduledEnd(activity.DueOn),
                        [RetentionActivity.Subject] = activity.Subject,
                    },
                };
            }
            foreach (var activity in change.ToCreate)
            {
                var row = new Entity(TableOf(activity), activity.Id)
                {
                    [RetentionActivity.Key] = activity.Key,
                    [RetentionActivity.Action] = new OptionSetValue(Choice.ToOption(activity.Kind)),
                    [RetentionActivity.Subject] = activity.Subject,
                    [RetentionActivity.ScheduledEnd] = DueDay.ToScheduledEnd(activity.DueOn),
                    [RetentionActivity.Regarding] = customer,
                    [RetentionActivity.Description] = activity.Description,
                };
                if (activity.OwnerTable != null && activity.OwnerId.HasValue) row[RetentionActivity.Owner] = new EntityReference(activity.OwnerTable, activity.OwnerId.Value);
                // A call names whom to call, so the user can dial from it.
                if (activity.Channel == ActivityChannel.PhoneCall)
                    row[RetentionActivity.To] = new EntityCollection(new List<Entity> { new Entity(ActivityParty.EntityLogicalName) { [ActivityParty.Party] = callee } });
                yield return new CreateRequest { Target = row };
            }
        }

        /// <summary>Whom a customer's retention calls go to: an account's primary contact, else the account; a contact itself.</summary>
        public static EntityReference Callee(EntityReference customer, EntityReference primaryContact) => primaryContact ?? customer;

        /// <summary>Whether the change creates a phone call (only then is the callee needed).</summary>
        public static bool CreatesCall(RetentionPlanChange change) => change.ToCreate.Exists(a => a.Channel == ActivityChannel.PhoneCall);

        /// <summary>Further open activities of a key the plan already holds (found by a full read).</summary>
        public static OrganizationRequest CancelDuplicate(PlannedActivity activity) =>
            new UpdateRequest { Target = Cancel(TableOf(activity), activity.Id, "Cancelled by CrmExtensions: duplicate of an open activity with the same retention key.") };

        public static string TableOf(PlannedActivity activity) => activity.Channel == ActivityChannel.PhoneCall ? RetentionActivity.PhoneCall : RetentionActivity.Task;

        public static ActivityChannel ChannelOf(string table) => table == RetentionActivity.PhoneCall ? ActivityChannel.PhoneCall : ActivityChannel.Task;

        private static Entity Cancel(string table, System.Guid id, string reason) =>
            new Entity(table, id)
            {
                [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCanceled),
                [RetentionActivity.StatusCode] = new OptionSetValue(table == RetentionActivity.PhoneCall ? RetentionActivity.PhoneCallStatusCanceled : RetentionActivity.TaskStatusCanceled),
                [RetentionActivity.Description] = reason,
            };
    }
}
