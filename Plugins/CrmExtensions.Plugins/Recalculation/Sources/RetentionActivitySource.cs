using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// Tasks and phone calls that carry a retention key: the full read finds each customer's plan in them (the domain's
    /// RetentionPlan.FromActivities) instead of trusting the stored one, and notes every id that exists.
    /// </summary>
    public static class RetentionActivitySource
    {
        private static readonly string[] Tables = { RetentionActivity.Task, RetentionActivity.PhoneCall };

        public static void ReadInto(IOrganizationService service, CustomerPage page)
        {
            var lookback = new RetentionPolicy(page.Settings.Retention, page.Settings.Coverage).CompletionLookbackDays;
            var found = page.ById.Keys.ToDictionary(id => id, _ => new List<ExistingActivity>());
            foreach (var table in Tables)
            {
                // In id order, so the activity kept for a key (the first) is the same whoever reads it.
                foreach (var activity in PagedQuery.All(service, Query(table, page, lookback)).OrderBy(a => a.Id))
                {
                    var regarding = activity.GetAttributeValue<EntityReference>(RetentionActivity.Regarding).Id;
                    page.ById[regarding].ExistingActivityIds.Add(activity.Id);
                    found[regarding].Add(ExistingFrom(activity));
                }
            }
            foreach (var snapshot in page.ById.Values)
            {
                snapshot.Plan = RetentionPlan.FromActivities(snapshot.Plan, found[snapshot.Customer.Id], out var duplicates);
                snapshot.DuplicateActivities.AddRange(duplicates);
            }
        }

        /// <summary>The open ones, those completed within the lookback, and every cancelled one (its id is taken).</summary>
        private static QueryExpression Query(string table, CustomerPage page, int lookbackDays)
        {
            var query = new QueryExpression(table)
            {
                ColumnSet = new ColumnSet(RetentionActivity.Key, RetentionActivity.Action, RetentionActivity.Regarding, RetentionActivity.StateCode,
                    RetentionActivity.ScheduledEnd, RetentionActivity.ActualEnd, RetentionActivity.Subject, RetentionActivity.Owner, RetentionActivity.Description),
            };
            query.Criteria.AddCondition(RetentionActivity.Regarding, ConditionOperator.In, page.Ids);
            query.Criteria.AddCondition(RetentionActivity.Key, ConditionOperator.NotNull);
            var openOrRecent = query.Criteria.AddFilter(LogicalOperator.Or);
            openOrRecent.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateOpen);
            var completed = openOrRecent.AddFilter(LogicalOperator.And);
            completed.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateCompleted);
            completed.AddCondition(RetentionActivity.ActualEnd, ConditionOperator.OnOrAfter, page.AsOf.AddDays(-lookbackDays));
            openOrRecent.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateCanceled);
            return query;
        }

        private static ExistingActivity ExistingFrom(Entity activity)
        {
            var state = activity.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode)?.Value;
            var action = activity.GetAttributeValue<OptionSetValue>(RetentionActivity.Action);
            var owner = activity.GetAttributeValue<EntityReference>(RetentionActivity.Owner);
            return new ExistingActivity
            {
                Id = activity.Id,
                Key = activity.GetAttributeValue<string>(RetentionActivity.Key),
                Kind = Choice.Known<RetentionActionKind>(action),
                Channel = RetentionActivitySync.ChannelOf(activity.LogicalName),
                State = state == RetentionActivity.StateCanceled ? ActivityState.Cancelled : state == RetentionActivity.StateOpen ? ActivityState.Open : ActivityState.Completed,
                Subject = activity.GetAttributeValue<string>(RetentionActivity.Subject),
                DueOn = DueDay.Of(activity.GetAttributeValue<DateTime?>(RetentionActivity.ScheduledEnd)),
                CompletedOn = activity.GetAttributeValue<DateTime?>(RetentionActivity.ActualEnd),
                Description = activity.GetAttributeValue<string>(RetentionActivity.Description),
                OwnerTable = owner?.LogicalName,
                OwnerId = owner?.Id,
            };
        }
    }
}
