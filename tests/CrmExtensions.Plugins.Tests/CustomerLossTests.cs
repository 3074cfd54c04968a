using System;
using System.Linq;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>Lost customers through the registered steps: detection, causes, win-backs, and what users may record.</summary>
    public class CustomerLossTests
    {
        private readonly Org _org = new Org();

        /// <summary>Bought monthly for two years, then nothing for fourteen months.</summary>
        private Entity Silent(string name = "Gone quiet")
        {
            var account = _org.Account(name);
            _org.OrderHistory(account, 3000m, months: 38, skipRecentMonths: 14);
            return account;
        }

        private Entity[] Losses(Entity customer) =>
            _org.Host.Store.Rows(CustomerLoss.EntityLogicalName).Where(l => l.GetAttributeValue<EntityReference>(CustomerLoss.Customer)?.Id == customer.Id).ToArray();

        private InvalidPluginExecutionException Refused(Action write) => Assert.Throws<InvalidPluginExecutionException>(write);

        [Fact]
        public void A_customer_silent_beyond_the_configured_time_is_recorded_lost_once_with_the_tier_and_pattern_at_the_loss()
        {
            var account = Silent();
            _org.Recalculate(account);
            _org.Recalculate(account);
            _org.Host.ProcessAsyncQueue();

            var loss = Assert.Single(Losses(account));
            Assert.Equal(Org.Option(LossDetection.NoPurchase), loss.GetAttributeValue<OptionSetValue>(CustomerLoss.Detection).Value);
            var last = loss.GetAttributeValue<DateTime>(CustomerLoss.LastPurchaseOn);
            Assert.Equal(last.AddDays(365), loss.GetAttributeValue<DateTime>(CustomerLoss.LostOn));
            Assert.Equal($"No purchase since {last:yyyy-MM-dd}", loss.GetAttributeValue<string>(CustomerLoss.Name));
            Assert.NotNull(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.TierAtLoss));
            Assert.NotNull(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.PatternAtLoss));
            Assert.StartsWith("No purchase for ", loss.GetAttributeValue<string>(CustomerLoss.Details));
            Assert.Null(loss.GetAttributeValue<OptionSetValue>(CustomerLoss.CauseFamily)); // no sign points to a cause: a user records it
        }

        [Fact]
        public void A_purchase_after_the_loss_records_the_win_back_with_the_days_it_took()
        {
            var account = Silent();
            _org.Recalculate(account);
            var lostOn = Losses(account).Single().GetAttributeValue<DateTime>(CustomerLoss.LostOn);
            Org.PlaceOrder(_org.Admin, account, 2000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();

            var loss = Losses(account).Single();
            Assert.Equal(Org.Option(WinBackOutcome.WonBack), loss.GetAttributeValue<OptionSetValue>(CustomerLoss.WinBackOutcome).Value);
            Assert.Equal(Org.Now.AddDays(-1), loss.GetAttributeValue<DateTime>(CustomerLoss.RecoveredOn));
            Assert.Equal((int)(Org.Now.AddDays(-1) - lostOn).TotalDays, loss.GetAttributeValue<int>(CustomerLoss.DaysToRecovery));
        }

        [Fact]
        public void A_user_closes_a_customer_with_a_cause_whose_family_is_set_from_it_and_the_retention_work_turns_to_win_back()
        {
            var account = _org.Account("Closed");
            _org.OrderHistory(account, 5000m, months: 24);
            _org.Recalculate(account);
            Assert.Contains(_org.OpenRetention(account), a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.FollowUpCall)));

            var id = _org.As(_org.Manager).Create(new Entity(CustomerLoss.EntityLogicalName)
            {
                [CustomerLoss.Name] = "Moved to Fabrikam",
                [CustomerLoss.Customer] = account.ToEntityReference(),
                [CustomerLoss.Cause] = new OptionSetValue(Org.Option(LossCause.CompetitorPrice)),
            });
            _org.Host.ProcessAsyncQueue();

            var loss = _org.Admin.Retrieve(CustomerLoss.EntityLogicalName, id, new ColumnSet(true));
            Assert.Equal(Org.Option(LossCauseFamily.Competitor), loss.GetAttributeValue<OptionSetValue>(CustomerLoss.CauseFamily).Value);
            Assert.Equal(Org.Option(LossDetection.ClosedByUser), loss.GetAttributeValue<OptionSetValue>(CustomerLoss.Detection).Value);
            Assert.Equal(Org.Now.Date, loss.GetAttributeValue<DateTime>(CustomerLoss.LostOn));
            var open = _org.OpenRetention(account);
            var call = Assert.Single(open);
            Assert.Equal($"Win-back call: Platinum customer lost on {Org.Now:yyyy-MM-dd} (cause: CompetitorPrice)", call.GetAttributeValue<string>(RetentionActivity.Subject));

            // Given up: no more win-back work.
            _org.Admin.Update(new Entity(CustomerLoss.EntityLogicalName, id) { [CustomerLoss.WinBackOutcome] = new OptionSetValue(Org.Option(WinBackOutcome.Failed)) });
            _org.Host.ProcessAsyncQueue();
            Assert.Empty(_org.OpenRetention(account));
        }

        [Fact]
        public void Bad_loss_records_are_refused_with_a_message_and_nothing_is_written()
        {
            var account = _org.Account("Refused");
            var user = _org.As(_org.Manager);
            Entity Loss(params (string Column, object Value)[] values)
            {
                var row = new Entity(CustomerLoss.EntityLogicalName) { [CustomerLoss.Customer] = account.ToEntityReference() };
                foreach (var (column, value) in values) row[column] = value;
                return row;
            }

            Assert.StartsWith("Closing a customer as lost needs its cause", Refused(() => user.Create(Loss())).Message);
            Assert.Contains("belongs to the Competitor family, not OurSide", Refused(() => user.Create(Loss(
                (CustomerLoss.Cause, new OptionSetValue(Org.Option(LossCause.CompetitorProduct))),
                (CustomerLoss.CauseFamily, new OptionSetValue(Org.Option(LossCauseFamily.OurSide)))))).Message);
            Assert.Contains("The cause 100000042 is not one CrmExtensions knows; choose one of 100000001 (ProductQuality)",
                Refused(() => user.Create(Loss((CustomerLoss.Cause, new OptionSetValue(100000042))))).Message);
            Assert.Contains("A customer cannot be lost in the future", Refused(() => user.Create(Loss(
                (CustomerLoss.CauseFamily, new OptionSetValue(Org.Option(LossCauseFamily.CustomerSide))), (CustomerLoss.LostOn, Org.Now.AddDays(5))))).Message);
            var id = user.Create(Loss((CustomerLoss.CauseFamily, new OptionSetValue(Org.Option(LossCauseFamily.CustomerSide)))));
            Assert.Contains("'Won back' is recorded by CrmExtensions", Refused(() => user.Update(new Entity(CustomerLoss.EntityLogicalName, id)
            {
                [CustomerLoss.WinBackOutcome] = new OptionSetValue(Org.Option(WinBackOutcome.WonBack)),
            })).Message);
            Assert.Single(_org.Host.Store.Rows(CustomerLoss.EntityLogicalName));
        }

        [Fact]
        public void Facts_that_outgrow_their_column_are_kept_in_it_with_every_purchase_and_the_loss_a_user_dismissed()
        {
            var account = _org.Account("Busy, then quiet");
            // Dozens of orders a day for ten months, then fourteen months of silence: far more than the column holds one by one.
            const int orders = 12000;
            for (var i = 0; i < orders; i++) _org.Host.Seed(Org.Order(account, 10m + i % 7, Org.Now.AddMonths(-14).AddDays(-(i % 300))));
            _org.Recalculate(account);
            CustomerFactsLedger Ledger()
            {
                var json = _org.Reload(account).GetAttributeValue<string>(CustomerColumns.FactsLedger);
                Assert.InRange(json.Length, 1, CustomerWrite.MaxLedgerLength);
                return CustomerFactsLedger.Parse(json);
            }
            var ledger = Ledger();
            Assert.Equal(orders, ledger.Purchases.Live.Count() + ledger.Earlier.Values.Sum(e => e.Orders));
            Assert.NotEmpty(ledger.Purchases.Live);

            _org.Admin.Delete(CustomerLoss.EntityLogicalName, Losses(account).Single().Id);
            _org.Host.ProcessAsyncQueue();
            _org.Admin.Create(Org.Survey(account, 2m)); // an event: evaluated from the stored ledger
            _org.Host.ProcessAsyncQueue();
            _org.Recalculate(account);
            _org.Host.ProcessAsyncQueue();

            Assert.Empty(Losses(account));
            Assert.Single(Ledger().Losses.Values, l => l.Removed);
        }

        [Fact]
        public void The_rules_losses_and_win_backs_are_known_by_the_columns_only_they_write()
        {
            var account = Silent();
            _org.Recalculate(account);
            Assert.Equal(Org.Option(LossDetection.NoPurchase), Losses(account).Single().GetAttributeValue<OptionSetValue>(CustomerLoss.Detection).Value);

            Org.PlaceOrder(_org.As(_org.Clerk), account, 2000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();

            Assert.All(_org.EvaluationJobs, j => Assert.True(j.Status == Dataverse.InMemory.Pipeline.AsyncJobStatus.Succeeded, string.Join(" | ", j.Errors)));
            Assert.Equal(Org.Option(WinBackOutcome.WonBack), Losses(account).Single().GetAttributeValue<OptionSetValue>(CustomerLoss.WinBackOutcome).Value);
        }

        [Fact]
        public void A_user_cannot_pass_a_loss_off_as_the_rules_own()
        {
            var account = Silent();
            var error = Assert.Throws<Dataverse.InMemory.Storage.DataverseFaultException>(() => _org.As(_org.Manager).Create(new Entity(CustomerLoss.EntityLogicalName)
            {
                [CustomerLoss.Customer] = account.ToEntityReference(),
                [CustomerLoss.Cause] = new OptionSetValue(Org.Option(LossCause.CompetitorPrice)),
                [CustomerLoss.LastPurchaseOn] = Org.Now.AddMonths(-14),
            }));

            Assert.Equal(Dataverse.InMemory.Storage.ErrorCodes.AttributePrivilegeCreateIsMissing, error.ErrorCode);
            Assert.Empty(Losses(account));
        }

        [Fact]
        public void A_detected_loss_a_user_deleted_is_not_recorded_again()
        {
            var account = Silent("Not lost, says the account manager");
            _org.Recalculate(account);
            _org.Admin.Delete(CustomerLoss.EntityLogicalName, Losses(account).Single().Id);
            _org.Host.ProcessAsyncQueue();
            _org.Recalculate(account);
            _org.Host.ProcessAsyncQueue();
            Assert.Empty(Losses(account));
        }
    }
}
