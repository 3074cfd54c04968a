using System;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>An org has the tables of the Dynamics 365 apps installed in it, and no others: a Sales-only org has no case.</summary>
    public class InstalledAppsTests
    {
        private static InMemoryDataverse SalesOnly() => new InMemoryDataverse(apps: new[] { PlatformApps.Sales, PlatformApps.ProductManagement });

        [Fact]
        public void A_table_of_an_app_the_org_lacks_is_refused_as_dataverse_refuses_it_in_writes_reads_and_joins()
        {
            var service = SalesOnly().GetService();
            var created = Assert.Throws<DataverseFaultException>(() => service.Create(new Entity("incident") { ["title"] = "Late" }));
            Assert.Equal(ErrorCodes.QueryBuilderNoEntity, created.ErrorCode);
            Assert.Equal("The entity with a name = 'incident' with namemapping = 'Logical' was not found in the MetadataCache.", created.Message);
            var joined = new QueryExpression("account");
            joined.AddLink("incident", "accountid", "customerid");
            Assert.Throws<DataverseFaultException>(() => service.RetrieveMultiple(joined));
            Assert.Throws<DataverseFaultException>(() => service.RetrieveMultiple(new FetchExpression("<fetch><entity name='incidentresolution' /></fetch>")));
            Assert.Throws<DataverseFaultException>(() => SalesOnly().Seed(new Entity("incident")));
        }

        [Fact]
        public void The_tables_of_installed_apps_and_of_every_org_are_there()
        {
            var salesOnly = SalesOnly();
            Assert.NotEqual(Guid.Empty, salesOnly.GetService().Create(new Entity("salesorder") { ["name"] = "Order" }));
            Assert.NotEqual(Guid.Empty, salesOnly.GetService().Create(new Entity("account") { ["name"] = "Contoso" }));
            Assert.True(salesOnly.HasSolution(PlatformApps.Sales));
            Assert.False(salesOnly.HasSolution(PlatformApps.Service));
            var full = new InMemoryDataverse();
            Assert.True(full.HasSolution(PlatformApps.Service));
            Assert.NotEqual(Guid.Empty, full.GetService().Create(new Entity("incident") { ["title"] = "Late" }));
        }
    }
}
