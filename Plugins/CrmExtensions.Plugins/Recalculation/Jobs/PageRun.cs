using System;
using CrmExtensions.Domain.History;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// One page of a job (or a slice of its plan, which records pages instead, see <see cref="PlanSlice"/>): one read of its customers, one write per customer evaluated (plus a full read for those
    /// without a ledger), its outcome on the page row, then the job's progress. Idempotent: a page already reported
    /// only refreshes the job, and customers this job already evaluated are counted, not written again.
    /// </summary>
    public static class PageRun
    {
        public const int ErrorsKept = 5;

        public static void Run(IOrganizationService service, EntityReference pageReference, Func<JobDefinition, CrmExtensionsSettings> settingsFor, DateTime now, Action<string> trace)
        {
            var page = service.Retrieve(pageReference.LogicalName, pageReference.Id, new ColumnSet(RecalculationPage.Job, RecalculationPage.CustomerIds,
                RecalculationPage.Status, RecalculationPage.Number, RecalculationPage.LastId, RecalculationPage.PagingCookie));
            var jobReference = page.GetAttributeValue<EntityReference>(RecalculationPage.Job);
            if (JobProgress.IsFinal(page.GetAttributeValue<OptionSetValue>(RecalculationPage.Status)?.Value))
            {
                trace("The page was done before (a redelivered or retried page): only the job's progress is refreshed.");
                JobProgress.Refresh(service, jobReference, now);
                return;
            }
            var job = new JobDefinition(service.Retrieve(RecalculationJob.EntityLogicalName, jobReference.Id, JobDefinition.Columns));
            if (page.Contains(RecalculationPage.PagingCookie))
            {
                PlanSlice.Run(service, page, job, now);
                return;
            }
            var ids = (page.GetAttributeValue<string>(RecalculationPage.CustomerIds) ?? "").Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToArray();

            var rows = ids.Length == 0 ? Array.Empty<Entity>() : Customers(service, job.Table, ids);
            var result = new CustomerRecalculation(service, settingsFor(job), inTransaction: false,
                new ScoreTrigger(TriggerKind.Job, $"{job.Name} ({job.Job.Id:D})")).Page(rows, job.AsOf, job.Rebuild, job.Job);
            // A customer deleted since the plan has nothing left to evaluate: it counts as done.
            var done = result.Customers + result.Current + (ids.Length - rows.Length);
            trace($"{result.Customers} evaluated, {result.Current} already current, {ids.Length - rows.Length} gone, {result.Failures} failed.");

            service.Update(new Entity(RecalculationPage.EntityLogicalName, pageReference.Id)
            {
                [RecalculationPage.Status] = new OptionSetValue((int)(result.Failures > 0 ? RecalculationStatusChoice.CompletedWithFailures : RecalculationStatusChoice.Completed)),
                [RecalculationPage.Done] = done,
                [RecalculationPage.Failed] = result.Failures,
                [RecalculationPage.Errors] = result.Errors.Count == 0 ? null : string.Join("\n", result.Errors.Take(ErrorsKept)),
                [RecalculationPage.FinishedOn] = now,
            });
            JobProgress.Refresh(service, jobReference, now);
        }

        private static Entity[] Customers(IOrganizationService service, string table, Guid[] ids)
        {
            var query = new QueryExpression(table) { ColumnSet = CustomerSnapshot.ColumnSetFor(table) };
            query.Criteria.AddCondition(Common.PrimaryIdOf(table), ConditionOperator.In, ids.Cast<object>().ToArray());
            return service.RetrieveMultiple(query).Entities.ToArray();
        }
    }
}
