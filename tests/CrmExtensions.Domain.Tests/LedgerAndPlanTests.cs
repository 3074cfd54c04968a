using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using FsCheck;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LedgerAndPlanTests
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

        private static RetentionAction Due(string key, RetentionActionKind kind, int inDays) => new RetentionAction(key, kind, AsOf.AddDays(inDays), 90, kind + " " + key);

        private static RetentionPlan Plan(RetentionPlan from, params RetentionAction[] due) =>
            from.Next(due, "a Gold customer", a => "why " + a.Key, _ => null);

        [Fact]
        public void A_plan_keeps_an_open_activity_moves_it_and_gives_up_what_is_no_longer_due()
        {
            var first = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 10), Due("visit", RetentionActionKind.Visit, 30));
            var second = Plan(first, Due("call", RetentionActionKind.FollowUpCall, 20));

            Assert.Equal(first.Open["call"].Id, second.Open["call"].Id);
            var change = RetentionPlanChange.Between(first, second);
            Assert.Equal(new[] { first.Open["call"].Id }, change.ToMove.Select(a => a.Id));
            Assert.Equal(new[] { first.Open["visit"].Id }, change.ToCancel.Select(a => a.Id));
            Assert.Empty(change.ToCreate);
            Assert.Equal(1, second.Cancelled["visit"]);

            var third = Plan(second, Due("call", RetentionActionKind.FollowUpCall, 20), Due("visit", RetentionActionKind.Visit, 30));
            Assert.NotEqual(first.Open["visit"].Id, third.Open["visit"].Id); // the cancelled one's id is taken
            Assert.Equal(new[] { third.Open["visit"].Id }, RetentionPlanChange.Between(second, third).ToCreate.Select(a => a.Id));
        }

        [Fact]
        public void An_activity_a_user_completed_is_not_cancelled_and_the_next_cycle_gets_a_new_id()
        {
            var plan = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 10));
            var closed = plan.Open["call"].Id;
            var after = Plan(plan, Due("call", RetentionActionKind.FollowUpCall, 10));
            Assert.True(after.CloseByUser("call", closed, completed: true, when: AsOf));
            Assert.False(after.CloseByUser("call", closed, completed: true, when: AsOf)); // delivered twice: nothing more
            var next = Plan(after, Due("call", RetentionActionKind.FollowUpCall, 100));

            var change = RetentionPlanChange.Between(plan, next);
            Assert.Empty(change.ToCancel);
            Assert.Single(change.ToCreate);
            Assert.NotEqual(closed, next.Open["call"].Id);
            Assert.Equal(AsOf, next.LastCompleted[RetentionActionKind.FollowUpCall]);
        }

        [Fact]
        public void Activity_ids_are_stable_for_the_same_key_and_cycle()
        {
            var a = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 10));
            var b = Plan(new RetentionPlan(), Due("call", RetentionActionKind.FollowUpCall, 12));
            Assert.Equal(a.Open["call"].Id, b.Open["call"].Id);
            Assert.Equal(RetentionPlan.ActivityId("call|first|0"), a.Open["call"].Id);
            var taken = new HashSet<Guid> { a.Open["call"].Id };
            var c = new RetentionPlan().Next(new[] { Due("call", RetentionActionKind.FollowUpCall, 10) }, null, _ => null, _ => null, taken.Contains);
            Assert.Equal(RetentionPlan.ActivityId("call|first|1"), c.Open["call"].Id);
        }
    }
}
