using System.Xml.Linq;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// The full read of a page's purchases from one table (orders or invoices): those inside the analysis window row by row (the ledger
    /// holds them by id, so later events can set them), older ones as FetchXML aggregates per customer.
    /// </summary>
    public sealed class PurchaseHistory
    {
        private readonly IOrganizationService _service;

        public PurchaseHistory(IOrganizationService service) { _service = service; }

        public void ReadInto(CustomerPage page, PurchaseSource source)
        {
            var aggregates = new PartitionedAggregate(_service, page.InTransaction);
            foreach (var row in PagedQuery.All(_service, source.WindowQuery(page.Ids, page.Cut)))
            {
                var customer = row.GetAttributeValue<EntityReference>(source.Customer);
                if (customer != null && page.ById.TryGetValue(customer.Id, out var snapshot) && source.Counts(row, customer))
                    snapshot.Ledger.Purchases[row.Id] = source.ToEntry(row, null);
            }
            foreach (var row in aggregates.Read(page.IdTexts, PartitionedAggregate.EarliestDate, page.Cut, (ids, from, to) => EarlierFetch(source, ids, from, to)))
            {
                if (!page.ById.TryGetValue(FetchXml.Id(row, "customer"), out var snapshot)) continue;
                snapshot.Ledger.EarlierFor(source.Table).Add(FetchXml.Int(row, "orders"), FetchXml.Decimal(row, "revenue"), FetchXml.Decimal(row, "discount"),
                    FetchXml.Date(row, "first"), FetchXml.Date(row, "last"), null);
            }
        }

        private static XElement EarlierFetch(PurchaseSource source, string[] ids, System.DateTime from, System.DateTime to) =>
            FetchXml.AggregateQuery(source.Table, source.FetchFilter(ids, from, to), FetchXml.GroupBy(source.Customer, "customer"), FetchXml.Aggregate(source.Id, "count", "orders"),
                FetchXml.Aggregate(source.Amount, "sum", "revenue"), FetchXml.Aggregate(source.Discount, "sum", "discount"),
                FetchXml.Aggregate(source.Date, "min", "first"), FetchXml.Aggregate(source.Date, "max", "last"));
    }
}
