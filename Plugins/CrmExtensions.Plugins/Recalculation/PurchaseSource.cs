using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// A table whose rows are purchases, and when a row counts: not cancelled, dated, and (for invoices) not raised from an
    /// order, which is the same purchase. The full read and the event path both use it, so they agree on what counts.
    /// </summary>
    public sealed class PurchaseSource
    {
        public static readonly PurchaseSource Orders = new PurchaseSource(SalesOrder.EntityLogicalName, SalesOrder.PrimaryId, SalesOrder.SubmitDate, SalesOrder.TotalAmountBase, SalesOrder.TotalDiscountAmountBase, SalesOrder.StateCanceled, null);
        public static readonly PurchaseSource Invoices = new PurchaseSource(Invoice.EntityLogicalName, Invoice.PrimaryId, Invoice.CreatedOn, Invoice.TotalAmountBase, Invoice.TotalDiscountAmountBase, Invoice.StateCanceled, Invoice.SalesOrder);
        public static readonly IReadOnlyList<PurchaseSource> All = new[] { Orders, Invoices };

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
        public string Id { get; }
        public string Customer => SalesOrder.Customer;
        public string Date { get; }
        public string Amount { get; }
        public string Discount { get; }
        public int CanceledState { get; }
        public string FromOrderColumn { get; }

        /// <summary>Orders carry product families (on their lines); invoices do not.</summary>
        public bool HasFamilies => FromOrderColumn == null;

        public string[] Columns => FromOrderColumn == null
            ? new[] { Customer, Date, Amount, Discount, Common.StateCode, Common.ModifiedOn }
            : new[] { Customer, Date, Amount, Discount, Common.StateCode, Common.ModifiedOn, FromOrderColumn };

        public static PurchaseSource For(string table) => table == Orders.Table ? Orders : table == Invoices.Table ? Invoices : null;

        /// <summary>Whether this row (an image or a read row) is a purchase of that customer.</summary>
        public bool Counts(Entity row, EntityReference customer) =>
            row != null && customer.Equals(row.GetAttributeValue<EntityReference>(Customer))
            && row.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value != CanceledState
            && row.GetAttributeValue<DateTime?>(Date).HasValue
            && (FromOrderColumn == null || row.GetAttributeValue<EntityReference>(FromOrderColumn) == null);

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
