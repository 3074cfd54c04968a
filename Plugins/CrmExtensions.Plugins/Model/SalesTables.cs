// The platform's sales tables the product reads: orders, invoices, products, opportunities, competitors. See Schema.cs.

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
        public const string SubmitDate = "submitdate";
        public const string StateCode = "statecode";
        public const int StateCanceled = 2;
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
