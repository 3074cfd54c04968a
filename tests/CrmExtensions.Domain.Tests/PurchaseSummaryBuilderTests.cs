using System;
using System.Linq;
using CrmExtensions.Domain.Purchases;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class PurchaseSummaryBuilderTests
    {
        private readonly PurchaseSummaryBuilder _builder = new PurchaseSummaryBuilder(Build.Settings);
        private static readonly DateTime AsOf = Build.AsOf;

        [Fact]
        public void Lines_are_bucketed_by_quarter()
        {
            var summary = _builder.Build(new[]
            {
                new PurchaseLine(AsOf.AddDays(-10), 1000m, "hardware", margin: 400m),
                new PurchaseLine(AsOf.AddDays(-100), 920m, "services", discount: 46m),
                new PurchaseLine(AsOf.AddMonths(-30), 999m, "HARDWARE"),
            }, AsOf);

            Assert.Equal(3, summary.LifetimeOrders);
            Assert.Equal(2, summary.ProductFamiliesBought);
            Assert.Equal(new PeriodActivity(1, 1000m, 400m), summary.Periods[7]);
            Assert.Equal(new PeriodActivity(1, 920m, 230m), summary.Periods[6]);
            Assert.Equal(AsOf.AddMonths(-30), summary.FirstPurchaseOn);
            Assert.Equal(Math.Round(2919m / 2965m, 6), Math.Round(summary.UndiscountedRevenueShare, 6)); // paid of list value
            Assert.Equal(2, summary.Periods.Sum(p => p.Orders)); // the 30-month-old line is older than the 8 quarters kept
        }

        [Theory]
        [InlineData(-5, 0, "negative amount")]
        [InlineData(5, 30, "after the evaluation date")]
        public void Bad_lines_are_rejected_naming_the_line(int amount, int daysAhead, string expected)
        {
            var lines = new[] { new PurchaseLine(AsOf.AddDays(-1), 10m), new PurchaseLine(AsOf.AddDays(daysAhead), amount) };
            var error = Assert.Throws<DomainValidationException>(() => _builder.Build(lines, AsOf));
            Assert.Contains("Purchase line 2", error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void An_empty_history_is_a_customer_without_purchases()
        {
            var summary = _builder.Build(Array.Empty<PurchaseLine>(), AsOf);
            Assert.False(summary.HasPurchases);
            Assert.Equal(8, summary.Periods.Count);
            Assert.Throws<DomainValidationException>(() => _builder.Build(null, AsOf));
        }
    }
}
