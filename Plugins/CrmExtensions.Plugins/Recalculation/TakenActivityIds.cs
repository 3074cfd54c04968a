using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Which of the ids a full read's plan may give new retention activities some other row already has. The ids follow
    /// from the customer, the key and the cycle (so retries and concurrent evaluations meet on one activity), which lets
    /// anyone who may create an activity take one first; activity ids are shared by every activity table, so activitypointer
    /// answers for all of them. A page checks each customer's next id of every kind at once; an id found taken, and the
    /// ones after it, are checked per customer when its plan needs them.
    /// </summary>
    public static class TakenActivityIds
    {
        /// <summary>Candidate ids checked per new activity in one query: a plan steps over that many taken ones at once.</summary>
        public const int Window = 8;

        /// <summary>Ids per query, inside the platform's limit on an "in" condition (2,000 values).</summary>
        public const int PerQuery = 2000;

        private static readonly RetentionActionKind[] Kinds = (RetentionActionKind[])Enum.GetValues(typeof(RetentionActionKind));

        /// <summary>The full read of a page: each customer's next id of every kind (one query per 2,000 ids).</summary>
        public static void ReadInto(IOrganizationService service, IReadOnlyList<CustomerSnapshot> snapshots)
        {
            var candidates = snapshots.SelectMany(s => Kinds.Select(k => new KeyValuePair<Guid, CustomerSnapshot>(
                s.Plan.IdsFor(RetentionPolicy.KeyFor(s.Customer.Id, k), k).First(), s))).ToList();
            for (var i = 0; i < candidates.Count; i += PerQuery)
            {
                var chunk = candidates.Skip(i).Take(PerQuery).ToList();
                var taken = Among(service, chunk.Select(c => c.Key));
                foreach (var candidate in chunk) (taken.Contains(candidate.Key) ? candidate.Value.ExistingActivityIds : candidate.Value.FreeActivityIds).Add(candidate.Key);
            }
        }

        /// <summary>Checks the ids a customer's plan would try next for <paramref name="activities"/> that are not known yet (one query).</summary>
        public static void Check(IOrganizationService service, CustomerSnapshot snapshot, IEnumerable<PlannedActivity> activities)
        {
            var ids = activities.SelectMany(a => snapshot.Plan.IdsFor(a.Key, a.Kind).Where(id => !Known(snapshot, id)).Take(Window)).ToList();
            var taken = Among(service, ids);
            foreach (var id in ids) (taken.Contains(id) ? snapshot.ExistingActivityIds : snapshot.FreeActivityIds).Add(id);
        }

        public static bool Known(CustomerSnapshot snapshot, Guid id) => snapshot.FreeActivityIds.Contains(id) || snapshot.ExistingActivityIds.Contains(id);

        private static HashSet<Guid> Among(IOrganizationService service, IEnumerable<Guid> ids)
        {
            var query = new QueryExpression(ActivityPointer.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition(ActivityPointer.PrimaryId, ConditionOperator.In, ids.Distinct().Cast<object>().ToArray());
            return new HashSet<Guid>(service.RetrieveMultiple(query).Entities.Select(e => e.Id));
        }
    }
}
