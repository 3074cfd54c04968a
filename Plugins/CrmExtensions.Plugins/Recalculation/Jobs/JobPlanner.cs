using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// The one place a job fans out: reads the scope's customer ids in keyset order and records them as page rows of
    /// PageSize customers each; the creation of each page row queues its own asynchronous step, so the pages never
    /// chain through each other (Dataverse cancels a chain deeper than 8) and the service spreads them over its workers.
    /// A retried plan resumes after the last page it recorded; a redelivered one finds the job planned and does nothing.
    /// </summary>
    public static class JobPlanner
    {
        public static void Plan(IOrganizationService service, JobDefinition job, DateTime now, Action calibrate)
        {
            if (job.Pages.HasValue)
            {
                JobProgress.Refresh(service, job.Job, now);
                return;
            }
            // Calibrating first means every page (and every event from now on) places customers by the new lines.
            if (job.Calibrate) calibrate();

            var last = LastPage(service, job.Job);
            var number = last?.GetAttributeValue<int>(RecalculationPage.Number) ?? 0;
            var after = last == null ? (Guid?)null : Guid.Parse(last.GetAttributeValue<string>(RecalculationPage.LastId));
            var page = new List<Guid>(job.PageSize);
            foreach (var id in CustomerScope.Ids(service, job, after))
            {
                page.Add(id);
                if (page.Count < job.PageSize) continue;
                Record(service, job, ++number, page);
                page.Clear();
            }
            if (page.Count > 0) Record(service, job, ++number, page);

            service.Update(new Entity(RecalculationJob.EntityLogicalName, job.Job.Id)
            {
                [RecalculationJob.Pages] = number,
                [RecalculationJob.Status] = new OptionSetValue((int)RecalculationStatusChoice.Running),
                [RecalculationJob.StartedOn] = now,
            });
            // Pages that finished while this plan was still recording others could not complete the job: look again.
            JobProgress.Refresh(service, job.Job, now);
        }

        private static Entity LastPage(IOrganizationService service, EntityReference job)
        {
            var query = new QueryExpression(RecalculationPage.EntityLogicalName) { ColumnSet = new ColumnSet(RecalculationPage.Number, RecalculationPage.LastId), TopCount = 1 };
            query.Criteria.AddCondition(RecalculationPage.Job, ConditionOperator.Equal, job.Id);
            query.AddOrder(RecalculationPage.Number, OrderType.Descending);
            return service.RetrieveMultiple(query).Entities.FirstOrDefault();
        }

        private static void Record(IOrganizationService service, JobDefinition job, int number, List<Guid> ids) =>
            service.Create(new Entity(RecalculationPage.EntityLogicalName)
            {
                [RecalculationPage.Name] = $"{job.Name} · page {number.ToString(CultureInfo.InvariantCulture)}",
                [RecalculationPage.Job] = job.Job,
                [RecalculationPage.Number] = number,
                [RecalculationPage.CustomerIds] = string.Join("\n", ids.Select(id => id.ToString("D"))),
                [RecalculationPage.LastId] = ids[ids.Count - 1].ToString("D"),
                [RecalculationPage.Planned] = ids.Count,
                [RecalculationPage.Status] = new OptionSetValue((int)RecalculationStatusChoice.Queued),
            });
    }
}
