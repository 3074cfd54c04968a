using System;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class PurchaseSummaryTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

        [Theory]
        [InlineData(true, false, 1, 1, "1.0")]
        [InlineData(false, false, -1, 0, "1.0")]
        [InlineData(false, false, 0, 0, "1.5")]
        public void An_inconsistent_summary_is_rejected(bool hasFirst, bool hasLast, int orders, int families, string undiscounted)
        {
            Assert.Throws<DomainValidationException>(() => new PurchaseSummary(hasFirst ? AsOf : (DateTime?)null, hasLast ? AsOf : (DateTime?)null,
                orders, new PeriodActivity[8], families, decimal.Parse(undiscounted, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
