using System.Collections.Generic;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Configuration
{
    /// <summary>The purchases section: from which stage an order counts and which dates date it (see <see cref="PurchaseDefinition"/>).</summary>
    public sealed class PurchaseSettings
    {
        public OrderStage OrderCountsFrom { get; set; }

        /// <summary>Tried in this order; the first one an order has dates it.</summary>
        public List<OrderDate> OrderDates { get; set; }
    }
}
