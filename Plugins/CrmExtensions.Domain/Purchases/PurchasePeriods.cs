using System;

namespace CrmExtensions.Domain.Purchases
{
    /// <summary>The analysis periods a purchase history is bucketed into.</summary>
    public static class PurchasePeriods
    {
        /// <summary>
        /// Index of the period that holds <paramref name="date"/>; -1 if older. Periods are whole calendar months counted back
        /// from the month of <paramref name="asOf"/>, so ledger entries and month-grouped (FetchXML) totals agree exactly.
        /// </summary>
        public static int IndexOf(DateTime date, DateTime asOf, int periodMonths, int periodCount)
        {
            var monthsBack = (asOf.Year - date.Year) * 12 + asOf.Month - date.Month;
            var back = Math.Max(0, monthsBack) / periodMonths;
            return back >= periodCount ? -1 : periodCount - 1 - back;
        }
    }
}
