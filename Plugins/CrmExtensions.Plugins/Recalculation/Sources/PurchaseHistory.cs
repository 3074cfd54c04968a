using System;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// The full read of a page's purchases from one table (orders or invoices): those inside the analysis window row by row (the ledger
    /// holds them by id, so later events can set them), older ones as FetchXML aggregates per customer, one per date column an
    /// order may be dated by; and the orders that count only through an invoice raised from them.
    /// </summary>
    public sealed class PurchaseHistory
    {
        private readonly IOrganizationService _service;

        public PurchaseHistory(IOrganizationService service) { _service = service; }

        public void ReadInto(CustomerPage page, PurchaseSource source)
        {
            var definition = new PurchaseDefinition(page.Settings.Purchases);
            var aggregates = new PartitionedAggregate(_service, page.InTransaction);
            foreach (var row in PagedQuery.All(_service, source.WindowQuery(page.Ids, page.Cut, definition)))
            {
                var customer = row.GetAttributeValue<EntityReference>(source.Customer);
                if (customer != null && page.ById.TryGetValue(customer.Id, out var snapshot) && source.Counts(row, customer, definition))
                    snapshot.Ledger.Purchases[row.Id] = source.ToEntry(row, definition, null);
            }
            foreach (var date in source.DateColumns(definition))
            {
                var column = date;
                foreach (var row in aggregates.Read(page.IdTexts, PartitionedAggregate.EarliestDate, page.Cut, (ids, from, to) => EarlierFetch(source, definition, column, ids, from, to)))
                {
                    if (!page.ById.TryGetValue(FetchXml.Id(row, "customer"), out var snapshot)) continue;
                    snapshot.Ledger.EarlierFor(source.Table).Add(FetchXml.Int(row, "orders"), FetchXml.Decimal(row, "revenue"), FetchXml.Decimal(row, "discount"),
                        FetchXml.Date(row, "first"), FetchXml.Date(row, "last"), null);
                }
            }
            if (source.HasFamilies && definition.InvoiceOnlyStages.Any()) ReadInvoicedDrafts(page, definition);
        }

        /// <summary>
        /// Orders not far enough on to count but invoiced (a live invoice raised from them): few, so read whatever
        /// their date, and marked as counted through their invoice, as the event path marks them.
        /// </summary>
        private void ReadInvoicedDrafts(CustomerPage page, PurchaseDefinition definition)
        {
            var orders = PurchaseSource.Orders;
            var query = new QueryExpression(SalesOrder.EntityLogicalName) { ColumnSet = new ColumnSet(orders.Columns.Concat(new[] { Common.ModifiedOn }).ToArray()) };
            query.Criteria.AddCondition(orders.Customer, ConditionOperator.In, page.Ids);
            query.Criteria.AddCondition(orders.Amount, ConditionOperator.NotNull);
            query.Criteria.AddCondition(Common.StateCode, ConditionOperator.In, definition.InvoiceOnlyStages.Select(s => (object)SalesOrder.StateOf(s)).ToArray());
            var invoice = query.AddLink(Invoice.EntityLogicalName, SalesOrder.PrimaryId, Invoice.SalesOrder);
            PurchaseSource.Invoices.LiveOnly(invoice.LinkCriteria);
            // An order with several invoices comes once per invoice: it is counted once, by its id.
            var seen = new System.Collections.Generic.HashSet<Guid>();
            foreach (var row in PagedQuery.All(_service, query))
            {
                if (!seen.Add(row.Id)) continue;
                var customer = row.GetAttributeValue<EntityReference>(orders.Customer);
                var date = orders.DateOf(row, definition);
                if (customer == null || !date.HasValue || !page.ById.TryGetValue(customer.Id, out var snapshot)) continue;
                var entry = orders.ToEntry(row, definition, null);
                entry.Table = Invoice.EntityLogicalName;
                if (snapshot.Ledger.HoldsPurchasesOn(date.Value)) snapshot.Ledger.Purchases[row.Id] = entry;
                else snapshot.Ledger.EarlierFor(SalesOrder.EntityLogicalName).Add(1, entry.Revenue, entry.Discount, date, date, null);
            }
        }

        private static XElement EarlierFetch(PurchaseSource source, PurchaseDefinition definition, string dateColumn, string[] ids, DateTime from, DateTime to) =>
            FetchXml.AggregateQuery(source.Table, source.FetchFilter(ids, definition, dateColumn, from, to), FetchXml.GroupBy(source.Customer, "customer"),
                FetchXml.Aggregate(source.Id, "count", "orders"), FetchXml.Aggregate(source.Amount, "sum", "revenue"), FetchXml.Aggregate(source.Discount, "sum", "discount"),
                FetchXml.Aggregate(dateColumn, "min", "first"), FetchXml.Aggregate(dateColumn, "max", "last"));
    }
}
