using System;
using System.Collections.Generic;
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
    /// The product families customers bought, from order lines joined to their product (lines of products without a
    /// family drop out): per order inside the window, as names per customer before it, and for one order on the event path.
    /// </summary>
    public sealed class ProductFamilies
    {
        private const string ProductAlias = "p";

        private readonly IOrganizationService _service;

        public ProductFamilies(IOrganizationService service) { _service = service; }

        /// <summary>Adds the families to the page's orders inside the window (rows) and to the totals before it (aggregate, partitioned).</summary>
        public void ReadInto(CustomerPage page)
        {
            var definition = new PurchaseDefinition(page.Settings.Purchases);
            var orders = page.ById.Values.SelectMany(s => s.Ledger.Purchases).Where(p => p.Value.Families != null).ToDictionary(p => p.Key, p => p.Value);
            if (orders.Count > 0)
            {
                // Line by line, not distinct: a distinct query has no primary key to page by, and its pages may repeat or skip
                // rows unless ordered by every column it returns; the families are made distinct here.
                var query = new QueryExpression(SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrderDetail.SalesOrder) };
                var order = query.AddLink(SalesOrder.EntityLogicalName, SalesOrderDetail.SalesOrder, SalesOrder.PrimaryId);
                order.LinkCriteria.AddCondition(SalesOrder.Customer, ConditionOperator.In, page.Ids);
                // Every order the ledger holds inside the window: counted by its stage or through its invoice, whatever its date column.
                var dated = order.LinkCriteria.AddFilter(LogicalOperator.Or);
                foreach (var date in definition.OrderDates) dated.AddFilter(PurchaseSource.DatedBy(definition, date, ConditionOperator.GreaterEqual, page.Cut));
                JoinProduct(query);
                foreach (var row in PagedQuery.All(_service, query))
                {
                    var orderId = row.GetAttributeValue<EntityReference>(SalesOrderDetail.SalesOrder)?.Id;
                    var family = FamilyOf(row);
                    if (orderId.HasValue && orders.TryGetValue(orderId.Value, out var entry) && !string.IsNullOrWhiteSpace(family)
                        && !entry.Families.Contains(family, StringComparer.OrdinalIgnoreCase))
                        entry.Families.Add(family);
                }
            }
            var aggregates = new PartitionedAggregate(_service, page.InTransaction);
            foreach (var date in PurchaseSource.Orders.DateColumns(definition))
                foreach (var row in aggregates.Read(page.IdTexts, PartitionedAggregate.EarliestDate, page.Cut, (ids, from, to) => EarlierFetch(definition, date, ids, from, to)))
                    if (page.ById.TryGetValue(FetchXml.Id(row, "customer"), out var snapshot))
                        snapshot.Ledger.EarlierFor(SalesOrder.EntityLogicalName).Add(0, 0m, 0m, null, null, new[] { FetchXml.Raw(row, "family") as string });
        }

        /// <summary>The families of one order's lines (the event path's only extra read).</summary>
        public static List<string> Of(IOrganizationService service, Guid orderId)
        {
            var query = new QueryExpression(SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(false), Distinct = true };
            query.Criteria.AddCondition(SalesOrderDetail.SalesOrder, ConditionOperator.Equal, orderId);
            JoinProduct(query);
            return service.RetrieveMultiple(query).Entities.Select(FamilyOf)
                .Where(f => !string.IsNullOrWhiteSpace(f)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static void JoinProduct(QueryExpression lines)
        {
            var product = lines.AddLink(Product.EntityLogicalName, SalesOrderDetail.Product, Product.PrimaryId);
            product.EntityAlias = ProductAlias;
            product.Columns = new ColumnSet(Product.Family);
            product.LinkCriteria.AddCondition(Product.Family, ConditionOperator.NotNull);
        }

        private static string FamilyOf(Entity line) => FetchXml.Raw(line, ProductAlias + "." + Product.Family) as string;

        /// <summary>Distinct product families per customer among orders in [from, to): names, so parts can be merged.</summary>
        private static XElement EarlierFetch(PurchaseDefinition definition, string dateColumn, string[] ids, DateTime from, DateTime to) =>
            new XElement("fetch", new XAttribute("aggregate", "true"),
                new XElement("entity", new XAttribute("name", SalesOrderDetail.EntityLogicalName),
                    FetchXml.Aggregate(SalesOrderDetail.SalesOrder, "count", "lines"),
                    new XElement("link-entity", new XAttribute("name", SalesOrder.EntityLogicalName), new XAttribute("from", SalesOrder.PrimaryId),
                        new XAttribute("to", SalesOrderDetail.SalesOrder), new XAttribute("alias", "o"),
                        FetchXml.GroupBy(SalesOrder.Customer, "customer"),
                        PurchaseSource.Orders.FetchFilter(ids, definition, dateColumn, from, to)),
                    new XElement("link-entity", new XAttribute("name", Product.EntityLogicalName), new XAttribute("from", Product.PrimaryId),
                        new XAttribute("to", SalesOrderDetail.Product), new XAttribute("alias", ProductAlias),
                        FetchXml.GroupBy(Product.Family, "family"),
                        new XElement("filter", FetchXml.Condition(Product.Family, "not-null")))));
    }
}
