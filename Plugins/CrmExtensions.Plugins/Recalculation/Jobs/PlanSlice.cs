using System;
using System.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// One slice of a job's plan (a page row without customer ids, see <see cref="JobPlanner"/>): reads the scope from the
    /// slice's paging cookie up to its last customer and records its pages, then reports to the job like a page. Customers
    /// added to the slice's range since the plan read it are paged with it; none of the next slice's are.
    /// </summary>
    public static class PlanSlice
    {
        public static void Run(IOrganizationService service, Entity slice, JobDefinition job, DateTime now)
        {
            var number = slice.GetAttributeValue<int>(RecalculationPage.Number);
            var last = Guid.Parse(slice.GetAttributeValue<string>(RecalculationPage.LastId));
            var recorder = new PageRecorder(service, job, PageRecorder.Recorded(service, job.Job, number + 1, number + JobPlanner.Stride), number + 1);
            var start = ScopePosition.Parse(slice.GetAttributeValue<string>(RecalculationPage.PagingCookie));
            foreach (var read in CustomerScope.Reads(service, job, start, JobPlanner.IdsPerRead(job)))
            {
                var mine = read.Ids.TakeWhile(id => !CustomerScope.IsAfter(id, last)).ToList();
                recorder.Add(mine);
                if (mine.Count < read.Ids.Count || mine.LastOrDefault() == last) break;
            }
            recorder.Flush();
            service.Update(new Entity(RecalculationPage.EntityLogicalName, slice.Id)
            {
                [RecalculationPage.Status] = new OptionSetValue((int)RecalculationStatusChoice.Completed),
                [RecalculationPage.Done] = 0,
                [RecalculationPage.Failed] = 0,
                [RecalculationPage.FinishedOn] = now,
            });
            JobProgress.Refresh(service, job.Job, now);
        }
    }
}
