using System;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Loss;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LedgerFitTests
    {
        private static readonly DateTime AsOf = Build.AsOf;

        /// <summary>A busy customer: orders every day over the last year, a removed order and a dismissed loss.</summary>
        private static CustomerFactsLedger Busy()
        {
            var ledger = CustomerFactsLedger.Empty(AsOf, Build.Settings.Analysis);
            for (var day = 1; day <= 365; day++)
                ledger.Purchases.Put(Guid.NewGuid(), new PurchaseEntry { Table = "salesorder", Date = AsOf.AddDays(-day), Revenue = day, Changed = AsOf.AddDays(-day) });
            ledger.Purchases.Withdraw(Guid.NewGuid(), AsOf.AddDays(-2));
            ledger.Losses.Put(Guid.NewGuid(), new LossEntry { LostOn = AsOf.AddYears(-3), Detection = LossDetection.NoPurchase, Changed = AsOf.AddDays(-10) });
            ledger.Losses.Withdraw(ledger.Losses.Keys.Single(), AsOf.AddDays(-9));
            ledger.Surveys.Put(Guid.NewGuid(), new SurveyEntry { AnsweredOn = AsOf.AddDays(-400), Score = 4m, Changed = AsOf.AddDays(-400) });
            return ledger;
        }

        [Fact]
        public void A_ledger_that_fits_is_left_as_it_is()
        {
            var ledger = Busy();
            var before = ledger.Serialize();

            LedgerFit.Fit(ledger, before.Length);

            Assert.Equal(before, ledger.Serialize());
        }

        [Fact]
        public void The_oldest_months_go_into_the_totals_until_it_fits_and_everything_else_stays()
        {
            var ledger = Busy();
            var full = ledger.Serialize().Length;
            var revenue = ledger.Purchases.Live.Sum(p => p.Revenue);
            var newest = ledger.Purchases.Live.Max(p => p.Date);

            LedgerFit.Fit(ledger, full / 2);

            Assert.InRange(ledger.Serialize().Length, 1, full / 2);
            var totals = ledger.Earlier["salesorder"];
            Assert.Equal(365, ledger.Purchases.Live.Count() + totals.Orders);
            Assert.Equal(revenue, ledger.Purchases.Live.Sum(p => p.Revenue) + totals.Revenue);
            Assert.Equal(1, ledger.Cut.Day);
            Assert.All(ledger.Purchases.Live, p => Assert.True(p.Date >= ledger.Cut));
            Assert.Equal(newest, ledger.Purchases.Live.Max(p => p.Date));
            Assert.Contains(ledger.Purchases.Values, p => p.Removed); // the recent removal's marker
            Assert.True(ledger.Losses.Values.Single().Removed); // the dismissal
            Assert.Single(ledger.Surveys);
            Assert.Equal(365, ledger.ToFacts(Guid.NewGuid(), AsOf, Build.Settings, null, null).Purchases.LifetimeOrders);
        }

        [Fact]
        public void Facts_that_do_not_fit_even_with_every_purchase_in_totals_are_refused_not_dropped()
        {
            var ledger = Busy();

            var error = Assert.Throws<DomainValidationException>(() => LedgerFit.Fit(ledger, 100));

            Assert.Contains("even with every purchase in totals; their column holds 100", error.Message);
            Assert.True(ledger.Losses.Values.Single().Removed);
        }
    }
}
