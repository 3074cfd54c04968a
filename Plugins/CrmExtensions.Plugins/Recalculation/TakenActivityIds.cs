using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Which of the ids a plan means to give new retention activities some other row already has. The ids follow from the
    /// customer, the key and the cycle (so retries and concurrent evaluations meet on one activity), which lets anyone who
    /// may create an activity take one first; activity ids are shared by every activity table, so one activitypointer
    /// query answers for all of them.
    /// </summary>
    public static class TakenActivityIds
    {
        /// <summary>Candidate ids looked at per new activity in one query: a plan steps over that many taken ones at once.</summary>
        public const int Window = 8;

        public static HashSet<Guid> Among(IOrganizationService service, IEnumerable<Guid> ids)
        {
            var query = new QueryExpression(ActivityPointer.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
            query.Criteria.AddCondition(ActivityPointer.PrimaryId, ConditionOperator.In, ids.Distinct().Cast<object>().ToArray());
            return new HashSet<Guid>(service.RetrieveMultiple(query).Entities.Select(e => e.Id));
        }
    }
}
