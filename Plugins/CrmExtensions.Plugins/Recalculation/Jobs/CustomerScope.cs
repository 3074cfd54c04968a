using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// The customers a job covers, read in id order a slice at a time (keyset: the next slice starts after the last id
    /// seen, so no paging cookie and no skipped or repeated row when customers are added meanwhile): active rows of the
    /// scope table, kept by the admin's filter and, for a refresh, last evaluated before the job's cut-off or never.
    /// </summary>
    public static class CustomerScope
    {
        /// <summary>Ids per read while planning: the platform's page size.</summary>
        public const int IdsPerRead = QueryLimits.PageSize;

        public static IEnumerable<Guid> Ids(IOrganizationService service, JobDefinition job, Guid? after)
        {
            while (true)
            {
                var ids = service.RetrieveMultiple(new FetchExpression(Query(job, after, IdsPerRead).ToString(SaveOptions.DisableFormatting))).Entities.Select(e => e.Id).ToList();
                foreach (var id in ids) yield return id;
                if (ids.Count < IdsPerRead) yield break;
                after = ids[ids.Count - 1];
            }
        }

        public static XElement Query(JobDefinition job, Guid? after, int count)
        {
            var key = Common.PrimaryIdOf(job.Table);
            var filter = new XElement("filter", new XAttribute("type", "and"), FetchXml.Condition(Common.StateCode, "eq", Common.StateActive));
            if (after.HasValue) filter.Add(FetchXml.Condition(key, "gt", after.Value.ToString("D")));
            if (job.EvaluatedBefore.HasValue)
                filter.Add(new XElement("filter", new XAttribute("type", "or"),
                    FetchXml.Condition(CustomerColumns.LastEvaluatedOn, "null"),
                    FetchXml.Condition(CustomerColumns.LastEvaluatedOn, "lt", FetchXml.Utc(job.EvaluatedBefore.Value))));
            if (job.Filter != null) filter.Add(new XElement(job.Filter));
            return new XElement("fetch", new XAttribute("count", count),
                new XElement("entity", new XAttribute("name", job.Table),
                    new XElement("attribute", new XAttribute("name", key)), filter,
                    new XElement("order", new XAttribute("attribute", key))));
        }
    }
}
