using System;
using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// ConvertSalesOrderToInvoice: the platform creates the invoice of the order (its customer, name and currency, and
    /// salesorderid naming the order; that Create runs the invoice's steps), prices it as the order was priced, and sets
    /// the order Invoiced (state 4), which Microsoft's SetState docs say only this message does. The pricing and the
    /// order's new state are the platform's own writes: no Update or SetState step sees them (the docs list no plug-in
    /// event for this message, and community reports see none), so the invoice's Create is where a step learns of it.
    /// </summary>
    internal sealed class ConvertSalesOrderToInvoiceHandler : PipelineMessage
    {
        private const string Order = "salesorder";
        private const int InvoicedState = 4;

        /// <summary>An active, submitted or fulfilled order can be invoiced.</summary>
        private static readonly int[] Invoiceable = { 0, 1, 3 };

        /// <summary>The header columns the invoice takes from the order, and the totals its pricing sets.</summary>
        private static readonly string[] Header = { "customerid", "name", DerivedColumns.TransactionCurrency, "pricelevelid", "discountamount", "discountpercentage" };
        private static readonly string[] Totals = { "totalamount", "totaldiscountamount", "totallineitemamount", "totalamountlessfreight", "totaltax" };

        public ConvertSalesOrderToInvoiceHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "ConvertSalesOrderToInvoice";

        public override void ResolvePrimary(Operation operation)
        {
            if (!(operation.Request.Parameters.Contains("SalesOrderId") && operation.Request["SalesOrderId"] is Guid id) || id == Guid.Empty)
                throw Invalid("ConvertSalesOrderToInvoice needs a SalesOrderId.");
            operation.PrimaryEntity = Order;
            operation.PrimaryId = id;
        }

        public override OrganizationResponse Execute(Operation operation)
        {
            var order = Host.Store.Get(Order, operation.PrimaryId);
            var state = order.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
            if (Array.IndexOf(Invoiceable, state) < 0)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"ConvertSalesOrderToInvoice: the order is in state {state}; a cancelled or invoiced order is not invoiced again.");
            var invoice = new Entity("invoice") { ["salesorderid"] = new EntityReference(Order, order.Id) };
            foreach (var column in Header)
                if (order.Contains(column)) invoice[column] = EntityCloner.CloneValue(order[column]);
            var creating = operation.Scope.Copy(operation.Scope.UserId);
            creating.Depth = operation.Depth;
            var id = ((CreateResponse)Host.Execute(new CreateRequest { Target = invoice }, creating)).id;
            Price(id, order, operation.Scope.UserId);
            Change(operation, Order, order.Id, StateChange(new EntityReference(Order, order.Id), InvoicedState, -1));
            var response = new ConvertSalesOrderToInvoiceResponse();
            var columns = Parameter<ColumnSet>(operation.Request, "ColumnSet") ?? new ColumnSet("invoiceid");
            response.Results["Entity"] = EntityCloner.Clone(Host.Store.Get("invoice", id), c => columns.AllColumns || columns.Columns.Contains(c));
            return response;
        }

        /// <summary>The invoice's totals as the order's, with their base values at the invoice's rate.</summary>
        private void Price(Guid invoiceId, Entity order, Guid userId)
        {
            var totals = new Entity("invoice", invoiceId);
            foreach (var column in Totals)
                if (order.Contains(column)) totals[column] = EntityCloner.CloneValue(order[column]);
            var row = EntityCloner.Clone(Host.Store.Get("invoice", invoiceId));
            foreach (var column in totals.Attributes) row[column.Key] = column.Value;
            Host.Derived.OnUpdate(row, totals, userId, Host.UtcNow);
            Host.Store.Replace(row);
        }
    }
}
