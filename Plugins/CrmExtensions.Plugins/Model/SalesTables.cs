// The platform's sales tables the product reads: orders, invoices, products, opportunities, competitors. See Schema.cs.

using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Plugins.Model
{
    public static class SalesOrder
    {
        public const string EntityLogicalName = "salesorder";
        public const string PrimaryId = "salesorderid";
        public const string Customer = "customerid";

        /// <summary>The totals a client (or the Sales app's pricing) writes; the platform derives their *_base at the order's exchange rate.</summary>
        public const string TotalAmount = "totalamount";
        public const string TotalDiscountAmount = "totaldiscountamount";
        public const string TotalAmountBase = "totalamount_base";
        public const string TotalDiscountAmountBase = "totaldiscountamount_base";

        /// <summary>The order-level discount a client writes; the platform's pricing derives the totals from it.</summary>
        public const string DiscountAmount = "discountamount";
        public const string SubmitDate = "submitdate";
        public const string DateFulfilled = "datefulfilled";
        public const string StateCode = "statecode";
        public const int StateActive = 0;
        public const int StateSubmitted = 1;
        public const int StateCanceled = 2;
        public const int StateFulfilled = 3;
        public const int StateInvoiced = 4;

        /// <summary>The Sales process stage of an order's state; null for a cancelled order.</summary>
        public static OrderStage? StageOf(int? state) =>
            state == StateCanceled ? (OrderStage?)null : state == StateSubmitted ? OrderStage.Submitted : state == StateFulfilled ? OrderStage.Fulfilled
                : state == StateInvoiced ? OrderStage.Invoiced : OrderStage.Active;

        public static int StateOf(OrderStage stage) =>
            stage == OrderStage.Submitted ? StateSubmitted : stage == OrderStage.Fulfilled ? StateFulfilled : stage == OrderStage.Invoiced ? StateInvoiced : StateActive;

        /// <summary>The column of each date an order may be dated by.</summary>
        public static string ColumnOf(OrderDate date) =>
            date == OrderDate.DateFulfilled ? DateFulfilled : date == OrderDate.SubmitDate ? SubmitDate : Common.CreatedOn;

        public static readonly string[] DateColumns = { DateFulfilled, SubmitDate, Common.CreatedOn };
    }

    /// <summary>An activity table: FulfillSalesOrder and CancelSalesOrder record one for the order they close.</summary>
    public static class OrderClose
    {
        public const string EntityLogicalName = "orderclose";
        public const string SalesOrder = "salesorderid";
    }

    public static class SalesOrderDetail
    {
        public const string EntityLogicalName = "salesorderdetail";
        public const string PrimaryId = "salesorderdetailid";
        public const string SalesOrder = "salesorderid";
        public const string Product = "productid";
    }

    public static class Product
    {
        public const string EntityLogicalName = "product";
        public const string PrimaryId = "productid";
        public const string Family = "cx_productfamily";
    }

    public static class Invoice
    {
        public const string EntityLogicalName = "invoice";
        public const string PrimaryId = "invoiceid";
        public const string Customer = "customerid";
        public const string SalesOrder = "salesorderid";
        public const string TotalAmount = "totalamount";
        public const string TotalDiscountAmount = "totaldiscountamount";
        public const string TotalAmountBase = "totalamount_base";
        public const string TotalDiscountAmountBase = "totaldiscountamount_base";
        public const string DiscountAmount = "discountamount";
        public const string CreatedOn = "createdon";
        public const string StateCode = "statecode";
        public const int StateCanceled = 3;
    }

    public static class Opportunity
    {
        public const string EntityLogicalName = "opportunity";
        public const string PrimaryId = "opportunityid";
        public const string Customer = "customerid";
        public const string StateCode = "statecode";
        public const int StateWon = 1;
        public const int StateLost = 2;
    }

    /// <summary>An activity table: its key is activityid.</summary>
    public static class OpportunityClose
    {
        public const string EntityLogicalName = "opportunityclose";
        public const string PrimaryId = "activityid";
        public const string Opportunity = "opportunityid";

        /// <summary>The competitor that won a lost opportunity.</summary>
        public const string Competitor = "competitorid";
        public const string ActualEnd = "actualend";
    }

    /// <summary>The Sales app's competitor table.</summary>
    public static class Competitor
    {
        public const string EntityLogicalName = "competitor";
        public const string PrimaryId = "competitorid";
        public const string Name = "name";
    }
}
