using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// The score history and the override audit are readable exactly where the customer and its value columns are: by a
    /// user of the owning unit with a product role and the value profile, through every way of reading (Retrieve,
    /// RetrieveMultiple, FetchXML and QueryExpression joins); they follow the customer on assign; and only the product
    /// writes them. The Custom APIs and workflow activities are covered for the same users by <see cref="CallerAccessTests"/>.
    /// </summary>
    public class HistorySecurityTests
    {
        private const string LocalSales = "Salesperson (business unit)";
        private readonly Org _org = new Org();
        private readonly Guid _eastManager;
        private readonly Dictionary<string, Guid> _users = new Dictionary<string, Guid>();
        private readonly Entity _customer;

        public HistorySecurityTests()
        {
            var host = _org.Host;
            host.DefineRole(LocalSales, Org.SalespersonPrivileges().ToDictionary(p => p.Key, p => p.Value == AccessDepth.Global ? AccessDepth.Local : p.Value));
            var east = host.AddBusinessUnit("East");
            var west = host.AddBusinessUnit("West");
            _eastManager = host.AddUser("East manager", east, LocalSales, ProductRoles.Manager);
            host.AddToFieldSecurityProfile(_eastManager, CustomerColumnSecurity.ManagerProfile);
            _users[OtherUnit] = host.AddUser("West manager", west, LocalSales, ProductRoles.Manager);
            host.AddToFieldSecurityProfile(_users[OtherUnit], CustomerColumnSecurity.ManagerProfile);
            _users[NoProfile] = host.AddUser("East manager without a profile", east, LocalSales, ProductRoles.Manager);
            _users[NoRole] = host.AddUser("East clerk", east, LocalSales);
            host.AddToFieldSecurityProfile(_users[NoRole], CustomerColumnSecurity.ReaderProfile);

            _customer = new Entity(Account.EntityLogicalName) { [Account.Name] = "Contoso East", [Common.OwnerId] = new EntityReference(SystemUser.EntityLogicalName, _eastManager) };
            host.Seed(_customer);
            _org.OrderHistory(_customer, 5000m, months: 24);
            _org.Recalculate(_customer);
            _org.As(_eastManager).Update(new Entity(Account.EntityLogicalName, _customer.Id)
            {
                [CustomerColumns.Tier] = new OptionSetValue(Org.Option(ValueTier.Gold)), [CustomerColumns.TierOverride] = true,
                [CustomerColumns.TierOverrideReason] = "Board decision: keep them gold during the merger talks",
            });
        }

        private const string OtherUnit = "a manager of another business unit", NoProfile = "a manager without the value profile", NoRole = "a clerk without a product role";

        private static readonly string[] Tables = { CustomerScoreChange.EntityLogicalName, TierOverrideAudit.EntityLogicalName };
        private static readonly string[] Reads = { "Retrieve", "RetrieveMultiple", "FetchXML link-entity", "QueryExpression LinkEntity" };

        public static IEnumerable<object[]> Cases() =>
            from table in Tables from user in new[] { OtherUnit, NoProfile, NoRole } from read in Reads select new object[] { table, user, read };

        [Theory]
        [MemberData(nameof(Cases))]
        public void A_user_who_may_not_read_the_customer_or_its_values_reads_none_of_them_in_its_history(string table, string user, string read)
        {
            var seen = Read(table, _org.As(_users[user]), read);

            Assert.DoesNotContain(seen, v => v.Secured);
            if (user != NoProfile) Assert.DoesNotContain(seen, v => v.Column == PrimaryId(table));
        }

        [Theory]
        [MemberData(nameof(AuthorisedCases))]
        public void The_customers_manager_reads_its_history_and_audit_every_way(string table, string read)
        {
            var seen = Read(table, _org.As(_eastManager), read);

            Assert.Contains(seen, v => v.Secured);
            Assert.Contains(seen, v => v.Column == PrimaryId(table));
        }

        public static IEnumerable<object[]> AuthorisedCases() => from table in Tables from read in Reads select new object[] { table, read };

        [Fact]
        public void History_and_audit_rows_belong_to_the_customers_owner_and_follow_it_on_assign()
        {
            var west = _users[OtherUnit];
            Assert.All(Rows(), r => Assert.Equal(_eastManager, r.GetAttributeValue<EntityReference>(Common.OwnerId).Id));

            _org.Admin.Execute(new AssignRequest { Target = _customer.ToEntityReference(), Assignee = new EntityReference(SystemUser.EntityLogicalName, west) });

            Assert.All(Rows(), r => Assert.Equal(west, r.GetAttributeValue<EntityReference>(Common.OwnerId).Id));
            foreach (var table in Tables)
            {
                Assert.Contains(Read(table, _org.As(west), "RetrieveMultiple"), v => v.Secured);
                Assert.DoesNotContain(Read(table, _org.As(_eastManager), "RetrieveMultiple"), v => v.Column == PrimaryId(table));
            }
        }

        [Fact]
        public void An_authorised_override_still_writes_its_audit_row_with_the_reason()
        {
            var audit = Assert.Single(_org.Host.Store.Rows(TierOverrideAudit.EntityLogicalName));
            Assert.Equal("Board decision: keep them gold during the merger talks", audit.GetAttributeValue<string>(TierOverrideAudit.Reason));
            Assert.Equal(_eastManager, audit.GetAttributeValue<EntityReference>(TierOverrideAudit.OverrideBy).Id);
            Assert.Equal(TierOverridePolicy.OverrideTitle, audit.GetAttributeValue<string>(TierOverrideAudit.Name));
        }

        public static IEnumerable<object[]> Forgeries() =>
            from table in Tables from attempt in new[] { "Create", "Create with the product's mark", "Update", "Delete" } select new object[] { table, attempt };

        [Theory]
        [MemberData(nameof(Forgeries))]
        public void A_user_cannot_forge_change_or_remove_history_or_audit_rows_even_with_the_privileges(string table, string attempt)
        {
            // Even granted every privilege on the table: only the product's own writes pass.
            foreach (var right in new[] { "Create", "Write", "Delete" }) _org.Host.GrantPrivilege(_eastManager, "prv" + right + table);
            var manager = _org.As(_eastManager);
            var existing = _org.Host.Store.Rows(table).First();
            var before = _org.Host.Store.Rows(table).Select(r => r.GetAttributeValue<string>(CustomerScoreChange.Name)).OrderBy(n => n).ToList();
            var forged = new Entity(table) { [CustomerScoreChange.Name] = "Platinum → Lead by a clerk" };
            forged[table == TierOverrideAudit.EntityLogicalName ? TierOverrideAudit.Customer : CustomerScoreChange.Customer] = _customer.ToEntityReference();
            Action write;
            switch (attempt)
            {
                case "Create": write = () => manager.Create(forged); break;
                case "Create with the product's mark":
                    forged[CustomerColumnSecurity.ProductRecordMark(table)] = table == TierOverrideAudit.EntityLogicalName
                        ? (object)new EntityReference(SystemUser.EntityLogicalName, _users[NoRole])
                        : new OptionSetValue(Org.Option(Domain.History.TriggerKind.Event));
                    write = () => manager.Create(forged);
                    break;
                case "Update": write = () => manager.Update(new Entity(table, existing.Id) { [CustomerScoreChange.Name] = "Platinum → Lead by a clerk" }); break;
                default: write = () => manager.Delete(table, existing.Id); break;
            }

            var error = Assert.ThrowsAny<Exception>(write);

            if (attempt == "Create with the product's mark")
                Assert.Equal(ErrorCodes.AttributePrivilegeCreateIsMissing, Assert.IsType<DataverseFaultException>(error).ErrorCode);
            else Assert.Contains("cannot be created, changed or deleted by hand", Assert.IsType<InvalidPluginExecutionException>(error).Message);
            Assert.Equal(before, _org.Host.Store.Rows(table).Select(r => r.GetAttributeValue<string>(CustomerScoreChange.Name)).OrderBy(n => n).ToList());
        }

        private IEnumerable<Entity> Rows() => Tables.SelectMany(t => _org.Host.Store.Rows(t));

        private static string PrimaryId(string table) => Common.PrimaryIdOf(table);

        /// <summary>What a read hands the user: each column (linked ones by their table), and whether it is a secured value of the table.</summary>
        private List<Seen> Read(string table, IOrganizationService service, string read)
        {
            var lookup = table == TierOverrideAudit.EntityLogicalName ? TierOverrideAudit.Customer : CustomerScoreChange.Customer;
            IEnumerable<Entity> rows;
            try
            {
                switch (read)
                {
                    case "Retrieve":
                        rows = new[] { service.Retrieve(table, _org.Host.Store.Rows(table).First().Id, new ColumnSet(true)) };
                        break;
                    case "RetrieveMultiple":
                        rows = service.RetrieveMultiple(new QueryExpression(table) { ColumnSet = new ColumnSet(true) }).Entities;
                        break;
                    case "FetchXML link-entity":
                        rows = service.RetrieveMultiple(new FetchExpression(
                            $"<fetch><entity name='{Account.EntityLogicalName}'><attribute name='{Account.Name}' />"
                            + $"<link-entity name='{table}' from='{lookup}' to='{Common.PrimaryIdOf(Account.EntityLogicalName)}' link-type='outer' alias='h'><all-attributes /></link-entity>"
                            + "</entity></fetch>")).Entities;
                        break;
                    default:
                        var query = new QueryExpression(Account.EntityLogicalName) { ColumnSet = new ColumnSet(Account.Name) };
                        query.AddLink(table, Common.PrimaryIdOf(Account.EntityLogicalName), lookup).Columns = new ColumnSet(true);
                        rows = service.RetrieveMultiple(query).Entities;
                        break;
                }
            }
            catch (DataverseFaultException error) when (error.ErrorCode == ErrorCodes.PrincipalPrivilegeDenied || error.ErrorCode == ErrorCodes.AccessCheckFailed)
            {
                return new List<Seen>();
            }
            var secured = new HashSet<string>(CustomerColumnSecurity.SecuredOn(table));
            return rows.SelectMany(r => r.Attributes.Select(a => a.Value is AliasedValue aliased
                    ? new Seen(aliased.EntityLogicalName == table ? aliased.AttributeLogicalName : null, aliased.EntityLogicalName == table && secured.Contains(aliased.AttributeLogicalName))
                    : new Seen(r.LogicalName == table ? a.Key : null, r.LogicalName == table && secured.Contains(a.Key))))
                .Where(s => s.Column != null).ToList();
        }

        private sealed class Seen
        {
            public Seen(string column, bool secured)
            {
                Column = column;
                Secured = secured;
            }

            public string Column { get; }
            public bool Secured { get; }
        }
    }
}
