using System;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Value;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class ValueTests
    {
        private static CrmExtensionsSettings With(string json) => SettingsLoader.Load(json);

        [Fact]
        public void Lifetime_profit_is_the_discounted_sum_of_yearly_profit()
        {
            var clp = new CustomerLifetimeProfit(With(@"{ ""clp"": { ""discountRate"": 0.1, ""retentionRate"": 1, ""horizonYears"": 3 } }"));
            var result = clp.Discount(1000m, 0m);
            // 1000/1.1 + 1000/1.21 + 1000/1.331
            Assert.Equal(2486.85m, Math.Round(result.FromCurrent, 2));
            Assert.Equal(0m, result.FromPotential);
        }

        [Fact]
        public void Potential_ramps_in_and_survival_discounts_later_years()
        {
            var clp = new CustomerLifetimeProfit(With(@"{ ""clp"": { ""discountRate"": 0, ""retentionRate"": 0.5, ""horizonYears"": 3, ""potentialRampYears"": 2 } }"));
            var result = clp.Discount(0m, 100m);
            // year 1: 100·½·1, year 2: 100·1·0.5, year 3: 100·1·0.25
            Assert.Equal(125m, result.FromPotential);
        }

        [Fact]
        public void Current_value_and_growth_potential_split_as_documented()
        {
            var clp = new CustomerLifetimeProfit(Build.Settings);
            // 8 quarters: 4 older at 2,000 revenue, 4 recent at 4,000 → profit 25%: recent year 4,000.
            var purchases = Build.Quarters(new[] { 2000m, 2000m, 2000m, 2000m, 4000m, 4000m, 4000m, 4000m }, families: 2);
            var value = clp.Evaluate(purchases, referralsMade: 3);
            Assert.Equal(4000m, value.CurrentValue);
            // This window's profit 4,000 vs 2,000 in the window before: +100%, capped at clp.maxTrendGrowth 0.5.
            Assert.Equal(2000m, value.IncrementalPurchase);
            // One more family within a year with chance 0.3, worth 4,000 / 2 families.
            Assert.Equal(600m, value.CrossPurchase);
            Assert.Equal(1500m, value.Referrals);
            Assert.Equal(4100m, value.GrowthPotential);
            Assert.True(value.LifetimeProfit > 0);
        }

        [Fact]
        public void Rising_trend_adds_capped_incremental_purchase()
        {
            var clp = new CustomerLifetimeProfit(Build.Settings);
            var purchases = Build.Quarters(new[] { 0m, 0m, 0m, 0m, 1000m, 1000m, 4000m, 4000m }, families: 6);
            var value = clp.Evaluate(purchases, 0);
            Assert.Equal(2500m, value.CurrentValue);
            Assert.Equal(1250m, value.IncrementalPurchase); // growth capped at clp.maxTrendGrowth 0.5
            Assert.Equal(0m, value.CrossPurchase);
        }

        [Fact]
        public void No_purchases_is_zero_value_not_an_error()
        {
            var value = new CustomerLifetimeProfit(Build.Settings).Evaluate(PurchaseSummary.None(8), 0);
            Assert.Equal(0m, value.CurrentValue);
            Assert.Equal(0m, value.LifetimeProfit);
        }

        [Property]
        public bool Lifetime_profit_falls_as_the_discount_rate_rises(FsCheck.PositiveInt profit, byte lowRate, byte step)
        {
            var low = lowRate % 80 / 100m;
            var high = low + (step % 15 + 1) / 100m;
            decimal Clp(decimal rate) => new CustomerLifetimeProfit(With($@"{{ ""clp"": {{ ""discountRate"": {rate} }} }}")).Discount(profit.Get, profit.Get).FromCurrent;
            return Clp(high) < Clp(low);
        }

        [Theory]
        [InlineData(6000, 3000, ValueTier.Platinum)]
        [InlineData(6000, 100, ValueTier.Gold)]
        [InlineData(100, 3000, ValueTier.Iron)]
        [InlineData(100, 100, ValueTier.Lead)]
        [InlineData(5000, 2000, ValueTier.Platinum)]
        public void Matrix_quadrants(int current, int potential, ValueTier expected)
        {
            Assert.Equal(expected, new CustomerValueMatrix(Build.Settings.ValueMatrix).Classify(current, potential));
        }

        [Theory]
        [InlineData(ValueTier.Gold, 4600, 0, ValueTier.Gold)]
        [InlineData(ValueTier.Gold, 4400, 0, ValueTier.Lead)]
        [InlineData(ValueTier.Lead, 5400, 0, ValueTier.Lead)]
        [InlineData(ValueTier.Lead, 5600, 0, ValueTier.Gold)]
        [InlineData(ValueTier.Iron, 0, 1850, ValueTier.Iron)]
        [InlineData(ValueTier.Platinum, 4600, 1850, ValueTier.Platinum)]
        public void Hysteresis_keeps_customers_near_a_line_in_their_tier(ValueTier previous, int current, int potential, ValueTier expected)
        {
            Assert.Equal(expected, new CustomerValueMatrix(Build.Settings.ValueMatrix).Classify(current, potential, previous));
        }

        private static bool HighCurrent(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Gold;
        private static bool HighPotential(ValueTier t) => t == ValueTier.Platinum || t == ValueTier.Iron;

        [Property]
        public bool Tier_is_monotonic_in_current_value_and_potential(FsCheck.NonNegativeInt current, FsCheck.NonNegativeInt potential, FsCheck.NonNegativeInt more, byte previous)
        {
            var matrix = new CustomerValueMatrix(Build.Settings.ValueMatrix);
            ValueTier? prev = previous % 5 == 0 ? (ValueTier?)null : (ValueTier)(previous % 5);
            var a = matrix.Classify(current.Get, potential.Get, prev);
            var b = matrix.Classify(current.Get + more.Get, potential.Get + more.Get, prev);
            return (!HighCurrent(a) || HighCurrent(b)) && (!HighPotential(a) || HighPotential(b));
        }
    }
}
