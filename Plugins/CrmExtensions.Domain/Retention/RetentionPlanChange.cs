using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Domain.Retention
{
    /// <summary>What turns the activities of one plan into those of the next.</summary>
    public sealed class RetentionPlanChange
    {
        public List<PlannedActivity> ToCreate { get; } = new List<PlannedActivity>();
        public List<PlannedActivity> ToMove { get; } = new List<PlannedActivity>();
        public List<PlannedActivity> ToCancel { get; } = new List<PlannedActivity>();

        public bool IsEmpty => ToCreate.Count == 0 && ToMove.Count == 0 && ToCancel.Count == 0;

        public static RetentionPlanChange Between(RetentionPlan before, RetentionPlan after)
        {
            var change = new RetentionPlanChange();
            var was = (before?.Open.Values ?? Enumerable.Empty<PlannedActivity>()).ToDictionary(a => a.Id);
            var now = after.Open.Values.ToDictionary(a => a.Id);
            foreach (var activity in now.Values)
            {
                if (!was.TryGetValue(activity.Id, out var old)) change.ToCreate.Add(activity);
                else if (old.DueOn != activity.DueOn || old.Subject != activity.Subject) change.ToMove.Add(activity);
            }
            change.ToCancel.AddRange(was.Values.Where(a => !now.ContainsKey(a.Id) && !after.ClosedByUser.Contains(a.Id)));
            return change;
        }
    }
}
