extern alias workflow;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using workflow::CrmExtensions.Workflow;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// Every entry point that answers about a customer or acts on one reads it as the caller first: a manager of another
    /// business unit (who holds the product role, so the execute privileges) is refused with a message that carries no
    /// customer value, and nothing is written.
    /// </summary>
    public class CallerAccessTests
    {
        private const string LocalSales = "Salesperson (business unit)";
        private readonly Org _org = new Org();
        private readonly Guid _east;
        private readonly Guid _eastManager;
        private readonly Guid _westManager;
        private readonly Entity _customer;

        public CallerAccessTests()
        {
            var host = _org.Host;
            var local = Org.SalespersonPrivileges().ToDictionary(p => p.Key, p => p.Value == AccessDepth.Global ? AccessDepth.Local : p.Value);
            host.DefineRole(LocalSales, local);
            _east = host.AddBusinessUnit("East");
            var west = host.AddBusinessUnit("West");
            _eastManager = host.AddUser("East manager", _east, LocalSales, ProductRoles.Manager);
            _westManager = host.AddUser("West manager", west, LocalSales, ProductRoles.Manager);
            host.AddToFieldSecurityProfile(_eastManager, CustomerColumnSecurity.ManagerProfile);
            host.AddToFieldSecurityProfile(_westManager, CustomerColumnSecurity.ManagerProfile);
            _customer = new Entity(Account.EntityLogicalName) { [Account.Name] = "Contoso Secret Holdings", [Common.OwnerId] = new EntityReference(SystemUser.EntityLogicalName, _eastManager) };
            host.Seed(_customer);
            _org.OrderHistory(_customer, 5000m, months: 24);
            _org.Recalculate(_customer);
        }

        public static IEnumerable<object[]> EntryPoints() => new[]
        {
            new object[] { "cx_PreviewTier" },
            new object[] { "cx_RecalculateCustomer (the form's command)" },
            new object[] { "Calculate loyalty indicators (workflow)" },
            new object[] { "Assign customer tier (workflow)" },
        };

        private Action Call(string entryPoint, IOrganizationService service)
        {
            var customer = _customer.ToEntityReference();
            switch (entryPoint)
            {
                case "cx_PreviewTier": return () => service.Execute(new PreviewTierRequest { Customer = customer });
                case "cx_RecalculateCustomer (the form's command)": return () => service.Execute(new RecalculateCustomerRequest { Target = customer });
                case "Calculate loyalty indicators (workflow)": return () => CustomerWorkflowOperations.LoyaltyIndicators(service, customer);
                default: return () => CustomerWorkflowOperations.Recalculate(service, customer);
            }
        }

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void A_caller_who_cannot_read_the_customer_is_refused_and_learns_nothing(string entryPoint)
        {
            var before = _org.Reload(_customer);
            var activities = _org.OpenRetention(_customer).Length;
            var updates = _org.Host.Calls.For("Update");

            var error = Assert.Throws<InvalidPluginExecutionException>(Call(entryPoint, _org.As(_westManager)));

            Assert.Contains("you do not have read access to it", error.Message);
            Assert.DoesNotContain("Contoso", error.Message);
            foreach (var value in new[] { CustomerColumns.Tier, CustomerColumns.CurrentValue, CustomerColumns.LifetimeProfit, CustomerColumns.ChurnRisk, CustomerColumns.LoyaltyLevel })
                Assert.DoesNotMatch($@"(?<![\w-]){Regex.Escape(Text(before[value]))}(?![\w-])", error.Message);
            Assert.Equal(updates, _org.Host.Calls.For("Update"));
            Assert.Equal(activities, _org.OpenRetention(_customer).Length);
        }

        [Theory]
        [InlineData("cx_PreviewTier")]
        [InlineData("cx_RecalculateCustomer (the form's command)")]
        public void A_caller_without_any_read_privilege_on_the_table_is_refused_without_a_call_that_fails(string entryPoint)
        {
            // The product role alone: the APIs may be called, accounts may not be read at all. Inside the API's transaction a
            // query the platform refuses would doom it, so the privilege is asked first.
            var outsider = _org.Host.AddUser("Manager without a sales role", _east, ProductRoles.Manager);
            _org.Host.AddToFieldSecurityProfile(outsider, CustomerColumnSecurity.ManagerProfile);
            _org.Host.Calls.Reset();

            var error = Assert.Throws<InvalidPluginExecutionException>(Call(entryPoint, _org.As(outsider)));

            Assert.Contains("you do not have read access to it", error.Message);
            Assert.Equal(1, _org.Host.Calls.Failed); // the outsider's own request, and nothing inside it
        }

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void A_caller_who_can_read_the_customer_gets_the_answer(string entryPoint) =>
            Call(entryPoint, _org.As(_eastManager))();

        [Fact]
        public void A_manager_of_a_parent_unit_with_deep_read_reaches_the_customer_below_it()
        {
            var deep = Org.SalespersonPrivileges().ToDictionary(p => p.Key, p => p.Value == AccessDepth.Global ? AccessDepth.Deep : p.Value);
            _org.Host.DefineRole("Sales manager (parent: child)", deep);
            var region = _org.Host.AddUser("Region manager", _org.Host.BusinessUnitId, "Sales manager (parent: child)", ProductRoles.Manager);
            _org.Host.AddToFieldSecurityProfile(region, CustomerColumnSecurity.ReaderProfile);

            var preview = _org.As(region).Execute(new PreviewTierRequest { Customer = _customer.ToEntityReference() });

            Assert.Equal(_org.Tier(_customer), preview.Tier);
        }

        [Theory]
        [MemberData(nameof(EntryPoints))]
        public void A_caller_outside_every_field_security_profile_does_not_see_the_columns_it_hides(string entryPoint)
        {
            // Role and record access are enough to call, but the answer is computed as SYSTEM: without the column check it
            // would show what the secured columns hide from this user on the form.
            var unprofiled = _org.Host.AddUser("East manager without a profile", _east, LocalSales, ProductRoles.Manager);
            var updates = _org.Host.Calls.For("Update");

            var error = Assert.Throws<InvalidPluginExecutionException>(Call(entryPoint, _org.As(unprofiled)));

            Assert.Contains($"Ask your administrator for the {CustomerColumnSecurity.ReaderProfile} field security profile", error.Message);
            Assert.DoesNotContain("Contoso", error.Message);
            Assert.Equal(updates, _org.Host.Calls.For("Update"));
        }

        [Theory]
        [InlineData(nameof(PreviewTierRequest), "prvReadcx_scorechange")]
        [InlineData(nameof(RecalculateCustomerRequest), "prvReadcx_tieroverrideaudit")]
        public void Only_the_product_roles_may_call_the_customer_apis(string api, string privilege)
        {
            // The clerk reads every account (Salesperson) but holds no product role.
            var customer = _customer.ToEntityReference();
            var clerk = _org.As(_org.Clerk);
            Action call = api == nameof(PreviewTierRequest)
                ? () => clerk.Execute(new PreviewTierRequest { Customer = customer })
                : (Action)(() => clerk.Execute(new RecalculateCustomerRequest { Target = customer }));

            var error = Assert.Throws<DataverseFaultException>(call);

            Assert.Contains($"requires the {privilege} privilege", error.Message);
        }

        private static string Text(object value) =>
            value is Money m ? m.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)
            : value is OptionSetValue o ? o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
