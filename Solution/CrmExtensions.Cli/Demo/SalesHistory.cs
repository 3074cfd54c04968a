using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>
    /// The sample's sales written as a Sales org's history came to be, through the platform's messages: the org's
    /// currencies added; each order created in its currency on the day it was placed (a migration keeps that day as
    /// overriddencreatedon; nobody typed a submit date), priced, given its line, fulfilled and, once a month old,
    /// invoiced from the order; invoices raised on their own. It is written before CrmExtensions is imported, as an org's
    /// history is there before it: the recalculation job reads it all afterwards.
    /// </summary>
    internal sealed class SalesHistory
    {
        /// <summary>Orders placed this many days before the as-of date or earlier have been invoiced.</summary>
        public const int InvoicedAfterDays = 30;

        private readonly IOrganizationService _service;
        private readonly DateTime _asOf;

        public SalesHistory(IOrganizationService service, DateTime asOf)
        {
            _service = service;
            _asOf = asOf;
        }

        public void Write(SampleDataset data, IReadOnlyDictionary<string, Guid> products)
        {
            var currencies = data.Currencies.ToDictionary(c => c.Code, c => new EntityReference(TransactionCurrency.EntityLogicalName, (Guid)Run(new CreateRequest
            {
                Target = new Entity(TransactionCurrency.EntityLogicalName)
                {
                    [TransactionCurrency.Name] = c.Name, [TransactionCurrency.IsoCode] = c.Code, [TransactionCurrency.Symbol] = c.Symbol, [TransactionCurrency.Precision] = 2,
                    [TransactionCurrency.ExchangeRate] = c.ExchangeRate,
                },
            }).Results["id"]));
            foreach (var o in data.Orders)
            {
                Run(new CreateRequest { Target = Header(SalesOrder.EntityLogicalName, o.Id, "Order", o.AccountId, o.OrderedOn, o.Currency == null ? null : currencies[o.Currency]) });
                Run(new CreateRequest { Target = new Entity(SalesOrderDetail.EntityLogicalName)
                {
                    [SalesOrderDetail.SalesOrder] = new EntityReference(SalesOrder.EntityLogicalName, o.Id),
                    [SalesOrderDetail.Product] = new EntityReference(Product.EntityLogicalName, products[o.ProductFamily]),
                    ["quantity"] = 1m,
                } });
                // The Sales app's pricing: the totals the platform calculates from the lines and the discount.
                Run(new UpdateRequest { Target = new Entity(SalesOrder.EntityLogicalName, o.Id)
                {
                    [SalesOrder.TotalAmount] = new Money(o.Amount), [SalesOrder.TotalDiscountAmount] = new Money(o.Discount),
                } });
                var order = new EntityReference(SalesOrder.EntityLogicalName, o.Id);
                var shipped = new Entity(OrderClose.EntityLogicalName) { ["subject"] = "Shipped", [OrderClose.SalesOrder] = order };
                Run(new FulfillSalesOrderRequest { OrderClose = shipped, Status = new OptionSetValue(-1) });
                if (o.OrderedOn <= _asOf.AddDays(-InvoicedAfterDays))
                    Run(new ConvertSalesOrderToInvoiceRequest { SalesOrderId = o.Id, ColumnSet = new ColumnSet(Invoice.PrimaryId) });
            }
            foreach (var i in data.Invoices)
            {
                Run(new CreateRequest { Target = Header(Invoice.EntityLogicalName, i.Id, "Invoice", i.AccountId, i.CreatedOn, i.Currency == null ? null : currencies[i.Currency]) });
                Run(new UpdateRequest { Target = new Entity(Invoice.EntityLogicalName, i.Id)
                {
                    [Invoice.TotalAmount] = new Money(i.Amount), [Invoice.TotalDiscountAmount] = new Money(i.Discount),
                } });
            }
        }

        /// <summary>An order's or invoice's header as a migration writes it: its customer, the day it was made, its currency unless the base one.</summary>
        private static Entity Header(string table, Guid id, string kind, Guid account, DateTime on, EntityReference currency)
        {
            var header = new Entity(table, id)
            {
                ["name"] = $"{kind} {on:yyyy-MM-dd}",
                // Orders and invoices name their customer by the same column.
                [SalesOrder.Customer] = new EntityReference(Account.EntityLogicalName, account),
                [Common.OverriddenCreatedOn] = on,
            };
            if (currency != null) header[TransactionCurrency.Lookup] = currency;
            return header;
        }

        private OrganizationResponse Run(OrganizationRequest request) => _service.Execute(request);
    }
}
