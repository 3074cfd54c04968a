using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// A table whose rows are purchases, read by the <see cref="PurchaseDefinition"/> in force: priced (clients create an
    /// order's or invoice's header first and its totals follow by update, so a header alone is not a purchase yet), dated,
    /// far enough through the Sales process (orders), not cancelled. An invoice raised from an order is that order's
    /// purchase (<see cref="PurchaseDefinition.Standing"/>); one on its own is its own. The full read and the event path both use it.
    /// </summary>
    public sealed class PurchaseSource : FactSource
    {
        public static readonly PurchaseSource Orders = new PurchaseSource(SalesOrder.EntityLogicalName, SalesOrder.PrimaryId, SalesOrder.TotalAmountBase,
            SalesOrder.TotalDiscountAmountBase, SalesOrder.StateCanceled, null,
            new[] { SalesOrder.Customer, SalesOrder.DiscountAmount, SalesOrder.TotalAmountBase, SalesOrder.TotalDiscountAmountBase, Common.StateCode }.Concat(SalesOrder.DateColumns).ToArray());
        public static readonly PurchaseSource Invoices = new PurchaseSource(Invoice.EntityLogicalName, Invoice.PrimaryId, Invoice.TotalAmountBase, Invoice.TotalDiscountAmountBase,
            Invoice.StateCanceled, Invoice.SalesOrder,
            new[] { Invoice.Customer, Invoice.CreatedOn, Invoice.DiscountAmount, Invoice.TotalAmountBase, Invoice.TotalDiscountAmountBase, Common.StateCode, Invoice.SalesOrder });

        private PurchaseSource(string table, string id, string amount, string discount, int canceledState, string fromOrderColumn, string[] columns)
        {
            Table = table;
            Id = id;
            Amount = amount;
            Discount = discount;
            CanceledState = canceledState;
            FromOrderColumn = fromOrderColumn;
            Columns = columns;
        }

        public string Table { get; }
        public override IReadOnlyCollection<string> Tables => new[] { Table };
        public string Id { get; }
        public override string Customer => SalesOrder.Customer;
        public string Amount { get; }
        public string Discount { get; }
        public int CanceledState { get; }
        public string FromOrderColumn { get; }
        public override IReadOnlyCollection<string> Columns { get; }

        /// <summary>Orders carry product families (on their lines); invoices do not.</summary>
        public bool HasFamilies => FromOrderColumn == null;

        /// <summary>Purchases are the ledger's own: one by one inside the window, as totals before it.</summary>
        public override LedgerSlot Slot => null;

        public override string Describes => HasFamilies ? "purchases: orders, their lines and their closes" : "purchases: invoices";

        /// <summary>Orders and invoices also change state by the legacy SetState message (an invoice is paid or cancelled so).</summary>
        protected override IReadOnlyCollection<string> Messages { get; } = new[] { MessageName.Create, MessageName.Update, MessageName.SetState, MessageName.Delete };

        /// <summary>
        /// An order's fulfilment and cancellation are their own messages, on no list of messages a plug-in may be registered
        /// on; each records an order close, whose creation is seen. Its lines' products name its families.
        /// </summary>
        public override IEnumerable<SourceTable> Watches => HasFamilies
            ? base.Watches.Concat(new[]
            {
                new SourceTable(OrderClose.EntityLogicalName, new[] { OrderClose.SalesOrder }, new[] { MessageName.Create }),
                new SourceTable(SalesOrderDetail.EntityLogicalName, new[] { SalesOrderDetail.SalesOrder, SalesOrderDetail.Product }, RowMessages),
            })
            : base.Watches;

        /// <summary>The window's rows and the totals before it, and an order's product families.</summary>
        public override void ReadInto(IOrganizationService service, CustomerPage page)
        {
            new PurchaseHistory(service).ReadInto(page, this);
            if (HasFamilies) new ProductFamilies(service).ReadInto(page);
        }

        public override IEnumerable<LedgerChange> Changes(LedgerEvent e) => new PurchaseChanges(this, e);

        /// <summary>A row that can be a purchase: not cancelled, and priced (clients write the totals after the header).</summary>
        public bool IsLive(Entity row) =>
            row != null && row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != CanceledState && row.GetAttributeValue<Money>(Amount) != null;

        /// <summary><see cref="IsLive"/> as query conditions.</summary>
        public void LiveOnly(FilterExpression filter)
        {
            filter.AddCondition(Common.StateCode, ConditionOperator.NotEqual, CanceledState);
            filter.AddCondition(Amount, ConditionOperator.NotNull);
        }

        /// <summary>The row's purchase date under the definition: an order's first configured date, an invoice's creation.</summary>
        public DateTime? DateOf(Entity row, PurchaseDefinition definition) => HasFamilies
            ? definition.DateOf(d => row.GetAttributeValue<DateTime?>(SalesOrder.ColumnOf(d)))
            : row.GetAttributeValue<DateTime?>(Invoice.CreatedOn);

        /// <summary>Whether this row counts on its own as a purchase of that customer: an order far enough on, an invoice raised from no order.</summary>
        public bool Counts(Entity row, EntityReference customer, PurchaseDefinition definition) =>
            row != null && customer.Equals(row.GetAttributeValue<EntityReference>(Customer))
            && row.GetAttributeValue<Money>(Amount) != null && DateOf(row, definition).HasValue
            && (HasFamilies
                ? definition.Standing(SalesOrder.StageOf(row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value), invoiced: false) == OrderStanding.ByStage
                : row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != CanceledState && row.GetAttributeValue<EntityReference>(FromOrderColumn) == null);

        /// <summary>The full read's rows of these customers that count on their own and are dated inside the window (from <paramref name="cut"/> on;
        /// no upper bound, so a future-dated record reaches the rules and is reported).</summary>
        public QueryExpression WindowQuery(object[] customerIds, DateTime cut, PurchaseDefinition definition)
        {
            var query = new QueryExpression(Table) { ColumnSet = new ColumnSet(Columns.Concat(new[] { Common.ModifiedOn }).ToArray()) };
            query.Criteria.AddCondition(Customer, ConditionOperator.In, customerIds);
            query.Criteria.AddCondition(Amount, ConditionOperator.NotNull);
            if (HasFamilies)
            {
                query.Criteria.AddCondition(Common.StateCode, ConditionOperator.In, definition.CountingStages.Select(s => (object)SalesOrder.StateOf(s)).ToArray());
                var dated = query.Criteria.AddFilter(LogicalOperator.Or);
                foreach (var date in definition.OrderDates) dated.AddFilter(DatedBy(definition, date, ConditionOperator.GreaterEqual, cut));
            }
            else
            {
                query.Criteria.AddCondition(Common.StateCode, ConditionOperator.NotEqual, CanceledState);
                query.Criteria.AddCondition(FromOrderColumn, ConditionOperator.Null);
                query.Criteria.AddCondition(Invoice.CreatedOn, ConditionOperator.GreaterEqual, cut);
            }
            return query;
        }

        /// <summary>Rows dated by <paramref name="date"/>: the configured dates before it are empty, and it meets the condition.</summary>
        public static FilterExpression DatedBy(PurchaseDefinition definition, OrderDate date, ConditionOperator op, DateTime value)
        {
            var filter = new FilterExpression(LogicalOperator.And);
            foreach (var earlier in definition.OrderDates.TakeWhile(d => d != date)) filter.AddCondition(SalesOrder.ColumnOf(earlier), ConditionOperator.Null);
            filter.AddCondition(SalesOrder.ColumnOf(date), op, value);
            return filter;
        }

        /// <summary>The columns that date this table's rows, one aggregate each: an order is dated by the first configured date it has.</summary>
        public IEnumerable<string> DateColumns(PurchaseDefinition definition) =>
            HasFamilies ? definition.OrderDates.Select(SalesOrder.ColumnOf) : new[] { Invoice.CreatedOn };

        /// <summary>
        /// The same rule as <see cref="Counts"/> as a FetchXML filter over rows dated by <paramref name="dateColumn"/> in [from, to): ge/lt on the
        /// full timestamp, so halves of a range never overlap, and each row falls under exactly one of the table's date columns.
        /// </summary>
        public XElement FetchFilter(string[] customerIds, PurchaseDefinition definition, string dateColumn, DateTime from, DateTime to)
        {
            var filter = new XElement("filter", FetchXml.In(Customer, customerIds), FetchXml.Condition(Amount, "not-null"),
                FetchXml.Condition(dateColumn, "ge", FetchXml.Utc(from)), FetchXml.Condition(dateColumn, "lt", FetchXml.Utc(to)));
            if (HasFamilies)
            {
                filter.Add(new XElement("condition", new XAttribute("attribute", Common.StateCode), new XAttribute("operator", "in"),
                    definition.CountingStages.Select(s => new XElement("value", SalesOrder.StateOf(s)))));
                foreach (var earlier in definition.OrderDates.Select(SalesOrder.ColumnOf).TakeWhile(c => c != dateColumn)) filter.Add(FetchXml.Condition(earlier, "null"));
            }
            else filter.Add(FetchXml.Condition(Common.StateCode, "ne", CanceledState), FetchXml.Condition(FromOrderColumn, "null"));
            return filter;
        }

        public PurchaseEntry ToEntry(Entity row, PurchaseDefinition definition, List<string> families) => new PurchaseEntry
        {
            Table = Table,
            Date = DateOf(row, definition) ?? DateTime.MinValue,
            Revenue = row.GetAttributeValue<Money>(Amount)?.Value ?? 0m,
            Discount = row.GetAttributeValue<Money>(Discount)?.Value ?? 0m,
            Families = HasFamilies ? families ?? new List<string>() : null,
            Changed = row.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };
    }
}
