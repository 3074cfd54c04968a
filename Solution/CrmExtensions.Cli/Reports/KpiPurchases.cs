using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Analytics;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using CrmExtensions.Plugins.Recalculation.Sources;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>
    /// Every customer's purchases for the KPIs, by the same <see cref="PurchaseDefinition"/> the evaluation counts them by:
    /// orders far enough through the Sales process or invoiced, each dated by its first configured date and of its first
    /// line's product family; invoices raised from no order; nothing cancelled, nothing twice.
    /// </summary>
    public static class KpiPurchases
    {
        public static IEnumerable<(Guid Customer, KpiPurchase Purchase)> Read(IOrganizationService service, PurchaseDefinition definition)
        {
            var invoices = Live(service, PurchaseSource.Invoices);
            var invoiced = new HashSet<Guid>(invoices.Where(i => i.Contains(Invoice.SalesOrder)).Select(i => i.GetAttributeValue<EntityReference>(Invoice.SalesOrder).Id));
            var familyOf = Families(service);
            foreach (var order in Live(service, PurchaseSource.Orders))
            {
                var stage = SalesOrder.StageOf(order.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value);
                var date = PurchaseSource.Orders.DateOf(order, definition);
                if (definition.Standing(stage, invoiced.Contains(order.Id)) == OrderStanding.None || !date.HasValue) continue;
                yield return (order.GetAttributeValue<EntityReference>(SalesOrder.Customer).Id, new KpiPurchase(date.Value, familyOf.TryGetValue(order.Id, out var f) ? f : null));
            }
            foreach (var invoice in invoices.Where(i => !i.Contains(Invoice.SalesOrder)))
                yield return (invoice.GetAttributeValue<EntityReference>(Invoice.Customer).Id, new KpiPurchase(invoice.GetAttributeValue<DateTime>(Invoice.CreatedOn), null));
        }

        /// <summary>The table's live rows that name a customer.</summary>
        private static List<Entity> Live(IOrganizationService service, PurchaseSource source)
        {
            var query = new QueryExpression(source.Table) { ColumnSet = new ColumnSet(source.Columns.ToArray()) };
            source.LiveOnly(query.Criteria);
            query.Criteria.AddCondition(source.Customer, ConditionOperator.NotNull);
            return PagedQuery.All(service, query).ToList();
        }

        /// <summary>Each order's product family: its first line's.</summary>
        private static Dictionary<Guid, string> Families(IOrganizationService service)
        {
            var lines = new QueryExpression(SalesOrderDetail.EntityLogicalName) { ColumnSet = new ColumnSet(SalesOrderDetail.SalesOrder) };
            lines.AddLink(Product.EntityLogicalName, SalesOrderDetail.Product, Product.PrimaryId).Columns = new ColumnSet(Product.Family);
            lines.LinkEntities[0].EntityAlias = "product";
            var familyOf = new Dictionary<Guid, string>();
            foreach (var line in PagedQuery.All(service, lines))
            {
                var order = line.GetAttributeValue<EntityReference>(SalesOrderDetail.SalesOrder).Id;
                if (!familyOf.ContainsKey(order) && line.GetAttributeValue<AliasedValue>("product." + Product.Family)?.Value is string family) familyOf[order] = family;
            }
            return familyOf;
        }
    }
}
