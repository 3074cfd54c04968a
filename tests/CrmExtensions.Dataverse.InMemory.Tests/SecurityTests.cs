using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>
    /// Record access by role depth over a business unit tree (root → sales → sales east and west), SYSTEM's bypass, and column
    /// security, as requests through a user's service meet them.
    /// </summary>
    public class SecurityTests
    {
        private readonly InMemoryDataverse _host = new InMemoryDataverse(new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc));
        private readonly Guid _sales;
        private readonly Guid _east;
        private readonly Guid _west;
        private readonly Guid _owner;

        public SecurityTests()
        {
            _sales = _host.AddBusinessUnit("Sales");
            _east = _host.AddBusinessUnit("Sales east", _sales);
            _west = _host.AddBusinessUnit("Sales west", _sales);
            foreach (var depth in new[] { AccessDepth.Basic, AccessDepth.Local, AccessDepth.Deep, AccessDepth.Global })
            {
                _host.DefineRole(depth.ToString(), new Dictionary<string, AccessDepth>
                {
                    ["prvReadAccount"] = depth, ["prvWriteAccount"] = depth, ["prvCreateAccount"] = depth, ["prvDeleteAccount"] = depth,
                });
            }
            _owner = _host.AddUser("Owner in sales east", _east, "Basic");
        }

        private Guid Account(string name = "Contoso", Guid? owner = null)
        {
            var row = new Entity("account") { ["name"] = name, ["ownerid"] = new EntityReference("systemuser", owner ?? _owner) };
            _host.Seed(row);
            return row.Id;
        }

        [Theory]
        [InlineData("Basic", "east", false)]
        [InlineData("Local", "east", true)]
        [InlineData("Local", "sales", false)]
        [InlineData("Deep", "sales", true)]
        [InlineData("Deep", "root", true)]
        [InlineData("Deep", "west", false)]
        [InlineData("Global", "root", true)]
        public void A_privilege_reaches_the_rows_its_depth_covers(string role, string unit, bool reaches)
        {
            var id = Account();
            var user = _host.AddUser("Reader", unit == "east" ? _east : unit == "west" ? _west : unit == "sales" ? _sales : _host.BusinessUnitId, role);
            var service = _host.GetService(user);

            Assert.Equal(reaches ? 1 : 0, service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Count);
            if (reaches)
            {
                Assert.Equal("Contoso", service.Retrieve("account", id, new ColumnSet("name"))["name"]);
                service.Update(new Entity("account", id) { ["name"] = "Renamed" });
                service.Delete("account", id);
                return;
            }
            Assert.Equal(ErrorCodes.AccessCheckFailed, Assert.Throws<DataverseFaultException>(() => service.Retrieve("account", id, new ColumnSet("name"))).ErrorCode);
            Assert.Equal(ErrorCodes.AccessCheckFailed, Assert.Throws<DataverseFaultException>(() => service.Update(new Entity("account", id) { ["name"] = "x" })).ErrorCode);
            Assert.Equal(ErrorCodes.AccessCheckFailed, Assert.Throws<DataverseFaultException>(() => service.Delete("account", id)).ErrorCode);
            Assert.Equal("Contoso", _host.Store.Get("account", id)["name"]);
        }

        [Fact]
        public void Basic_depth_reaches_the_users_own_rows()
        {
            var service = _host.GetService(_owner);
            var id = service.Create(new Entity("account") { ["name"] = "Mine" });
            Account("Someone else's", _host.SystemUserId);

            Assert.Equal(new[] { "Mine" }, service.RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet("name") }).Entities.Select(e => (string)e["name"]));
            service.Update(new Entity("account", id) { ["name"] = "Still mine" });
        }

        [Fact]
        public void A_user_without_the_tables_privilege_cannot_query_it_and_system_is_never_checked()
        {
            Account();
            var nobody = _host.AddUser("No roles", _host.BusinessUnitId);

            var error = Assert.Throws<DataverseFaultException>(() => _host.GetService(nobody).RetrieveMultiple(new QueryExpression("account")));
            Assert.Equal(ErrorCodes.PrincipalPrivilegeDenied, error.ErrorCode);
            Assert.Contains("missing prvReadAccount privilege", error.Message);
            Assert.Single(_host.GetService().RetrieveMultiple(new QueryExpression("account")).Entities);
        }

        [Fact]
        public void A_secured_column_is_hidden_from_and_closed_to_users_outside_its_profiles()
        {
            _host.Security.Columns.Secure("account", "cx_secret");
            var readers = new FieldSecurityProfile("Readers");
            readers.Permissions["account.cx_secret"] = new FieldPermission { CanRead = true };
            var writers = new FieldSecurityProfile("Writers");
            writers.Permissions["account.cx_secret"] = new FieldPermission { CanRead = true, CanUpdate = true };
            _host.Security.Columns.Define(readers);
            _host.Security.Columns.Define(writers);
            var row = new Entity("account") { ["name"] = "Contoso", ["cx_secret"] = "42", ["ownerid"] = new EntityReference("systemuser", _owner) };
            _host.Seed(row);
            var outsider = _host.AddUser("Outsider", _east, "Global");
            var reader = _host.AddUser("Reader", _east, "Global");
            var writer = _host.AddUser("Writer", _east, "Global");
            _host.AddToFieldSecurityProfile(reader, "Readers");
            _host.AddToFieldSecurityProfile(writer, "Writers");

            Assert.False(_host.GetService(outsider).Retrieve("account", row.Id, new ColumnSet(true)).Contains("cx_secret"));
            Assert.False(_host.GetService(outsider).RetrieveMultiple(new QueryExpression("account") { ColumnSet = new ColumnSet(true) }).Entities.Single().Contains("cx_secret"));
            Assert.Equal("42", _host.GetService(reader).Retrieve("account", row.Id, new ColumnSet("cx_secret"))["cx_secret"]);

            foreach (var user in new[] { outsider, reader })
            {
                var update = Assert.Throws<DataverseFaultException>(() => _host.GetService(user).Update(new Entity("account", row.Id) { ["cx_secret"] = "forged" }));
                Assert.Equal(ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, update.ErrorCode);
                var upsert = Assert.Throws<DataverseFaultException>(() => _host.GetService(user).Execute(new UpsertRequest { Target = new Entity("account", row.Id) { ["cx_secret"] = "forged" } }));
                Assert.Equal(ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, upsert.ErrorCode);
                var create = Assert.Throws<DataverseFaultException>(() => _host.GetService(user).Create(new Entity("account") { ["name"] = "Imported", ["cx_secret"] = "forged" }));
                Assert.Equal(ErrorCodes.AttributePrivilegeCreateIsMissing, create.ErrorCode);
            }
            _host.GetService(writer).Update(new Entity("account", row.Id) { ["cx_secret"] = "43" });
            _host.GetService().Update(new Entity("account", row.Id) { ["cx_secret"] = "44" });
            Assert.Equal("44", _host.Store.Get("account", row.Id)["cx_secret"]);
            Assert.Equal(1, _host.Store.Count("account"));
        }

        [Fact]
        public void Upsert_creates_a_missing_row_and_updates_an_existing_one()
        {
            var service = _host.GetService();
            var id = Guid.NewGuid();
            Assert.True((bool)service.Execute(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "New" } })["RecordCreated"]);
            Assert.False((bool)service.Execute(new UpsertRequest { Target = new Entity("account", id) { ["name"] = "Renamed" } })["RecordCreated"]);
            Assert.Equal("Renamed", _host.Store.Get("account", id)["name"]);
        }
    }
}
