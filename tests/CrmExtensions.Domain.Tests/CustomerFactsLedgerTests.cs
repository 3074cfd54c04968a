using System;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using FsCheck;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class CustomerFactsLedgerTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

        private static PurchaseEntry Order(decimal revenue, DateTime date, DateTime changed, params string[] families) =>
            new PurchaseEntry { Table = "salesorder", Date = date, Revenue = revenue, Changed = changed, Families = families.ToList() };

        private static CustomerFactsLedger Ledger() => CustomerFactsLedger.Empty(AsOf, Build.Settings.Analysis);

        [Fact]
        public void A_contribution_is_set_by_record_id_so_applying_it_again_changes_nothing()
        {
            var ledger = Ledger();
            var id = Guid.NewGuid();
            ledger.Purchases.Put(id, Order(100m, AsOf.AddDays(-5), AsOf.AddDays(-5)));
            var once = ledger.Serialize();
            ledger.Purchases.Put(id, Order(100m, AsOf.AddDays(-5), AsOf.AddDays(-5)));
            Assert.Equal(once, ledger.Serialize());
            Assert.Equal(1, ledger.ToFacts(Guid.NewGuid(), AsOf, Build.Settings, null, null).Purchases.LifetimeOrders);
        }

        [Fact]
        public void A_stale_change_cannot_undo_a_newer_one_and_a_withdrawal_is_ordered_the_same_way()
        {
            var ledger = Ledger();
            var id = Guid.NewGuid();
            Assert.True(ledger.Purchases.Put(id, Order(300m, AsOf.AddDays(-5), AsOf.AddHours(-1))));
            Assert.False(ledger.Purchases.Put(id, Order(200m, AsOf.AddDays(-5), AsOf.AddHours(-2))));
            Assert.Equal(300m, ledger.Purchases[id].Revenue);

            Assert.True(ledger.Purchases.Withdraw(id, AsOf));
            Assert.False(ledger.Purchases.Put(id, Order(300m, AsOf.AddDays(-5), AsOf.AddHours(-1))));
            Assert.Equal(0, ledger.ToFacts(Guid.NewGuid(), AsOf, Build.Settings, null, null).Purchases.LifetimeOrders);
            // Reactivated later (e.g. a cancelled order set back to active): counts again.
            Assert.True(ledger.Purchases.Put(id, Order(300m, AsOf.AddDays(-5), AsOf.AddHours(1))));
            Assert.Equal(1, ledger.ToFacts(Guid.NewGuid(), AsOf, Build.Settings, null, null).Purchases.LifetimeOrders);
        }

        [Fact]
        public void A_withdrawal_outlives_evaluations_long_enough_to_refuse_a_late_stale_event()
        {
            var settings = Build.Settings;
            var ledger = CustomerFactsLedger.Empty(AsOf.AddDays(-5), settings.Analysis); // built last month: the next evaluation moves the cut
            var id = Guid.NewGuid();
            ledger.Purchases.Put(id, Order(400m, AsOf.AddDays(-3), AsOf.AddHours(-2)));
            ledger.Purchases.Withdraw(id, AsOf);

            ledger.Compact(AsOf.AddDays(2), settings);
            Assert.Equal(CustomerFactsLedger.WindowStart(AsOf, settings.Analysis), ledger.Cut);
            Assert.False(ledger.Purchases.Put(id, Order(400m, AsOf.AddDays(-3), AsOf.AddHours(-1))));

            ledger.Compact(AsOf.AddDays(CustomerFactsLedger.RemovalMarkerDays + 1), settings);
            Assert.Empty(ledger.Purchases);
        }

        [Fact]
        public void Purchases_that_leave_the_window_become_totals_and_the_facts_do_not_change()
        {
            var settings = Build.Settings;
            var ledger = Ledger();
            ledger.Purchases.Put(Guid.NewGuid(), Order(500m, ledger.Cut.AddDays(2), ledger.Cut, "hardware"));
            ledger.Purchases.Put(Guid.NewGuid(), Order(700m, AsOf.AddDays(-3), AsOf, "Hardware", "services"));
            var later = AsOf.AddMonths(2);
            var before = ledger.ToFacts(Guid.Empty, later, settings, null, null).Purchases;

            ledger.Compact(later, settings);

            Assert.Single(ledger.Purchases);
            Assert.True(ledger.Cut > ledger.Earlier["salesorder"].Last);
            Assert.False(ledger.HoldsPurchasesOn(AsOf.AddMonths(-24)));
            var after = ledger.ToFacts(Guid.Empty, later, settings, null, null).Purchases;
            Assert.Equal(before.LifetimeOrders, after.LifetimeOrders);
            Assert.Equal(before.FirstPurchaseOn, after.FirstPurchaseOn);
            Assert.Equal(2, after.ProductFamiliesBought);
            Assert.Equal(before.Periods, after.Periods);
        }

        [Fact]
        public void Negative_totals_of_a_table_are_reported_naming_it()
        {
            var ledger = Ledger();
            ledger.Purchases.Put(Guid.NewGuid(), new PurchaseEntry { Table = "invoice", Date = AsOf.AddDays(-2), Revenue = -50m });
            var error = Assert.Throws<DomainValidationException>(() => ledger.ToFacts(Guid.Empty, AsOf, Build.Settings, null, null));
            Assert.Contains("The invoice records of customer", error.Message);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("{not json")]
        [InlineData("{\"v\":99,\"o\":{}}")]
        [InlineData("[1,2,3]")]
        public void An_absent_unreadable_or_old_ledger_means_a_full_read(string json)
        {
            Assert.Null(CustomerFactsLedger.Parse(json));
            Assert.Null(RetentionPlan.Parse(json));
        }

        [Fact]
        public void A_ledger_survives_its_json_exactly()
        {
            var ledger = Ledger();
            ledger.Purchases.Put(Guid.NewGuid(), Order(123.45m, AsOf.AddDays(-40), AsOf.AddDays(-40), "a"));
            ledger.Complaints.Put(Guid.NewGuid(), new ComplaintEntry { OpenedOn = AsOf.AddDays(-3), IsOpen = true });
            ledger.Surveys.Put(Guid.NewGuid(), new SurveyEntry { AnsweredOn = AsOf.AddDays(-9), Score = 4.5m });
            ledger.Referrals.Withdraw(Guid.NewGuid(), AsOf);
            var json = ledger.Serialize();
            Assert.Equal(json, CustomerFactsLedger.Parse(json).Serialize());
        }

        /// <summary>
        /// Whatever order events arrive in, and however often each is delivered, the ledger ends with each record's newest
        /// state — the property that makes retries and full reads racing queued events harmless.
        /// </summary>
        [Property(MaxTest = 200)]
        public bool Redelivered_and_reordered_events_end_in_the_newest_state(PositiveInt[] amounts, int seed)
        {
            var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
            var events = (amounts ?? Array.Empty<PositiveInt>()).Select((a, i) => new { Id = ids[i % 3], Amount = (decimal)a.Get, At = AsOf.AddMinutes(-100 + i), Withdraw = a.Get % 5 == 0 }).ToList();
            var random = new Random(seed);
            var delivered = events.Concat(events.Where(_ => random.Next(2) == 0)).OrderBy(_ => random.Next()).ToList();
            var ledger = Ledger();
            foreach (var e in delivered)
            {
                if (e.Withdraw) ledger.Purchases.Withdraw(e.Id, e.At);
                else ledger.Purchases.Put(e.Id, Order(e.Amount, AsOf.AddDays(-1), e.At));
            }
            var expected = events.GroupBy(e => e.Id).Select(g => g.OrderBy(e => e.At).Last()).Where(e => !e.Withdraw).Sum(e => e.Amount);
            return ledger.Purchases.Live.Sum(p => p.Revenue) == expected;
        }
    }
}
