using System;
using System.Linq;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>
    /// Keeps a customer's ledger inside the column that stores it. Purchases are what grows without bound, so the oldest
    /// of those held one by one go into the per-table totals, a month at a time (the cut moves on, and a later change to
    /// one of them is read in full), until the ledger fits. They stay in the lifetime totals; only the oldest months of
    /// the window lose their breakdown by period. Nothing else is touched: complaints, surveys, contacts, competitors,
    /// losses, and the markers of removed and dismissed records all stay, so the ledger never forgets what a full read
    /// cannot find again.
    /// </summary>
    public static class LedgerFit
    {
        public static void Fit(CustomerFactsLedger ledger, int maxLength)
        {
            for (var length = ledger.Serialize().Length; length > maxLength; length = ledger.Serialize().Length)
            {
                var oldest = ledger.Purchases.Live.Select(p => (DateTime?)p.Date).Min();
                if (!oldest.HasValue)
                    throw new DomainValidationException($"The customer's facts need {length} characters even with every purchase in totals; their column holds {maxLength}.");
                ledger.FoldPurchasesBefore(new DateTime(oldest.Value.Year, oldest.Value.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1));
            }
        }
    }
}
