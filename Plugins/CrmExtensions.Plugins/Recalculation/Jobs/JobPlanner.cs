using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// The one place a job fans out, within one execution's 2 minutes at any size: the plan reads the scope's ids (one call
    /// per read) and records the first slice's pages itself; every further slice of the scope (about 500 pages) it records
    /// as one row — where its reading starts (the paging cookie) and its last customer — whose own execution records that
    /// slice's pages (<see cref="PlanSlice"/>). Slices and pages never start each other, so the chain stays two steps deep
    /// however many customers there are; the creation of each row queues its own asynchronous step, which the service
    /// spreads over its workers. A redelivered plan or slice records only the rows its first run did not.
    /// </summary>
    public static class JobPlanner
    {
        /// <summary>Pages one execution records: with their reads about 525 calls, a quarter of one execution's 2,400.</summary>
        public const int PagesPerSlice = 500;

        /// <summary>Reads the plan may make (1,000 calls): 5,000,000 customers at the default page size; a larger scope is refused.</summary>
        public const int MaxReads = 1000;

        /// <summary>Row numbers: the plan's own pages from 1, slice k (k ≥ 1) at k × Stride with its pages after it.</summary>
        public const int Stride = 10000;

        /// <summary>Ids per read: a slice's worth, at most the platform's page.</summary>
        public static int IdsPerRead(JobDefinition job) => Math.Min(QueryLimits.PageSize, PagesPerSlice * job.PageSize);

        private static int ReadsPerSlice(JobDefinition job) => (PagesPerSlice * job.PageSize + IdsPerRead(job) - 1) / IdsPerRead(job);

        public static void Plan(IOrganizationService service, JobDefinition job, DateTime now, Action calibrate)
        {
            if (job.Pages.HasValue)
            {
                JobProgress.Refresh(service, job.Job, now);
                return;
            }
            // Calibrating first means every page (and every event from now on) places customers by the new lines.
            if (job.Calibrate) calibrate();

            var recorded = PageRecorder.Recorded(service, job.Job, 0, int.MaxValue);
            var own = new PageRecorder(service, job, recorded, 1);
            var perSlice = ReadsPerSlice(job);
            var slices = new List<Slice>();
            var reads = 0;
            foreach (var read in CustomerScope.Reads(service, job, null, IdsPerRead(job)))
            {
                if (++reads > MaxReads)
                    throw new DomainValidationException($"The job covers more than {MaxReads * IdsPerRead(job):N0} customers, more than one plan reads in its two minutes: "
                        + "narrow it with a filter, or raise the customers per page.");
                if (reads <= perSlice)
                    own.Add(read.Ids);
                else
                {
                    if ((reads - 1) % perSlice == 0) slices.Add(new Slice(slices.Count + 1, read.At));
                    slices[slices.Count - 1].Add(read.Ids);
                }
            }
            own.Flush();
            foreach (var slice in slices.Where(s => s.Ids > 0 && !recorded.Contains(s.Number))) slice.Record(service, job);

            service.Update(new Entity(RecalculationJob.EntityLogicalName, job.Job.Id)
            {
                [RecalculationJob.Pages] = own.Pages + slices.Sum(s => s.Ids > 0 ? 1 + (s.Ids + job.PageSize - 1) / job.PageSize : 0),
                [RecalculationJob.Status] = new OptionSetValue((int)RecalculationStatusChoice.Running),
                [RecalculationJob.StartedOn] = now,
            });
            // Pages that finished while this plan was still recording others could not complete the job: look again.
            JobProgress.Refresh(service, job.Job, now);
        }

        /// <summary>A slice of the scope past the plan's own pages: where its reading starts, its last customer, how many.</summary>
        private sealed class Slice
        {
            private readonly ScopePosition _start;
            private Guid _last;

            public Slice(int index, ScopePosition start)
            {
                Number = index * Stride;
                _start = start;
            }

            public int Number { get; }
            public int Ids { get; private set; }

            public void Add(List<Guid> ids)
            {
                Ids += ids.Count;
                if (ids.Count > 0) _last = ids[ids.Count - 1];
            }

            public void Record(IOrganizationService service, JobDefinition job) =>
                service.Create(new Entity(RecalculationPage.EntityLogicalName)
                {
                    [RecalculationPage.Name] = $"{job.Name} · plan from page {Number + 1:N0}",
                    [RecalculationPage.Job] = job.Job,
                    [RecalculationPage.Number] = Number,
                    [RecalculationPage.PagingCookie] = _start.ToString(),
                    [RecalculationPage.LastId] = _last.ToString("D"),
                    [RecalculationPage.Planned] = 0,
                    [RecalculationPage.Status] = new OptionSetValue((int)RecalculationStatusChoice.Queued),
                });
        }
    }
}
