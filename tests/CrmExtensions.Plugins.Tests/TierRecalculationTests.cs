using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    public class TierRecalculationTests
    {
        private readonly Org _org = new Org();

        [Fact]
        public void Creating_orders_recalculates_the_customer_through_the_registered_async_step()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 2500m, months: 24);

            Org.PlaceOrder(_org.Admin, account, 2500m, Org.Now.AddDays(-1));
            Assert.Null(_org.Tier(account)); // async: nothing yet
            _org.Host.ProcessAsyncQueue();

            var row = _org.Reload(account);
            // 12 orders in the current and previous 11 calendar months × 2,500 × 25% margin = 7,500 a year: high current value;
            // a steady monthly buyer is expected to keep buying: high growth potential.
            Assert.Equal(7500m, row.GetAttributeValue<Money>(CustomerColumns.CurrentValue).Value);
            Assert.Equal(Org.Option(ValueTier.Platinum), row.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier).Value);
            Assert.Equal(Org.Option(LifecycleStage.Stability), row.GetAttributeValue<OptionSetValue>(CustomerColumns.LifecycleStage).Value);
            Assert.Equal(Org.Now, row.GetAttributeValue<DateTime>(CustomerColumns.LastEvaluatedOn));
            Assert.Equal(5, row.GetAttributeValue<int>(CustomerColumns.RfmRecency));
            Assert.Contains(_org.Host.AsyncJobs, j => j.Status == AsyncJobStatus.Succeeded && j.Step.Name.Contains("RecalculateCustomerOnChange: Create of salesorder"));
        }

        [Fact]
        public void More_business_moves_the_customer_up_the_matrix()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 100m, months: 6);
            Org.PlaceOrder(_org.Admin, account, 100m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(account));

            for (var i = 0; i < 4; i++) Org.PlaceOrder(_org.Admin, account, 12000m, Org.Now.AddDays(-2 - i));
            _org.Host.ProcessAsyncQueue();
            Assert.Equal(Org.Option(ValueTier.Platinum), _org.Tier(account));
        }

        [Fact]
        public void Retention_work_matches_the_policy_and_re_runs_create_no_duplicates()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();

            var open = _org.OpenRetention(account);
            Assert.Equal(Org.Option(ValueTier.Platinum), _org.Tier(account));
            // The platinum cadence, and meeting the decision maker: nobody who decides or pays is known at this account.
            Assert.Equal(new[] { RetentionActionKind.FollowUpCall, RetentionActionKind.Visit, RetentionActionKind.SatisfactionSurvey, RetentionActionKind.LoyaltyOffer,
                    RetentionActionKind.MeetDecisionMaker },
                open.Select(a => Choice.FromOption<RetentionActionKind>(a.GetAttributeValue<OptionSetValue>(RetentionActivity.Action).Value)).OrderBy(k => k));
            Assert.Equal(RetentionActivity.PhoneCall, open.Single(a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith("FollowUpCall")).LogicalName);

            // Re-run evaluation twice and replay the async event: still one activity per key.
            _org.Recalculate(account);
            _org.Recalculate(account);
            _org.Host.Replay(_org.EvaluationJobs.Last());
            _org.Host.ProcessAsyncQueue();
            var again = _org.OpenRetention(account);
            Assert.Equal(open.Select(a => a.Id).OrderBy(id => id), again.Select(a => a.Id).OrderBy(id => id));
        }

        [Fact]
        public void Obsolete_actions_are_cancelled_with_a_reason_and_completed_ones_are_never_reopened()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            _org.Recalculate(account);
            var open = _org.OpenRetention(account);
            var survey = open.Single(a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith("SatisfactionSurvey"));
            _org.Admin.Update(new Entity(survey.LogicalName, survey.Id)
            {
                [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.StatusCode] = new OptionSetValue(5),
                [RetentionActivity.ActualEnd] = Org.Now.AddDays(-1),
            });

            // The customer stops buying: value collapses, tier drops to lead.
            foreach (var order in _org.Host.Store.Rows(SalesOrder.EntityLogicalName).ToList())
                _org.Host.Store.Remove(SalesOrder.EntityLogicalName, order.Id);
            _org.Recalculate(account);

            Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(account));
            Assert.Empty(_org.OpenRetention(account));
            var cancelled = _org.Reload(open.Single(a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith("FollowUpCall")));
            Assert.Equal(RetentionActivity.StateCanceled, cancelled.GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode).Value);
            Assert.Contains("no longer due for a Lead customer", cancelled.GetAttributeValue<string>(RetentionActivity.Description));
            Assert.Equal(RetentionActivity.StateCompleted, _org.Reload(survey).GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode).Value);
        }

        [Fact]
        public void An_action_that_comes_due_again_after_being_cancelled_gets_a_new_activity()
        {
            var account = _org.Account();
            // A gold monthly buyer, silent for nine months, with two open complaints: high risk, a win-back call.
            _org.OrderHistory(account, 12000m, months: 24);
            var complaint = _org.Admin.Create(Org.Complaint(account, "Broken"));
            var complaint2 = _org.Admin.Create(Org.Complaint(account, "Broken again"));
            foreach (var order in _org.Host.Store.Rows(SalesOrder.EntityLogicalName).Where(o => o.GetAttributeValue<DateTime>(Common.CreatedOn) > Org.Now.AddMonths(-9)).ToList())
                _org.Host.Store.Remove(SalesOrder.EntityLogicalName, order.Id);
            _org.Host.ProcessAsyncQueue();
            string WinBackKey() => RetentionPolicy.KeyFor(account.Id, RetentionActionKind.WinBack);
            var first = _org.OpenRetention(account).Single(a => a.GetAttributeValue<string>(RetentionActivity.Key) == WinBackKey());

            // Risk falls (complaints resolved, buying again, as events tell the ledger): the win-back is cancelled...
            foreach (var id in new[] { complaint, complaint2 })
                _org.Admin.Update(new Entity(Incident.EntityLogicalName, id) { [Incident.StateCode] = new OptionSetValue(1), [Incident.CaseTypeCode] = new OptionSetValue(1) });
            for (var m = 0; m < 6; m++) Org.PlaceOrder(_org.Admin, account, 5000m, Org.Now.AddMonths(-m).AddDays(-3));
            _org.Host.ProcessAsyncQueue();
            Assert.DoesNotContain(_org.OpenRetention(account), a => a.GetAttributeValue<string>(RetentionActivity.Key) == WinBackKey());

            // ...and when it rises again (the complaints reopen, the new orders are withdrawn), a new one is scheduled beside the cancelled one.
            foreach (var id in new[] { complaint, complaint2 })
                _org.Admin.Update(new Entity(Incident.EntityLogicalName, id) { [Incident.StateCode] = new OptionSetValue(0),
                    [Incident.CaseTypeCode] = new OptionSetValue(Incident.CaseTypeComplaint) });
            foreach (var order in _org.Host.Store.Rows(SalesOrder.EntityLogicalName).Where(o => o.GetAttributeValue<DateTime>(Common.CreatedOn) > Org.Now.AddMonths(-6)).ToList())
                _org.Admin.Delete(SalesOrder.EntityLogicalName, order.Id);
            _org.Host.ProcessAsyncQueue();
            Assert.All(_org.Host.AsyncJobs, j => Assert.Equal(AsyncJobStatus.Succeeded, j.Status));
            var again = _org.OpenRetention(account).Single(a => a.GetAttributeValue<string>(RetentionActivity.Key) == WinBackKey());
            Assert.NotEqual(first.Id, again.Id);
            Assert.Equal(RetentionActivity.StateCanceled, _org.Reload(first).GetAttributeValue<OptionSetValue>(RetentionActivity.StateCode).Value);
        }

        [Fact]
        public void Next_cycle_follows_a_completed_action_on_a_new_activity()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            _org.Recalculate(account);
            var call = _org.OpenRetention(account).Single(a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith("FollowUpCall"));
            _org.Admin.Update(new Entity(call.LogicalName, call.Id)
            {
                [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.StatusCode] = new OptionSetValue(2),
                [RetentionActivity.ActualEnd] = Org.Now,
            });
            _org.Recalculate(account);
            var next = _org.OpenRetention(account).Single(a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith("FollowUpCall"));
            Assert.NotEqual(call.Id, next.Id);
            Assert.Equal(DueDay.ToScheduledEnd(Org.Now.Date.AddDays(30)), next.GetAttributeValue<DateTime>(RetentionActivity.ScheduledEnd)); // platinum: every 30 days
        }

        [Fact]
        public void Key_account_work_is_routed_to_the_key_account_team()
        {
            var team = Guid.NewGuid();
            _org.Admin.Create(new Entity(Setting.EntityLogicalName)
            {
                [Setting.Name] = Setting.ActiveSettingsName,
                [Setting.Value] = $@"{{ ""retention"": {{ ""keyAccountTeamId"": ""{team}"" }} }}",
            });
            var platinum = _org.Account("Big and growing");
            for (var m = 0; m < 24; m++) _org.Host.Seed(Org.Order(platinum, m < 12 ? 12000m : 4000m, Org.Now.AddMonths(-m).AddDays(-3)));
            // Big this year but silent for seven months against a monthly rhythm: high current value, little expected; and it
            // buys on price (every other order discounted): a transactional customer is no key account.
            var gold = _org.Account("Big but gone quiet");
            for (var m = 7; m < 24; m++)
            {
                var order = Org.Order(gold, 5000m, Org.Now.AddMonths(-m).AddDays(-3));
                if (m % 2 == 0) order[SalesOrder.TotalDiscountAmount] = new Money(1000m);
                _org.Host.Seed(order);
            }
            foreach (var account in new[] { platinum, gold })
                _org.Recalculate(account);

            Assert.Equal(Org.Option(ValueTier.Platinum), _org.Tier(platinum));
            Assert.Equal(Org.Option(ValueTier.Gold), _org.Tier(gold));
            Assert.All(_org.OpenRetention(platinum), a => Assert.Equal(new EntityReference("team", team), a.GetAttributeValue<EntityReference>(RetentionActivity.Owner)));
            Assert.All(_org.OpenRetention(gold), a => Assert.Equal("systemuser", a.GetAttributeValue<EntityReference>(RetentionActivity.Owner).LogicalName));
        }

        [Fact]
        public void Complaints_raise_churn_risk_with_a_readable_reason()
        {
            // A monthly buyer silent for five months: its purchases leave room for doubt, which a complaint adds to.
            var account = _org.Account();
            _org.OrderHistory(account, 1000m, months: 24, skipRecentMonths: 5);
            _org.Recalculate(account);
            var before = _org.Reload(account).GetAttributeValue<int>(CustomerColumns.ChurnRisk);
            _org.Admin.Create(Org.Complaint(account, "Late delivery"));
            _org.Host.ProcessAsyncQueue();
            var row = _org.Reload(account);
            Assert.True(row.GetAttributeValue<int>(CustomerColumns.ChurnRisk) > before, $"{row.GetAttributeValue<int>(CustomerColumns.ChurnRisk)} vs {before}");
            Assert.Matches("^[0-9.]+ purchases expected in the next 12 months .*; 1 open complaint, 0 more in the last 90 days$",
                row.GetAttributeValue<string>(CustomerColumns.ChurnReasons));
        }

        [Fact]
        public void Winning_an_opportunity_recalculates_its_customer()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 1000m, months: 3);
            var opportunity = new Entity(Opportunity.EntityLogicalName) { ["name"] = "Deal", [Opportunity.Customer] = account.ToEntityReference() };
            _org.Host.Seed(opportunity);
            _org.Admin.Execute(new WinOpportunityRequest
            {
                OpportunityClose = new Entity(OpportunityClose.EntityLogicalName) { [OpportunityClose.Opportunity] = opportunity.ToEntityReference(), ["subject"] = "Won" },
                Status = new OptionSetValue(3),
            });
            _org.Host.ProcessAsyncQueue();
            Assert.NotNull(_org.Tier(account));
        }

        [Fact]
        public void Referrals_raise_the_referrers_growth_potential()
        {
            var referrer = _org.Account("Referrer");
            _org.OrderHistory(referrer, 1000m, months: 12);
            _org.Recalculate(referrer);
            var before = _org.Reload(referrer).GetAttributeValue<Money>(CustomerColumns.GrowthPotential).Value;

            for (var i = 0; i < 3; i++) _org.Admin.Create(new Entity(Account.EntityLogicalName) { [Account.Name] = "Referred " + i, [CustomerColumns.ReferredBy] = referrer.ToEntityReference() });
            _org.Host.ProcessAsyncQueue();

            var row = _org.Reload(referrer);
            Assert.Equal(3, row.GetAttributeValue<int>(CustomerColumns.ReferralCount));
            Assert.Equal(before + 1500m, row.GetAttributeValue<Money>(CustomerColumns.GrowthPotential).Value);
        }
    }
}
