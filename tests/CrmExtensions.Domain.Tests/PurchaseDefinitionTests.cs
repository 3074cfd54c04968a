using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class PurchaseDefinitionTests
    {
        private static PurchaseDefinition Definition(string json = null) => new PurchaseDefinition(SettingsLoader.Load(json).Purchases);

        [Fact]
        public void By_default_a_priced_order_counts_from_its_creation_on()
        {
            Assert.Equal(OrderStage.Active, Definition().CountsFrom);
            Assert.Equal(OrderStanding.ByStage, Definition().Standing(OrderStage.Active, invoiced: false));
            Assert.Empty(Definition().InvoiceOnlyStages);
        }

        [Fact]
        public void Counting_from_submission_leaves_drafts_out_unless_invoiced()
        {
            var definition = Definition(@"{ ""purchases"": { ""orderCountsFrom"": ""submitted"" } }");
            Assert.Equal(OrderStanding.None, definition.Standing(OrderStage.Active, invoiced: false));
            Assert.Equal(OrderStanding.ByInvoice, definition.Standing(OrderStage.Active, invoiced: true));
            Assert.Equal(OrderStanding.ByStage, definition.Standing(OrderStage.Submitted, invoiced: false));
            Assert.Equal(OrderStanding.ByStage, definition.Standing(OrderStage.Fulfilled, invoiced: false));
            Assert.Equal(OrderStanding.ByStage, definition.Standing(OrderStage.Invoiced, invoiced: true));
        }

        [Fact]
        public void A_cancelled_order_never_counts_even_with_an_invoice()
        {
            Assert.Equal(OrderStanding.None, Definition().Standing(null, invoiced: true));
        }

        [Fact]
        public void An_org_that_counts_from_fulfilment_leaves_submitted_orders_out()
        {
            var definition = Definition(@"{ ""purchases"": { ""orderCountsFrom"": ""fulfilled"" } }");
            Assert.Equal(OrderStanding.None, definition.Standing(OrderStage.Submitted, invoiced: false));
            Assert.Equal(new[] { OrderStage.Fulfilled, OrderStage.Invoiced }, definition.CountingStages);
            Assert.Equal(new[] { OrderStage.Active, OrderStage.Submitted }, definition.InvoiceOnlyStages);
        }

        [Fact]
        public void An_order_is_dated_by_the_first_configured_date_it_has()
        {
            var created = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            var fulfilled = created.AddDays(3);
            var dates = new Dictionary<OrderDate, DateTime?> { [OrderDate.CreatedOn] = created, [OrderDate.SubmitDate] = null, [OrderDate.DateFulfilled] = fulfilled };
            Assert.Equal(fulfilled, Definition().DateOf(d => dates[d]));
            dates[OrderDate.DateFulfilled] = null;
            Assert.Equal(created, Definition().DateOf(d => dates[d]));
            Assert.Null(Definition(@"{ ""purchases"": { ""orderDates"": [""submitdate""] } }").DateOf(d => dates[d]));
        }

        [Fact]
        public void Dates_are_named_as_the_columns_in_any_case()
        {
            var definition = Definition(@"{ ""purchases"": { ""orderDates"": [""submitdate"", ""CREATEDON""] } }");
            Assert.Equal(new[] { OrderDate.SubmitDate, OrderDate.CreatedOn }, definition.OrderDates.ToArray());
        }
    }
}
