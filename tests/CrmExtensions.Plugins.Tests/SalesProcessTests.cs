using System;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// The Sales process as a Sales org runs it, through the platform's messages: an order placed (header, then totals),
    /// fulfilled, invoiced from the order, paid or cancelled; the ledger holds each purchase once, dated and in base currency,
    /// and agrees with a full read.
    /// </summary>
    public class SalesProcessTests
    {
        private readonly Org _org = new Org();

        private Entity Customer(bool contact)
        {
            var customer = contact ? new Entity(Contact.EntityLogicalName) { ["lastname"] = "Buyer" } : new Entity(Account.EntityLogicalName) { ["name"] = "Contoso" };
            customer.Id = _org.Admin.Create(customer);
            _org.OrderHistory(customer, 1000m, months: 6, skipRecentMonths: 1);
            // cx_RecalculateCustomer is bound to account: a contact's first event reads it in full instead.
            if (!contact) _org.Recalculate(customer);
            return customer;
        }

        private CustomerFactsLedger Ledger(Entity customer) => CustomerFactsLedger.Parse(_org.Reload(customer).GetAttributeValue<string>(CustomerColumns.FactsLedger));

        private string LedgerJson(Entity customer) => _org.Reload(customer).GetAttributeValue<string>(CustomerColumns.FactsLedger);

        private Guid Order(Entity customer, decimal amount, EntityReference currency = null)
        {
            var header = new Entity(SalesOrder.EntityLogicalName) { ["name"] = "From quote", [SalesOrder.Customer] = customer.ToEntityReference() };
            if (currency != null) header["transactioncurrencyid"] = currency;
            var id = _org.Admin.Create(header);
            _org.Admin.Update(new Entity(SalesOrder.EntityLogicalName, id) { [SalesOrder.TotalAmount] = new Money(amount), [SalesOrder.TotalDiscountAmount] = new Money(0m) });
            return id;
        }

        private void Fulfil(Guid order) => _org.Admin.Execute(new FulfillSalesOrderRequest
        {
            OrderClose = new Entity(OrderClose.EntityLogicalName) { ["subject"] = "Shipped", [OrderClose.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, order) },
            Status = new OptionSetValue(-1),
        });

        private Guid ConvertToInvoice(Guid order) =>
            ((ConvertSalesOrderToInvoiceResponse)_org.Admin.Execute(new ConvertSalesOrderToInvoiceRequest { SalesOrderId = order, ColumnSet = new ColumnSet(Invoice.PrimaryId) })).Entity.Id;

        private void Settle()
        {
            _org.Host.ProcessAsyncQueue();
        }

        private void CountOrdersFromSubmission() => _org.Admin.Create(new Entity(Setting.EntityLogicalName)
        {
            [Setting.Name] = Setting.ActiveSettingsName, [Setting.Value] = @"{ ""purchases"": { ""orderCountsFrom"": ""submitted"" } }",
        });

        /// <summary>Cancels an invoice as the Sales app does (state Canceled, status Canceled).</summary>
        private void CancelInvoice(Guid invoice) => _org.Admin.Execute(new SetStateRequest
        {
            EntityMoniker = new EntityReference(Invoice.EntityLogicalName, invoice), State = new OptionSetValue(Invoice.StateCanceled), Status = new OptionSetValue(Org.InvoiceCanceled),
        });

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void An_order_fulfilled_and_invoiced_from_the_order_is_one_purchase(bool contact)
        {
            var customer = Customer(contact);
            var order = Order(customer, 1500m);
            Fulfil(order);
            var invoice = ConvertToInvoice(order);
            Settle();

            var stored = _org.Host.Store.Get(SalesOrder.EntityLogicalName, order);
            Assert.Equal(SalesOrder.StateInvoiced, stored.GetAttributeValue<OptionSetValue>(Common.StateCode).Value);
            Assert.Equal(order, _org.Host.Store.Get(Invoice.EntityLogicalName, invoice).GetAttributeValue<EntityReference>(Invoice.SalesOrder).Id);
            var ledger = Ledger(customer);
            Assert.True(ledger.Purchases[order].Revenue == 1500m, LedgerJson(customer));
            Assert.False(ledger.Purchases.ContainsKey(invoice));
            Assert.Equal(6, ledger.Purchases.Live.Count());
            if (contact) return;
            var byEvents = _org.Assessment(customer, CustomerColumns.RfmFrequency, CustomerColumns.RfmMonetary, CustomerColumns.CurrentValue);
            _org.Recalculate(customer);
            Assert.Equal(byEvents, _org.Assessment(customer, CustomerColumns.RfmFrequency, CustomerColumns.RfmMonetary, CustomerColumns.CurrentValue));
        }

        [Fact]
        public void An_order_cancelled_after_it_counted_is_withdrawn()
        {
            var customer = Customer(contact: false);
            var order = Order(customer, 900m);
            Settle();
            Assert.True(Ledger(customer).Purchases[order].Revenue == 900m);
            _org.Admin.Execute(new CancelSalesOrderRequest
            {
                OrderClose = new Entity(OrderClose.EntityLogicalName) { ["subject"] = "Customer withdrew", [OrderClose.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, order) },
                Status = new OptionSetValue(-1),
            });
            Settle();
            Assert.True(Ledger(customer).Purchases[order].Removed);
        }

        [Fact]
        public void Counting_from_submission_a_draft_counts_once_invoiced_from_the_order()
        {
            CountOrdersFromSubmission();
            var customer = Customer(contact: true);
            var order = Order(customer, 700m);
            Settle();
            Assert.False(Ledger(customer).Purchases.ContainsKey(order));
            ConvertToInvoice(order);
            Settle();
            Assert.Equal(700m, Ledger(customer).Purchases[order].Revenue);
        }

        [Fact]
        public void An_order_in_another_currency_counts_at_its_base_amount()
        {
            var usd = new Entity("transactioncurrency")
            {
                ["currencyname"] = "US Dollar", ["isocurrencycode"] = "USD", ["currencysymbol"] = "$", ["currencyprecision"] = 2, ["exchangerate"] = 1.25m,
            };
            usd.Id = _org.Admin.Create(usd);
            var customer = Customer(contact: false);
            var order = Order(customer, 1000m, usd.ToEntityReference());
            Settle();
            Assert.Equal(800m, Ledger(customer).Purchases[order].Revenue);
        }

        [Fact]
        public void A_line_added_to_an_order_adds_its_family()
        {
            var customer = Customer(contact: false);
            var order = Order(customer, 400m);
            Settle();
            var product = new Entity(Product.EntityLogicalName) { ["name"] = "Widget", [Product.Family] = "Widgets" };
            product.Id = _org.Admin.Create(product);
            _org.Admin.Create(new Entity(SalesOrderDetail.EntityLogicalName)
            {
                [SalesOrderDetail.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, order),
                [SalesOrderDetail.Product] = product.ToEntityReference(),
                ["quantity"] = 1m,
            });
            Settle();
            Assert.Contains("Widgets", Ledger(customer).Purchases[order].Families);
        }

        private Guid Line(Guid order, string family)
        {
            var product = new Entity(Product.EntityLogicalName) { ["name"] = family, [Product.Family] = family };
            product.Id = _org.Admin.Create(product);
            return _org.Admin.Create(new Entity(SalesOrderDetail.EntityLogicalName)
            {
                [SalesOrderDetail.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, order),
                [SalesOrderDetail.Product] = product.ToEntityReference(),
                ["quantity"] = 1m,
            });
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_client_changing_an_orders_total_and_lines_is_followed(bool contact)
        {
            var customer = Customer(contact);
            var order = Order(customer, 1200m);
            var line = Line(order, "Hardware");
            Line(order, "Support");
            Settle();

            _org.Admin.Update(new Entity(SalesOrder.EntityLogicalName, order) { [SalesOrder.TotalAmount] = new Money(950m), [SalesOrder.TotalDiscountAmount] = new Money(50m) });
            var software = new Entity(Product.EntityLogicalName) { ["name"] = "Licence", [Product.Family] = "Software" };
            software.Id = _org.Admin.Create(software);
            _org.Admin.Update(new Entity(SalesOrderDetail.EntityLogicalName, line) { [SalesOrderDetail.Product] = software.ToEntityReference() });
            Settle();
            var purchase = Ledger(customer).Purchases[order];
            Assert.Equal((950m, 50m), (purchase.Revenue, purchase.Discount));
            Assert.Equal(new[] { "Software", "Support" }, purchase.Families.OrderBy(f => f));

            _org.Admin.Delete(SalesOrderDetail.EntityLogicalName, line);
            Settle();
            Assert.Equal(new[] { "Support" }, Ledger(customer).Purchases[order].Families);
        }

        [Fact]
        public void An_invoice_on_its_own_counts_once_paid_and_is_withdrawn_when_cancelled()
        {
            var customer = Customer(contact: true);
            var invoice = Org.RaiseInvoice(_org.Admin, customer, 640m, Org.Now.AddDays(-2));
            Settle();
            Assert.Equal(640m, Ledger(customer).Purchases[invoice].Revenue);

            // Paid, as the Sales app marks it: the same purchase, not a second one.
            _org.Admin.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference(Invoice.EntityLogicalName, invoice), State = new OptionSetValue(Org.InvoiceStatePaid), Status = new OptionSetValue(Org.InvoiceComplete),
            });
            Settle();
            Assert.Equal(640m, Ledger(customer).Purchases[invoice].Revenue);
            Assert.Equal(6, Ledger(customer).Purchases.Live.Count());

            CancelInvoice(invoice);
            Settle();
            Assert.True(Ledger(customer).Purchases[invoice].Removed);
        }

        [Fact]
        public void Counting_from_submission_an_order_an_integration_invoiced_twice_counts_while_one_invoice_stands()
        {
            CountOrdersFromSubmission();
            var customer = Customer(contact: false);
            var order = Order(customer, 800m);
            Guid PartInvoice()
            {
                var id = _org.Admin.Create(new Entity(Invoice.EntityLogicalName)
                {
                    ["name"] = "Part", [Invoice.Customer] = customer.ToEntityReference(), [Invoice.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, order),
                });
                _org.Admin.Update(new Entity(Invoice.EntityLogicalName, id) { [Invoice.TotalAmount] = new Money(400m) });
                return id;
            }
            var first = PartInvoice();
            var second = PartInvoice();
            Settle();
            Assert.Equal(800m, Ledger(customer).Purchases[order].Revenue);

            CancelInvoice(first);
            Settle();
            Assert.False(Ledger(customer).Purchases[order].Removed);

            CancelInvoice(second);
            Settle();
            Assert.True(Ledger(customer).Purchases[order].Removed);
        }
    }
}
