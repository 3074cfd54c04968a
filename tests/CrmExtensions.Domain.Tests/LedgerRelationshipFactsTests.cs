using System;
using System.Linq;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Loss;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    /// <summary>The ledger's contacts, competitors and losses (version 3): what events set, what compaction keeps, what the facts see.</summary>
    public class LedgerRelationshipFactsTests
    {
        private static readonly DateTime AsOf = Build.AsOf;
        private static readonly CrmExtensionsSettings Settings = Build.Settings;

        private static CustomerFactsLedger Ledger()
        {
            var ledger = CustomerFactsLedger.Empty(AsOf, Settings.Analysis);
            ledger.Contacts.Put(Guid.NewGuid(), new ContactEntry { Layer = ContactLayer.Decision, Function = ContactFunction.Finance, LastActivityOn = AsOf.AddDays(-12) });
            ledger.Competitors.Put(Guid.NewGuid(), new CompetitorEntry
            {
                Competitor = "Fabrikam", Kind = CompetitorSignalKind.Recorded, On = AsOf.AddDays(-20), Trend = CompetitorTrend.GainingGround,
                Satisfaction = 4, Relationship = CompetitorRelationship.Strong, Representative = "Jane Roe", Products = "ERP",
            });
            ledger.Losses.Put(Guid.NewGuid(), new LossEntry { LostOn = AsOf.AddDays(-300), Detection = LossDetection.ClosedByUser, Family = LossCauseFamily.Competitor,
                Cause = LossCause.CompetitorPrice, Outcome = WinBackOutcome.WonBack, RecoveredOn = AsOf.AddDays(-100) });
            return ledger;
        }

        [Fact]
        public void Contacts_competitors_and_losses_survive_the_json_exactly()
        {
            var json = Ledger().Serialize();
            Assert.Equal(json, CustomerFactsLedger.Parse(json).Serialize());
        }

        [Fact]
        public void A_version_2_ledger_is_read_again_in_full_because_it_lacks_these_facts()
        {
            Assert.Null(CustomerFactsLedger.Parse("{\"v\":2,\"cut\":\"2024-11-01T00:00:00Z\",\"p\":{},\"e\":{},\"c\":{},\"s\":{},\"r\":{}}"));
        }

        [Fact]
        public void An_accounts_facts_carry_its_contacts_a_contacts_facts_do_not()
        {
            var ledger = Ledger();
            var account = ledger.ToFacts(Guid.NewGuid(), AsOf, Settings, null, null, coversContacts: true);
            var contact = Assert.Single(account.Contacts);
            Assert.Equal(ContactLayer.Decision, contact.Layer);
            Assert.Equal(AsOf.AddDays(-12), contact.LastActivityOn);
            Assert.Null(ledger.ToFacts(Guid.NewGuid(), AsOf, Settings, null, null).Contacts);
            Assert.Equal("Jane Roe", Assert.Single(account.Competitors).Representative);
            Assert.Equal(AsOf.AddDays(-100), Assert.Single(account.Losses).RecoveredOn);
        }

        [Fact]
        public void A_deleted_loss_stays_dismissed_beyond_the_removal_markers_lifetime_old_competitor_signals_go()
        {
            var ledger = Ledger();
            var dismissed = Guid.NewGuid();
            ledger.Losses.Withdraw(dismissed, AsOf.AddDays(-400));
            ledger.Competitors.Put(Guid.NewGuid(), new CompetitorEntry { Competitor = "Old", Kind = CompetitorSignalKind.LostOpportunity, On = AsOf.AddDays(-400) });
            ledger.Compact(AsOf, Settings);
            var facts = ledger.ToFacts(Guid.NewGuid(), AsOf, Settings, null, null);
            Assert.Contains(dismissed, facts.DismissedLosses);
            Assert.DoesNotContain(facts.Competitors, c => c.Competitor == "Old");
            Assert.Single(facts.Competitors);
        }

        [Fact]
        public void The_facts_know_the_dates_of_the_purchases_held_one_by_one()
        {
            var ledger = CustomerFactsLedger.Empty(AsOf, Settings.Analysis);
            ledger.Purchases.Put(Guid.NewGuid(), new PurchaseEntry { Table = "salesorder", Date = AsOf.AddDays(-40), Revenue = 10m, Families = new System.Collections.Generic.List<string>() });
            ledger.Purchases.Put(Guid.NewGuid(), new PurchaseEntry { Table = "salesorder", Date = AsOf.AddDays(-5), Revenue = 10m, Families = new System.Collections.Generic.List<string>() });
            Assert.Equal(new[] { AsOf.AddDays(-40), AsOf.AddDays(-5) }, ledger.ToFacts(Guid.NewGuid(), AsOf, Settings, null, null).RecentPurchaseDates.OrderBy(d => d));
        }
    }
}
