using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// A Dynamics 365 Sales org without Customer Service has no case table: the core solution alone evaluates its
    /// customers, its full read never names a case, and complaints come from nothing. With CrmExtensionsService a
    /// complaint counts.
    /// </summary>
    public class SalesOnlyOrgTests
    {
        [Fact]
        public void The_core_alone_evaluates_customers_from_events_full_reads_and_jobs_without_naming_a_case()
        {
            var org = new Org(customerService: false);
            Assert.False(org.Host.HasSolution(ProductSolutions.Service));
            Assert.DoesNotContain(org.Host.Steps, s => s.PrimaryEntity == Incident.EntityLogicalName);
            var account = org.Account();
            org.OrderHistory(account, 900m, 12);
            Org.PlaceOrder(org.Admin, account, 900m, Org.Now.AddDays(-1));
            org.Host.ProcessAsyncQueue();
            Assert.All(org.EvaluationJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));

            org.Recalculate(account);
            var job = org.RunJob(new StartRecalculationRequest { Name = "Sales only", Rebuild = true });
            Assert.NotNull(org.Tier(account));
            Assert.Equal((int)RecalculationStatusChoice.Completed, job.GetAttributeValue<OptionSetValue>(RecalculationJob.Status).Value);
            var refused = Assert.ThrowsAny<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => org.Admin.Create(Org.Complaint(account, "No cases here")));
            Assert.Contains("The entity with a name = 'incident'", refused.Message);
        }

        [Fact]
        public void With_the_service_part_a_complaint_counts_in_the_full_read_and_without_it_nothing_does()
        {
            string Complaints(Org org, Entity account)
            {
                org.Recalculate(account);
                return org.Reload(account).GetAttributeValue<string>(CustomerColumns.ChurnReasons) ?? "";
            }
            var withCases = new Org();
            var account = withCases.Account();
            withCases.OrderHistory(account, 900m, 12);
            withCases.Host.Seed(Org.Complaint(account, "Late delivery"), Org.Complaint(account, "Broken"), Org.Complaint(account, "Wrong invoice"));
            Assert.Contains("complaint", Complaints(withCases, account));

            var salesOnly = new Org(customerService: false);
            var other = salesOnly.Account();
            salesOnly.OrderHistory(other, 900m, 12);
            Assert.DoesNotContain("complaint", Complaints(salesOnly, other));
        }
    }
}
