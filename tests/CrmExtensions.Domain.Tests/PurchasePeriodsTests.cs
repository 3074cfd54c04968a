using System;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    /// <summary>Whole calendar months counted back from the as-of month, so line-by-line and month-grouped totals agree.</summary>
    public class PurchasePeriodsTests
    {
        private static readonly DateTime AsOf = new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("2026-11-01", 7)] // the as-of month: the newest of 8 quarters
        [InlineData("2026-09-30", 7)] // two months back: still the newest quarter
        [InlineData("2026-08-31", 6)] // three months back: the quarter before
        [InlineData("2024-12-01", 0)] // 23 months back: the oldest quarter kept
        [InlineData("2024-11-30", -1)] // 24 months back: older than the 8 quarters
        [InlineData("2026-12-20", 7)] // after the as-of month: the newest quarter
        public void A_date_falls_in_the_quarter_of_its_calendar_month(string date, int index)
        {
            Assert.Equal(index, PurchasePeriods.IndexOf(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture), AsOf, 3, 8));
        }
    }
}
