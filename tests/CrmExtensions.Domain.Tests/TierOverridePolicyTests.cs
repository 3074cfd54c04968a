using System;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class TierOverridePolicyTests
    {
        private static readonly DateTime Now = Build.AsOf;

        private static TierOverrideEdit Override(string reason = "Strategic reference customer", DateTime? until = null) =>
            new TierOverrideEdit { TierChanged = true, Tier = ValueTier.Platinum, Override = true, Reason = reason, ReasonChanged = true, Until = until, UntilChanged = until.HasValue };

        [Theory]
        [InlineData(true, false, "A new customer gets its tier from its first recalculation")]
        [InlineData(false, true, "'Tier override by' is set by the system and cannot be edited.")]
        public void Some_override_columns_cannot_be_edited_at_all(bool isCreate, bool overrideByChanged, string expected)
        {
            Assert.StartsWith(expected, Assert.Throws<DomainValidationException>(() => TierOverridePolicy.CheckEditable(isCreate, overrideByChanged)).Message);
        }

        [Fact]
        public void An_update_may_edit_the_override()
        {
            TierOverridePolicy.CheckEditable(isCreate: false, overrideByChanged: false);
            TierOverridePolicy.Check(Override(until: Now.AddDays(1)), Now);
        }

        public static TheoryData<string, TierOverrideEdit, string> Refusals => new TheoryData<string, TierOverrideEdit, string>
        {
            { "tier without override", new TierOverrideEdit { TierChanged = true, Tier = ValueTier.Gold }, "The customer tier is maintained by recalculation." },
            { "override without tier", new TierOverrideEdit { Override = true, Reason = "Strategic reference customer" }, "A tier override needs a tier" },
            { "blank reason", Override("          "), "A tier override needs a reason of at least 10 characters." },
            { "short reason", Override(" too short "), "A tier override needs a reason of at least 10 characters." },
            { "long reason", Override(new string('x', 2001)), "The override reason is 2001 characters long; at most 2000 are allowed." },
            { "end date today", Override(until: Now), "'Tier override until' (2026-11-01) must be in the future." },
            { "reason without override", new TierOverrideEdit { ReasonChanged = true, Reason = "Because I said so" }, "An override reason or end date only applies with 'Tier override' ticked." },
            { "end date without override", new TierOverrideEdit { UntilChanged = true, Until = Now.AddDays(5) }, "An override reason or end date only applies with 'Tier override' ticked." },
        };

        [Theory]
        [MemberData(nameof(Refusals))]
        public void An_edit_that_breaks_a_rule_is_refused_with_the_rule(string edit, TierOverrideEdit values, string expected)
        {
            var error = Assert.Throws<DomainValidationException>(() => TierOverridePolicy.Check(values, Now));
            Assert.True(error.Message.StartsWith(expected, StringComparison.Ordinal), $"{edit}: {error.Message}");
        }

        [Fact]
        public void Clearing_an_override_needs_no_reason()
        {
            TierOverridePolicy.Check(new TierOverrideEdit { ReasonChanged = true, Reason = null, UntilChanged = true }, Now);
        }

        [Theory]
        [InlineData(true, null, true)]
        [InlineData(true, 0, true)]
        [InlineData(true, -1, false)]
        [InlineData(false, 30, false)]
        public void An_override_holds_until_its_end_date_inclusive(bool overridden, int? untilInDays, bool holds)
        {
            Assert.Equal(holds, TierOverridePolicy.Holds(overridden, untilInDays.HasValue ? Now.AddDays(untilInDays.Value) : (DateTime?)null, Now));
        }

        [Fact]
        public void The_audit_records_the_trimmed_reason_under_a_name_that_shows_no_tier()
        {
            var record = TierOverridePolicy.RecordOf(Override("  Strategic reference customer  "));
            Assert.Equal("Tier override", record.Title);
            Assert.Equal("Strategic reference customer", record.Reason);
        }

        [Fact]
        public void The_audit_of_a_removal_says_so_without_the_tier_it_held()
        {
            var record = TierOverridePolicy.RecordOf(new TierOverrideEdit { Override = false });
            Assert.Equal("Tier override removed", record.Title);
            Assert.Equal("Override removed", record.Reason);
        }
    }
}
