using System;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>What the platform writes beside the client: dates, owner, state and status, currency, exchange rate and base amounts.</summary>
    public class DerivedColumnsTests
    {
        private readonly InMemoryDataverse _host = StrictOrg.New();
        private IOrganizationService Service => _host.GetService();

        private Entity Read(string table, Guid id) => Service.Retrieve(table, id, new ColumnSet(true));

        [NeedsStandardReferenceFact]
        public void Base_amounts_are_the_money_divided_by_the_rows_exchange_rate()
        {
            var euro = Service.Create(new Entity("transactioncurrency")
            {
                ["currencyname"] = "Euro", ["isocurrencycode"] = "EUR", ["currencysymbol"] = "€", ["exchangerate"] = 0.8m, ["currencyprecision"] = 2,
            });
            var inEuro = Service.Create(new Entity("salesorder") { ["name"] = "EUR", ["transactioncurrencyid"] = new EntityReference("transactioncurrency", euro) });
            var inDollars = Service.Create(new Entity("salesorder") { ["name"] = "USD" });
            Service.Update(new Entity("salesorder", inEuro) { ["totalamount"] = new Money(80m) });
            Service.Update(new Entity("salesorder", inDollars) { ["totalamount"] = new Money(80m) });

            var euroOrder = Read("salesorder", inEuro);
            Assert.Equal(0.8m, euroOrder.GetAttributeValue<decimal>("exchangerate"));
            Assert.Equal(100m, euroOrder.GetAttributeValue<Money>("totalamount_base").Value);
            var dollarOrder = Read("salesorder", inDollars);
            // No currency given: the organisation's base currency, at 1.
            Assert.Equal(_host.BaseCurrencyId, dollarOrder.GetAttributeValue<EntityReference>("transactioncurrencyid").Id);
            Assert.Equal(80m, dollarOrder.GetAttributeValue<Money>("totalamount_base").Value);

            Service.Update(new Entity("salesorder", inEuro) { ["totalamount"] = null });
            Assert.False(Read("salesorder", inEuro).Contains("totalamount_base"));
        }

        [NeedsStandardReferenceFact]
        public void Created_and_modified_on_are_the_platforms_and_a_migration_names_its_creation_date()
        {
            var id = Service.Create(new Entity("account") { ["name"] = "A" });
            Assert.Equal(StrictOrg.Now, Read("account", id).GetAttributeValue<DateTime>("createdon"));
            _host.Clock = () => StrictOrg.Now.AddHours(1);
            Service.Update(new Entity("account", id) { ["name"] = "B" });
            var row = Read("account", id);
            Assert.Equal(StrictOrg.Now, row.GetAttributeValue<DateTime>("createdon"));
            Assert.Equal(StrictOrg.Now.AddHours(1), row.GetAttributeValue<DateTime>("modifiedon"));

            var migrated = Service.Create(new Entity("account") { ["name"] = "Old", ["overriddencreatedon"] = new DateTime(2001, 2, 3, 0, 0, 0, DateTimeKind.Utc) });
            Assert.Equal(new DateTime(2001, 2, 3, 0, 0, 0, DateTimeKind.Utc), Read("account", migrated).GetAttributeValue<DateTime>("createdon"));
        }

        [NeedsStandardReferenceFact]
        public void A_new_row_is_in_the_first_state_with_its_default_status_and_a_state_change_takes_the_states_default()
        {
            var task = Service.Create(new Entity("task") { ["subject"] = "T" });
            var row = Read("task", task);
            Assert.Equal(0, row.GetAttributeValue<OptionSetValue>("statecode").Value);
            Assert.Equal(2, row.GetAttributeValue<OptionSetValue>("statuscode").Value); // Not Started, the Open state's default
            Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("task", task), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });
            Assert.Equal(5, Read("task", task).GetAttributeValue<OptionSetValue>("statuscode").Value); // Completed
            Service.Update(new Entity("task", task) { ["statecode"] = new OptionSetValue(2) });
            Assert.Equal(6, Read("task", task).GetAttributeValue<OptionSetValue>("statuscode").Value); // Canceled

            // The reference names Canceled's 100003 as invoice's Closed default; the state's own first status is taken instead.
            var invoice = Service.Create(new Entity("invoice") { ["name"] = "I" });
            Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("invoice", invoice), State = new OptionSetValue(1), Status = new OptionSetValue(-1) });
            Assert.Equal(3, Read("invoice", invoice).GetAttributeValue<OptionSetValue>("statuscode").Value);

            // An organisation-owned table has no owner column, so none is stamped.
            var setting = Service.Create(new Entity("cx_setting") { ["cx_name"] = "S" });
            Assert.False(Read("cx_setting", setting).Contains("ownerid"));
        }
    }
}
