using System;
using System.Linq;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Value;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class CoverageAssessorTests
    {
        private static readonly DateTime AsOf = Build.AsOf;
        private readonly CoverageAssessor _coverage = new CoverageAssessor(Build.Settings.Coverage);

        private static KnownContact Contact(ContactLayer? layer, ContactFunction? function, int? daysAgo = null) =>
            new KnownContact(Guid.NewGuid(), layer, function, daysAgo.HasValue ? AsOf.AddDays(-daysAgo.Value) : (DateTime?)null);

        [Fact]
        public void Counts_contacts_and_the_last_activity_per_layer_and_function()
        {
            var coverage = _coverage.Assess(new[]
            {
                Contact(ContactLayer.Operational, ContactFunction.UserDepartment, 10),
                Contact(ContactLayer.Operational, ContactFunction.Technical, 40),
                Contact(ContactLayer.Decision, ContactFunction.Finance, 30),
                Contact(null, null, 1),
            }, ValueTier.Lead, AsOf, null);
            Assert.Equal(2, coverage.Layers[ContactLayer.Operational].Contacts);
            Assert.Equal(AsOf.AddDays(-10), coverage.Layers[ContactLayer.Operational].LastActivityOn);
            Assert.Equal(0, coverage.Layers[ContactLayer.Management].Contacts);
            Assert.Null(coverage.Layers[ContactLayer.Management].LastActivityOn);
            Assert.Equal(AsOf.AddDays(-30), coverage.Functions[ContactFunction.Finance].LastActivityOn);
            Assert.Empty(coverage.Gaps); // lead accounts are not watched
        }

        [Theory]
        [InlineData(ValueTier.Platinum)]
        [InlineData(ValueTier.Gold)]
        public void A_watched_account_without_decision_and_finance_contacts_has_both_gaps(ValueTier tier)
        {
            var coverage = _coverage.Assess(new[] { Contact(ContactLayer.Operational, ContactFunction.Technical, 5) }, tier, AsOf, null);
            Assert.Equal(new[] { ChurnReasonCode.NoDecisionContact, ChurnReasonCode.NoFinanceContact }, coverage.Gaps.Select(g => g.Code));
            Assert.Equal($"No contact at the decision layer of this {tier} account", coverage.Gaps[0].Description);
            Assert.Equal(15, coverage.Gaps[0].Points);
            Assert.Contains("No contact in finance, who approves the money", coverage.GapSummary);
        }

        [Fact]
        public void Iron_and_lead_accounts_are_not_watched_unless_configured()
        {
            Assert.Empty(_coverage.Assess(Array.Empty<KnownContact>(), ValueTier.Iron, AsOf, null).Gaps);
            var settings = Build.Settings.Coverage;
            settings.Tiers.Add(ValueTier.Iron);
            Assert.Equal(2, new CoverageAssessor(settings).Assess(Array.Empty<KnownContact>(), ValueTier.Iron, AsOf, null).Gaps.Count);
        }

        [Theory]
        [InlineData(181, true)]
        [InlineData(180, false)]
        public void The_decision_layer_is_silent_after_the_configured_days(int daysAgo, bool silent)
        {
            var coverage = _coverage.Assess(new[] { Contact(ContactLayer.Decision, ContactFunction.Finance, daysAgo) }, ValueTier.Gold, AsOf, null);
            Assert.Equal(silent, coverage.Gaps.Any(g => g.Code == ChurnReasonCode.DecisionLayerSilent));
            if (silent) Assert.Equal("No activity with the decision layer for 181 days (last 2026-05-04)", coverage.Gaps.Single().Description);
        }

        [Fact]
        public void A_decision_contact_without_any_activity_is_silent_and_a_completed_meeting_ends_the_silence()
        {
            var contacts = new[] { Contact(ContactLayer.Decision, ContactFunction.Finance) };
            Assert.Equal("No activity with the decision layer on record", _coverage.Assess(contacts, ValueTier.Platinum, AsOf, null).GapSummary);
            Assert.Empty(_coverage.Assess(contacts, ValueTier.Platinum, AsOf, AsOf.AddDays(-20)).Gaps);
        }

        [Fact]
        public void An_unknown_layer_or_function_is_refused_by_name()
        {
            var layer = Assert.Throws<DomainValidationException>(() => new KnownContact(Guid.Empty, (ContactLayer)9, null, null));
            Assert.Contains("layer 9, which is not operational, management or decision", layer.Message);
            var function = Assert.Throws<DomainValidationException>(() => new KnownContact(Guid.Empty, null, (ContactFunction)0, null));
            Assert.Contains("function 0, which is not user department, technical or finance", function.Message);
        }
    }
}
