using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>Purchases older than the ledger's cut, added up per source table once they leave the analysis window.</summary>
    public sealed class PurchaseTotals
    {
        public int Orders { get; set; }
        public decimal Revenue { get; set; }
        public decimal Discount { get; set; }
        public DateTime? First { get; set; }
        public DateTime? Last { get; set; }
        public List<string> Families { get; set; } = new List<string>();

        public void Add(int orders, decimal revenue, decimal discount, DateTime? first, DateTime? last, IEnumerable<string> families)
        {
            Orders += orders;
            Revenue += revenue;
            Discount += discount;
            if (first.HasValue && (!First.HasValue || first < First)) First = first;
            if (last.HasValue && (!Last.HasValue || last > Last)) Last = last;
            foreach (var family in families ?? Enumerable.Empty<string>())
                if (!string.IsNullOrWhiteSpace(family) && !Families.Contains(family, StringComparer.OrdinalIgnoreCase)) Families.Add(family);
        }
    }
}
