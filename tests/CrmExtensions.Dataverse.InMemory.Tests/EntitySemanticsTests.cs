using System;
using System.Collections.Generic;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>
    /// The SDK behaviour the host and the plug-ins rely on, pinned against Microsoft's own Microsoft.Xrm.Sdk (the .NET build
    /// shipped with Dataverse.Client): if a package update changes any of it, these fail before a plug-in does.
    /// </summary>
    public class EntitySemanticsTests
    {
        [Fact]
        public void Attribute_access_behaves_like_the_sdk()
        {
            var entity = new Entity("account") { ["name"] = "A", ["revenue"] = null };
            Assert.Null(entity.GetAttributeValue<string>("missing"));
            Assert.Equal(0, entity.GetAttributeValue<int>("missing"));
            Assert.Null(entity.GetAttributeValue<Money>("revenue"));
            Assert.Throws<KeyNotFoundException>(() => entity["missing"]);
            Assert.True(entity.Contains("revenue"));
            Assert.False(entity.Contains("missing"));
            Assert.Throws<InvalidCastException>(() => entity.GetAttributeValue<int>("name"));
            Assert.True(entity.TryGetAttributeValue<string>("name", out var name) && name == "A");
            Assert.False(entity.TryGetAttributeValue<int>("name", out _));
        }

        [Fact]
        public void ParameterCollection_typed_lookup_checks_the_type()
        {
            var parameters = new ParameterCollection { ["PageSize"] = 5, ["Name"] = "x" };
            Assert.True(parameters.TryGetValue<int>("PageSize", out var size) && size == 5);
            Assert.False(parameters.TryGetValue<int>("Name", out _));
            Assert.False(parameters.TryGetValue<string>("Missing", out var missing));
            Assert.Null(missing);
            Assert.True(parameters.TryGetValue<object>("Name", out var raw) && (string)raw == "x");
        }

        [Fact]
        public void Value_types_compare_by_value()
        {
            var id = Guid.NewGuid();
            Assert.Equal(new EntityReference("account", id), new EntityReference("account", id));
            Assert.NotEqual(new EntityReference("account", id), new EntityReference("contact", id));
            Assert.Equal(new Money(1.5m), new Money(1.5m));
            Assert.Equal(new OptionSetValue(3), new OptionSetValue(3));
        }

        [Fact]
        public void Retrieved_rows_are_copies_and_null_clears_a_column()
        {
            var host = new InMemoryDataverse();
            var service = host.GetService();
            var id = service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = new Money(5m) });
            var row = service.Retrieve("account", id, new ColumnSet(true));
            row.GetAttributeValue<Money>("revenue").Value = 999m;
            Assert.Equal(5m, service.Retrieve("account", id, new ColumnSet("revenue")).GetAttributeValue<Money>("revenue").Value);
            service.Update(new Entity("account", id) { ["revenue"] = null });
            Assert.False(service.Retrieve("account", id, new ColumnSet(true)).Contains("revenue"));
        }

        [Fact]
        public void Update_with_IfRowVersionMatches_fails_on_a_stale_row_version()
        {
            var host = new InMemoryDataverse();
            var service = host.GetService();
            var id = service.Create(new Entity("account") { ["name"] = "A" });
            var read = service.Retrieve("account", id, new ColumnSet("name"));
            service.Update(new Entity("account", id) { ["name"] = "changed by someone else" });
            var stale = new Entity("account", id) { ["name"] = "mine", RowVersion = read.RowVersion };
            var error = Assert.Throws<DataverseFaultException>(() => service.Execute(new UpdateRequest { Target = stale, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches }));
            Assert.Equal(ErrorCodes.ConcurrencyVersionMismatch, error.ErrorCode);
            var fresh = service.Retrieve("account", id, new ColumnSet("name"));
            service.Execute(new UpdateRequest { Target = new Entity("account", id) { ["name"] = "mine", RowVersion = fresh.RowVersion },
                ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
            Assert.Equal("mine", service.Retrieve("account", id, new ColumnSet("name")).GetAttributeValue<string>("name"));
        }

        [Fact]
        public void ExecuteMultiple_enforces_the_batch_limit_and_isolates_requests()
        {
            var host = new InMemoryDataverse();
            var service = host.GetService();
            var tooMany = new ExecuteMultipleRequest { Requests = new OrganizationRequestCollection(), Settings = new ExecuteMultipleSettings() };
            for (var i = 0; i < 1001; i++) tooMany.Requests.Add(new CreateRequest { Target = new Entity("task") });
            Assert.Equal(ErrorCodes.ExecuteMultipleBatchTooLarge, Assert.Throws<DataverseFaultException>(() => service.Execute(tooMany)).ErrorCode);
            Assert.Equal(0, host.Store.Count("task"));

            var batch = new ExecuteMultipleRequest
            {
                Requests = new OrganizationRequestCollection
                {
                    new CreateRequest { Target = new Entity("task") { ["subject"] = "1" } },
                    new UpdateRequest { Target = new Entity("task", Guid.NewGuid()) { ["subject"] = "missing" } },
                    new CreateRequest { Target = new Entity("task") { ["subject"] = "3" } },
                },
                Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
            };
            var response = (ExecuteMultipleResponse)service.Execute(batch);
            Assert.True(response.IsFaulted);
            Assert.Equal(2, host.Store.Count("task"));
            Assert.Equal(1, Assert.Single(response.Responses, r => r.Fault != null).RequestIndex);

            batch.Settings.ContinueOnError = false;
            var stopped = (ExecuteMultipleResponse)service.Execute(batch);
            Assert.Equal(2, stopped.Responses.Count);
            Assert.Equal(3, host.Store.Count("task"));
        }
    }
}
