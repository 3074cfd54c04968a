using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>How far an order has gone through the Sales process, in the order it gets there (a cancelled order has no stage).</summary>
    public enum OrderStage
    {
        Active,
        Submitted,
        Fulfilled,
        Invoiced,
    }

    /// <summary>The order dates a purchase may be dated by; settings list them by these names (any case: datefulfilled, submitdate, createdon).</summary>
    public enum OrderDate
    {
        DateFulfilled,
        SubmitDate,
        CreatedOn,
    }

    /// <summary>Whether an order is a purchase, and why.</summary>
    public enum OrderStanding
    {
        /// <summary>Cancelled, or not far enough and not invoiced: no purchase.</summary>
        None,

        /// <summary>Far enough through the process on its own.</summary>
        ByStage,

        /// <summary>Not far enough on its own, but an invoice raised from it makes it a purchase.</summary>
        ByInvoice,
    }

    /// <summary>
    /// What counts as a purchase, and when, in one place: an order from the configured stage on, dated by the first of the
    /// configured dates it has; an invoice raised from an order is that order's purchase (never a second one) and makes it
    /// count if it does not yet; an invoice on its own is a purchase; cancelled orders and invoices are none. Amounts are
    /// the platform's base-currency values, so the definition needs no exchange rate.
    /// </summary>
    public sealed class PurchaseDefinition
    {
        public PurchaseDefinition(PurchaseSettings settings)
        {
            CountsFrom = settings.OrderCountsFrom;
            OrderDates = settings.OrderDates.ToList();
        }

        public OrderStage CountsFrom { get; }

        /// <summary>The dates an order is dated by, the first one it has winning.</summary>
        public IReadOnlyList<OrderDate> OrderDates { get; }

        /// <summary>The stages in which an order counts on its own.</summary>
        public IEnumerable<OrderStage> CountingStages => Stages.Where(s => s >= CountsFrom);

        /// <summary>The stages in which an order counts only through an invoice raised from it.</summary>
        public IEnumerable<OrderStage> InvoiceOnlyStages => Stages.Where(s => s < CountsFrom);

        /// <param name="stage">Null for a cancelled order.</param>
        /// <param name="invoiced">Whether a live (not cancelled) invoice was raised from it.</param>
        public OrderStanding Standing(OrderStage? stage, bool invoiced)
        {
            if (!stage.HasValue) return OrderStanding.None;
            if (stage.Value >= CountsFrom) return OrderStanding.ByStage;
            return invoiced ? OrderStanding.ByInvoice : OrderStanding.None;
        }

        /// <summary>The order's purchase date: the first configured date it has, or none (then it is not dated and does not count).</summary>
        public DateTime? DateOf(Func<OrderDate, DateTime?> valueOf)
        {
            foreach (var date in OrderDates)
            {
                var value = valueOf(date);
                if (value.HasValue) return value;
            }
            return null;
        }

        private static IEnumerable<OrderStage> Stages => (OrderStage[])Enum.GetValues(typeof(OrderStage));
    }
}
