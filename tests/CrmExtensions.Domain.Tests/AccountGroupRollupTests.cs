using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Hierarchy;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class AccountGroupRollupTests
    {
        private static readonly Guid Parent = Id(1), Europe = Id(2), France = Id(3), Asia = Id(4);

        private static Guid Id(int n) => new Guid($"00000000-0000-0000-0000-{n:D12}");

        private static GroupMember Member(Guid id, Guid? parent, string name, decimal value, int churn, string reasons = null) =>
            new GroupMember(id, parent, name, value, value / 2, value * 4, churn, reasons);

        private static CrmExtensionsSettings Settings(string hierarchy = null) =>
            SettingsLoader.Load(@"{ ""valueMatrix"": { ""thresholds"": ""absolute"", ""currentValueThreshold"": 10000, ""growthPotentialThreshold"": 4000 }"
                + (hierarchy == null ? "" : @", ""hierarchy"": " + hierarchy) + " }");

        [Fact]
        public void Subsidiaries_at_every_level_roll_up_into_the_parent_as_one_customer()
        {
            var group = new AccountGroupRollup(Settings()).Roll(Member(Parent, null, "Contoso Group", 2000m, 10),
                new[] { Member(Europe, Parent, "Contoso Europe", 5000m, 20), Member(France, Europe, "Contoso France", 4000m, 70, "3 open complaints"), Member(Asia, Parent, "Contoso Asia", 1000m, 5) },
                ValueTier.Lead, null);
            Assert.Equal(4, group.Size);
            Assert.Equal(12000m, group.CurrentValue);
            Assert.Equal(6000m, group.GrowthPotential);
            Assert.Equal(48000m, group.LifetimeProfit);
            Assert.Equal(ValueTier.Platinum, group.Tier); // 12,000 ≥ 10,000 and 6,000 ≥ 4,000: each alone is lead
            Assert.Equal(70, group.ChurnScore);
            Assert.Equal("Most at risk of 4 accounts: Contoso France (70): 3 open complaints", group.ChurnView);
        }

        [Fact]
        public void The_churn_view_can_weigh_each_account_by_its_value()
        {
            var group = new AccountGroupRollup(Settings(@"{ ""churn"": ""valueWeighted"" }")).Roll(Member(Parent, null, "Group", 1000m, 10),
                new[] { Member(Europe, Parent, "Europe", 3000m, 50) }, ValueTier.Lead, null);
            Assert.Equal(40, group.ChurnScore); // (1,000 × 10 + 3,000 × 50) / 4,000
            Assert.StartsWith("40% of the group's current value at risk across 2 accounts", group.ChurnView);
        }

        [Fact]
        public void Parent_only_keeps_the_parents_own_value_and_tier()
        {
            var group = new AccountGroupRollup(Settings(@"{ ""value"": ""parentOnly"" }")).Roll(Member(Parent, null, "Group", 1000m, 10),
                new[] { Member(Europe, Parent, "Europe", 30000m, 50) }, ValueTier.Iron, null);
            Assert.Equal(1000m, group.CurrentValue);
            Assert.Equal(ValueTier.Iron, group.Tier);
            Assert.Equal(50, group.ChurnScore);
        }

        [Fact]
        public void An_account_without_subsidiaries_is_not_a_group()
        {
            Assert.Null(new AccountGroupRollup(Settings()).Roll(Member(Parent, null, "Alone", 1000m, 10), Array.Empty<GroupMember>(), ValueTier.Lead, null));
        }

        [Fact]
        public void A_hierarchy_loop_counts_each_account_once_and_names_the_loop()
        {
            // Parent → Europe → France → Parent: the parent's own row comes back as France's child.
            var group = new AccountGroupRollup(Settings()).Roll(Member(Parent, France, "Contoso Group", 2000m, 10),
                new[] { Member(Europe, Parent, "Contoso Europe", 5000m, 20), Member(France, Europe, "Contoso France", 4000m, 30), Member(Parent, France, "Contoso Group", 2000m, 10) },
                ValueTier.Lead, null);
            Assert.Equal(3, group.Size);
            Assert.Equal(11000m, group.CurrentValue);
            Assert.StartsWith("Hierarchy loop: Contoso Group is both above and below Contoso France; counted once, correct its parent account. ", group.ChurnView);
        }

        [Fact]
        public void Levels_beyond_the_maximum_depth_are_named_not_counted()
        {
            var chain = Enumerable.Range(2, 5).Select(n => Member(Id(n), Id(n - 1), "Level " + (n - 1), 100m, 1)).ToList();
            var group = new AccountGroupRollup(Settings(@"{ ""maxDepth"": 3 }")).Roll(Member(Id(1), null, "Top", 100m, 1), chain, ValueTier.Lead, null);
            Assert.Equal(4, group.Size); // top and three levels
            Assert.StartsWith("Accounts below Level 3 are more than 3 levels down and not rolled up. ", group.ChurnView);
        }

        [Fact]
        public void A_group_tier_near_a_line_holds_by_the_hysteresis_band()
        {
            var rollup = new AccountGroupRollup(Settings());
            var parent = new GroupMember(Parent, null, "P", 4500m, 100m, 0m, 0, null);
            var child = new[] { new GroupMember(Europe, Parent, "Europe", 5000m, 100m, 0m, 0, null) };
            // 9,500 in all: below the 10,000 line but inside the 10 % band of a group that was gold.
            Assert.Equal(ValueTier.Gold, rollup.Roll(parent, child, ValueTier.Lead, ValueTier.Gold).Tier);
            Assert.Equal(ValueTier.Lead, rollup.Roll(parent, child, ValueTier.Lead, null).Tier);
        }
    }
}
