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

    /// <summary>The complaints section: which case types are complaints (the platform's Problem is 2; an org adds its own).</summary>
    public sealed class ComplaintSettings
    {
        public List<int> CaseTypes { get; set; }
    }
}
