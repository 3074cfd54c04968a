using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Makes a customer's open retention activities equal the policy's due set: creates what is missing, moves what is
    /// due on another date, cancels (with a reason) what is no longer due. Completed activities are never touched.
    /// Matching is by the deterministic key stored on the activity, and a new activity's id derives from its key and cycle,
    /// so re-runs, retries and concurrent evaluations converge on one activity per key. The id also counts the activities
    /// of that key cancelled before, so an action that comes due again gets a fresh activity instead of a key clash.
    /// </summary>
    public sealed class RetentionActivitySync
    {
        private readonly RetentionSettings _settings;

        public RetentionActivitySync(RetentionSettings settings) { _settings = settings; }

        public IEnumerable<OrganizationRequest> Plan(CustomerSnapshot snapshot, CustomerAssessment assessment)
        {
            var due = assessment.RetentionActions.ToDictionary(a => a.Key);
            var open = snapshot.OpenRetentionActivities
                .GroupBy(a => a.GetAttributeValue<string>(RetentionActivity.Key))
                .ToDictionary(g => g.Key, g => g.OrderBy(a => a.Id).ToList());

            foreach (var pair in open)
            {
                var keep = due.ContainsKey(pair.Key) ? pair.Value[0] : null;
                foreach (var activity in pair.Value.Where(a => a != keep))
                {
                    var reason = keep == null
                        ? $"Cancelled by CrmExtensions: no longer due for a {assessment.Tier} customer in {assessment.Lifecycle.Stage} (churn risk {assessment.Churn.Band})."
                        : "Cancelled by CrmExtensions: duplicate of an open activity with the same retention key.";
                    yield return new UpdateRequest { Target = Cancel(activity, reason) };
                }
                if (keep == null) continue;
                var action = due[pair.Key];
                if (keep.GetAttributeValue<DateTime?>(RetentionActivity.ScheduledEnd) != action.DueOn || keep.GetAttributeValue<string>(RetentionActivity.Subject) != action.Subject)
                {
                    yield return new UpdateRequest
                    {
                        Target = new Entity(keep.LogicalName, keep.Id)
                        {
                            [RetentionActivity.ScheduledEnd] = action.DueOn,
                            [RetentionActivity.Subject] = action.Subject,
                        },
                    };
                }
            }

            foreach (var action in assessment.RetentionActions.Where(a => !open.ContainsKey(a.Key)))
            {
                var table = action.Channel == ActivityChannel.PhoneCall ? RetentionActivity.PhoneCall : RetentionActivity.Task;
                var anchor = snapshot.Facts.LastCompletedActions.TryGetValue(action.Kind, out var last) ? last.ToString("o") : "first";
                var generation = snapshot.CancelledByKey.TryGetValue(action.Key, out var cancelled) ? cancelled : 0;
                var activity = new Entity(table, DeterministicId(action.Key + "|" + anchor + "|" + generation))
                {
                    [RetentionActivity.Key] = action.Key,
                    [RetentionActivity.Action] = new OptionSetValue(Choice.ToOption(action.Kind)),
                    [RetentionActivity.Subject] = action.Subject,
                    [RetentionActivity.ScheduledEnd] = action.DueOn,
                    [RetentionActivity.Regarding] = snapshot.Customer,
                    [RetentionActivity.Owner] = OwnerFor(snapshot, assessment.Tier),
                    [RetentionActivity.Description] = $"Scheduled by CrmExtensions for a {assessment.Tier} customer ({assessment.Policy.Strategy}); " +
                        (action.EveryDays.HasValue ? $"repeats every {action.EveryDays} days." : "one-off."),
                };
                yield return new CreateRequest { Target = activity };
            }
        }

        private EntityReference OwnerFor(CustomerSnapshot snapshot, ValueTier tier)
        {
            if (tier == ValueTier.Platinum && Guid.TryParse(_settings.KeyAccountTeamId, out var team)) return new EntityReference(Team.EntityLogicalName, team);
            return snapshot.Row.GetAttributeValue<EntityReference>(Common.OwnerId);
        }

        private static Entity Cancel(Entity activity, string reason) =>
            new Entity(activity.LogicalName, activity.Id)
            {
                [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCanceled),
                [RetentionActivity.StatusCode] = new OptionSetValue(activity.LogicalName == RetentionActivity.PhoneCall ? RetentionActivity.PhoneCallStatusCanceled : RetentionActivity.TaskStatusCanceled),
                [RetentionActivity.Description] = reason,
            };

        /// <summary>A name-based GUID (RFC 4122 version 3 layout) so the same key and cycle always give the same activity id.</summary>
        public static Guid DeterministicId(string name)
        {
            using (var md5 = MD5.Create())
            {
                var hash = md5.ComputeHash(Encoding.UTF8.GetBytes("cx-retention/" + name));
                hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
                hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
                return new Guid(hash);
            }
        }
    }
}
