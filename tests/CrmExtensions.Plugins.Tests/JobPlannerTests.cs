using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Steps;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// A job's plan at any size: what one execution records stays far inside its 2 minutes (2,400 calls), the rest is
    /// recorded by slices of the plan in executions of their own, and no chain grows with the number of customers.
    /// </summary>
    public class JobPlannerTests
    {
        private readonly Org _org = new Org();

        [Fact]
        public void A_scope_larger_than_one_execution_records_is_planned_in_slices_one_level_below_the_plan()
        {
            // Pages of one customer, 500 pages a slice: 1,201 customers are the plan's own 500 pages and two slices (500 and 201).
            var accounts = Enumerable.Range(0, 1201).Select(i => _org.Account("Customer " + i)).ToList();
            var id = _org.Admin.Execute(new StartRecalculationRequest { PageSize = 1 }).JobId;

            _org.Host.ProcessAsyncQueue();

            var rows = _org.Host.Store.Rows(RecalculationPage.EntityLogicalName).ToList();
            var slices = rows.Where(r => r.Contains(RecalculationPage.PagingCookie)).ToList();
            var pages = rows.Except(slices).ToList();
            Assert.Equal(2, slices.Count);
            Assert.Equal(accounts.Select(a => a.Id).OrderBy(g => g), pages.Select(p => System.Guid.Parse(p.GetAttributeValue<string>(RecalculationPage.CustomerIds))).OrderBy(g => g));
            var job = _org.Admin.Retrieve(RecalculationJob.EntityLogicalName, id, new Microsoft.Xrm.Sdk.Query.ColumnSet(true));
            Assert.Equal(1203, job.GetAttributeValue<int>(RecalculationJob.Pages));
            Assert.Equal(1203, job.GetAttributeValue<int>(RecalculationJob.PagesDone));
            Assert.Equal(1201, job.GetAttributeValue<int>(RecalculationJob.Planned));

            AsyncJob Job(string step, Entity row) => _org.Host.AsyncJobs.Single(j => j.Step.Name.Contains(step) && j.Context.PrimaryEntityId == row.Id);
            var plan = _org.Host.AsyncJobs.Single(j => j.Step.Name.Contains(nameof(PlanRecalculationJob)));
            Assert.All(slices, s => Assert.Equal(plan.Context.Depth + 1, Job(nameof(RecalculateJobPage), s).Context.Depth));
            Assert.Equal(plan.Context.Depth + 2, pages.Max(p => Job(nameof(RecalculateJobPage), p).Context.Depth));
            Assert.InRange(_org.Host.Calls.FromStep(nameof(PlanRecalculationJob)), 500, 520);
        }
    }
}
