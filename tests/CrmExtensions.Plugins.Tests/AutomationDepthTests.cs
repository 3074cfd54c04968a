using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Steps;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// Facts reach the ledger however deep the automation that wrote them; only a recalculation's own writes are not
    /// evaluated again.
    /// </summary>
    public class AutomationDepthTests
    {
        private readonly Org _org = new Org();

        /// <summary>Another product's automation: each link (a note on the customer) creates the next, and the last one places an order.</summary>
        public sealed class ChainLink : IPlugin
        {
            public const string Table = "annotation";

            public static Entity Link(EntityReference customer, int remaining) =>
                new Entity(Table) { ["objectid"] = customer, ["subject"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture) };

            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext));
                var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))).CreateOrganizationService(null);
                var link = (Entity)context.InputParameters["Target"];
                var customer = link.GetAttributeValue<EntityReference>("objectid");
                var remaining = int.Parse(link.GetAttributeValue<string>("subject"), System.Globalization.CultureInfo.InvariantCulture);
                if (remaining > 0)
                    service.Create(Link(customer, remaining - 1));
                else
                    Org.PlaceOrder(service, new Entity(customer.LogicalName, customer.Id), 777m, Org.Now.AddDays(-1));
            }
        }

        /// <summary>An automation that books a welcome order the first time a customer's tier is written (reacting to our own write).</summary>
        public sealed class OrderOnTierChange : IPlugin
        {
            public void Execute(IServiceProvider serviceProvider)
            {
                var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext));
                var target = (Entity)context.InputParameters["Target"];
                if (!target.Contains(CustomerColumns.Tier) || target.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier) == null) return;
                var service = ((IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))).CreateOrganizationService(null);
                var booked = new QueryByAttribute(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(false) };
                booked.AddAttributeValue(SalesOrder.Customer, target.Id);
                booked.AddAttributeValue("name", "Welcome");
                if (service.RetrieveMultiple(booked).Entities.Count > 0) return;
                Org.PlaceOrder(service, new Entity(target.LogicalName, target.Id), 555m, Org.Now.AddDays(-1), "Welcome");
            }
        }

        private void Register<TPlugin>(string message, string table, StepMode mode) => _org.Host.Register(new StepRegistration
        {
            Name = $"{typeof(TPlugin).Name}: {message} of {table}",
            Message = message,
            PrimaryEntity = table,
            Stage = PipelineStage.PostOperation,
            Mode = mode,
            PluginType = typeof(TPlugin),
        });

        private CustomerFactsLedger Ledger(Entity customer) => CustomerFactsLedger.Parse(_org.Reload(customer).GetAttributeValue<string>(CustomerColumns.FactsLedger));

        [Fact]
        public void An_order_created_at_depth_6_by_another_automation_is_in_the_ledger()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 1000m, months: 6);
            _org.Recalculate(account);
            Register<ChainLink>("Create", ChainLink.Table, StepMode.Synchronous);

            // The outside call is depth 1; links 2..5 are created at depths 2..5 and the order at depth 6.
            _org.Admin.Create(ChainLink.Link(account.ToEntityReference(), 4));
            _org.Host.ProcessAsyncQueue();

            var order = _org.Host.Store.Rows(SalesOrder.EntityLogicalName).Single(o => o.GetAttributeValue<Money>(SalesOrder.TotalAmountBase).Value == 777m);
            // Placed as a client places one: its Create, then its totals.
            var jobs = _org.EvaluationJobs.Where(j => j.Context.PrimaryEntityId == order.Id).ToList();
            Assert.Equal(new[] { "Create", "Update" }, jobs.Select(j => j.Context.MessageName));
            Assert.All(jobs, job => Assert.Equal(6, job.Context.Depth));
            Assert.True(Ledger(account).Purchases.ContainsKey(order.Id));
        }

        [Fact]
        public void An_order_another_automation_books_in_reaction_to_our_write_is_counted()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 1000m, months: 6);
            Register<OrderOnTierChange>("Update", Account.EntityLogicalName, StepMode.Synchronous);

            _org.Recalculate(account);
            _org.Host.ProcessAsyncQueue();

            var order = _org.Host.Store.Rows(SalesOrder.EntityLogicalName).Single(o => o.GetAttributeValue<Money>(SalesOrder.TotalAmountBase).Value == 555m);
            Assert.True(Ledger(account).Purchases.ContainsKey(order.Id));
        }

        [Fact]
        public void A_recalculations_own_write_is_not_evaluated_again()
        {
            // As if an admin widened the step to every account update: the recalculation's own write would raise it.
            Register<RecalculateCustomerOnChange>("Update", Account.EntityLogicalName, StepMode.Asynchronous);
            var account = _org.Account();
            _org.OrderHistory(account, 1000m, months: 6);

            _org.Recalculate(account);
            var updates = _org.Host.Calls.For("Update");
            _org.Host.ProcessAsyncQueue();

            Assert.Contains(_org.Host.Traces, t => t.Text.Contains("Raised by a recalculation's own writes"));
            Assert.Equal(updates, _org.Host.Calls.For("Update"));
        }
    }
}
