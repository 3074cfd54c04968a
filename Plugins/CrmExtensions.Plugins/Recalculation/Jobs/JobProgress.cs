using System;
using System.Linq;
using System.ServiceModel;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// Writes a job's progress from its pages: customers planned, done and failed, pages done, and — once the plan has
    /// recorded every page and the last one reported — its end, with the first errors. Every page (and the plan) calls
    /// it after recording its own outcome, so whichever finishes last sees every outcome; the job row is written under
    /// its RowVersion and read again on a conflict, so concurrent pages never overwrite each other's counts.
    /// </summary>
    public static class JobProgress
    {
        public const int MaxAttempts = 5;
        public const int FirstErrors = 5;

        public static void Refresh(IOrganizationService service, EntityReference job, DateTime now)
        {
            for (var attempt = 1; ; attempt++)
            {
                var row = service.Retrieve(RecalculationJob.EntityLogicalName, job.Id, new ColumnSet(RecalculationJob.Status, RecalculationJob.Pages));
                var status = row.GetAttributeValue<OptionSetValue>(RecalculationJob.Status)?.Value;
                if (IsFinal(status)) return;
                var totals = Totals(service, job);
                var update = new Entity(RecalculationJob.EntityLogicalName, job.Id)
                {
                    [RecalculationJob.Planned] = totals.Planned,
                    [RecalculationJob.Done] = totals.Done,
                    [RecalculationJob.Failed] = totals.Failed,
                    [RecalculationJob.PagesDone] = totals.PagesDone,
                    RowVersion = row.RowVersion,
                };
                // The plan is recorded (its page count set) and every row it and its slices recorded has reported.
                var pages = row.GetAttributeValue<int?>(RecalculationJob.Pages);
                if (pages.HasValue && totals.PagesDone >= totals.Rows)
                {
                    update[RecalculationJob.Pages] = totals.Rows;
                    update[RecalculationJob.Status] = new OptionSetValue((int)(totals.Failed > 0 ? RecalculationStatusChoice.CompletedWithFailures : RecalculationStatusChoice.Completed));
                    update[RecalculationJob.FinishedOn] = now;
                    if (totals.Failed > 0) update[RecalculationJob.Errors] = Errors(service, job);
                }
                try
                {
                    service.Execute(new UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
                    return;
                }
                catch (FaultException<OrganizationServiceFault> ex) when (ex.Detail?.ErrorCode == PlatformErrors.ConcurrencyVersionMismatch && attempt < MaxAttempts)
                {
                    // Another page wrote the job meanwhile: read it and the pages again.
                }
            }
        }

        public static bool IsFinal(int? status) =>
            status == (int)RecalculationStatusChoice.Completed || status == (int)RecalculationStatusChoice.CompletedWithFailures || status == (int)RecalculationStatusChoice.Failed;

        private sealed class PageTotals
        {
            public int Planned, Done, Failed, PagesDone, Rows;
        }

        /// <summary>One aggregate over the job's pages, grouped by status.</summary>
        private static PageTotals Totals(IOrganizationService service, EntityReference job)
        {
            var fetch = FetchXml.AggregateQuery(RecalculationPage.EntityLogicalName,
                new System.Xml.Linq.XElement("filter", FetchXml.Condition(RecalculationPage.Job, "eq", job.Id.ToString("D"))),
                FetchXml.GroupBy(RecalculationPage.Status, "status"),
                FetchXml.Aggregate(RecalculationPage.PrimaryId, "count", "pages"),
                FetchXml.Aggregate(RecalculationPage.Planned, "sum", "planned"),
                FetchXml.Aggregate(RecalculationPage.Done, "sum", "done"),
                FetchXml.Aggregate(RecalculationPage.Failed, "sum", "failed"));
            var totals = new PageTotals();
            foreach (var group in service.RetrieveMultiple(new FetchExpression(fetch.ToString())).Entities)
            {
                totals.Planned += FetchXml.Int(group, "planned");
                totals.Rows += FetchXml.Int(group, "pages");
                if (!IsFinal((FetchXml.Raw(group, "status") as OptionSetValue)?.Value)) continue;
                totals.PagesDone += FetchXml.Int(group, "pages");
                totals.Done += FetchXml.Int(group, "done");
                totals.Failed += FetchXml.Int(group, "failed");
            }
            return totals;
        }

        private static string Errors(IOrganizationService service, EntityReference job)
        {
            var query = new QueryExpression(RecalculationPage.EntityLogicalName) { ColumnSet = new ColumnSet(RecalculationPage.Errors), TopCount = FirstErrors };
            query.Criteria.AddCondition(RecalculationPage.Job, ConditionOperator.Equal, job.Id);
            query.Criteria.AddCondition(RecalculationPage.Failed, ConditionOperator.GreaterThan, 0);
            query.AddOrder(RecalculationPage.Number, OrderType.Ascending);
            var text = string.Join("\n", service.RetrieveMultiple(query).Entities.Select(p => p.GetAttributeValue<string>(RecalculationPage.Errors)));
            return ColumnText.Fit(text, RecalculationJob.TextMaxLength);
        }
    }
}
