using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// A table whose rows are purchases, and when a row counts: priced (clients create an order's or invoice's header first
    /// and its totals follow by update, so a header alone is not a purchase yet), not cancelled, dated, and (for invoices)
    /// not raised from an order, which is the same purchase. The full read and the event path both use it, so they agree
    /// on what counts.
    /// </summary>
    public sealed class PurchaseSource : FactSource
    {
        public static readonly PurchaseSource Orders = new PurchaseSource(SalesOrder.EntityLogicalName, SalesOrder.PrimaryId, SalesOrder.SubmitDate, SalesOrder.TotalAmountBase,
            SalesOrder.TotalDiscountAmountBase, SalesOrder.StateCanceled, null);
        public static readonly PurchaseSource Invoices = new PurchaseSource(Invoice.EntityLogicalName, Invoice.PrimaryId, Invoice.CreatedOn, Invoice.TotalAmountBase, Invoice.TotalDiscountAmountBase,
            Invoice.StateCanceled, Invoice.SalesOrder);

        private PurchaseSource(string table, string id, string date, string amount, string discount, int canceledState, string fromOrderColumn)
        {
            Table = table;
            Id = id;
            Date = date;
            Amount = amount;
            Discount = discount;
            CanceledState = canceledState;
            FromOrderColumn = fromOrderColumn;
        }

        public string Table { get; }
        public override IReadOnlyCollection<string> Tables => new[] { Table };
        public string Id { get; }
        public override string Customer => SalesOrder.Customer;
        public string Date { get; }
        public string Amount { get; }
        public string Discount { get; }
        public int CanceledState { get; }
        public string FromOrderColumn { get; }

        /// <summary>Orders carry product families (on their lines); invoices do not.</summary>
        public bool HasFamilies => FromOrderColumn == null;

        public override IReadOnlyCollection<string> Columns => FromOrderColumn == null
            ? new[] { Customer, Date, Amount, Discount, Common.StateCode }
            : new[] { Customer, Date, Amount, Discount, Common.StateCode, FromOrderColumn };

        /// <summary>Purchases are the ledger's own: one by one inside the window, as totals before it.</summary>
        public override LedgerSlot Slot => null;

        public override string Describes => "purchases";

        /// <summary>Orders and invoices also change state by the legacy SetState message.</summary>
        protected override IReadOnlyCollection<string> Messages { get; } = new[] { MessageName.Create, MessageName.Update, MessageName.SetState, MessageName.Delete };

        /// <summary>The window's rows and the totals before it, and an order's product families.</summary>
        public override void ReadInto(IOrganizationService service, CustomerPage page)
        {
            new PurchaseHistory(service).ReadInto(page, this);
            if (HasFamilies) new ProductFamilies(service).ReadInto(page);
        }

        public override IEnumerable<LedgerChange> Changes(LedgerEvent e) => new PurchaseChanges(this, e);

        /// <summary>Whether this row (an image or a read row) is a purchase of that customer.</summary>
        public bool Counts(Entity row, EntityReference customer) =>
            row != null && customer.Equals(row.GetAttributeValue<EntityReference>(Customer))
            && row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != CanceledState
            && row.GetAttributeValue<DateTime?>(Date).HasValue
            && row.GetAttributeValue<Money>(Amount) != null
            && (FromOrderColumn == null || row.GetAttributeValue<EntityReference>(FromOrderColumn) == null);

        /// <summary>The full read's rows of these customers dated inside the window (from <paramref name="cut"/> on; no upper bound,
        /// so a future-dated record reaches the rules and is reported).</summary>
        public QueryExpression WindowQuery(object[] customerIds, DateTime cut)
        {
            var query = new QueryExpression(Table) { ColumnSet = new ColumnSet(Columns.Concat(new[] { Common.ModifiedOn }).ToArray()) };
            query.Criteria.AddCondition(Customer, ConditionOperator.In, customerIds);
            query.Criteria.AddCondition(Date, ConditionOperator.GreaterEqual, cut);
            query.Criteria.AddCondition(Common.StateCode, ConditionOperator.NotEqual, CanceledState);
            query.Criteria.AddCondition(Amount, ConditionOperator.NotNull);
            if (FromOrderColumn != null) query.Criteria.AddCondition(FromOrderColumn, ConditionOperator.Null);
            return query;
        }

        /// <summary>The same rule as <see cref="Counts"/> as a FetchXML filter over [from, to): ge/lt on the full timestamp, so halves of a range never overlap.</summary>
        public XElement FetchFilter(string[] customerIds, DateTime from, DateTime to) =>
            new XElement("filter", FetchXml.In(Customer, customerIds), FetchXml.Condition(Common.StateCode, "ne", CanceledState), FetchXml.Condition(Date, "not-null"),
                FetchXml.Condition(Amount, "not-null"),
                FromOrderColumn == null ? null : FetchXml.Condition(FromOrderColumn, "null"),
                FetchXml.Condition(Date, "ge", FetchXml.Utc(from)), FetchXml.Condition(Date, "lt", FetchXml.Utc(to)));

        public PurchaseEntry ToEntry(Entity row, List<string> families) => new PurchaseEntry
        {
            Table = Table,
            Date = row.GetAttributeValue<DateTime>(Date),
            Revenue = row.GetAttributeValue<Money>(Amount)?.Value ?? 0m,
            Discount = row.GetAttributeValue<Money>(Discount)?.Value ?? 0m,
            Families = HasFamilies ? families ?? new List<string>() : null,
            Changed = row.GetAttributeValue<DateTime?>(Common.ModifiedOn),
        };
    }
}
