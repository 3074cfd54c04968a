using System;
using System.Linq;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>Who we know at an account, through the registered steps: contacts' layers and functions, our activities with them.</summary>
    public class CoverageTests
    {
        private readonly Org _org = new Org();

        private Entity Platinum()
        {
            var account = _org.Account("Covered");
            _org.OrderHistory(account, 5000m, months: 24);
            return account;
        }

        private Entity Contact(Entity account, ContactLayer? layer, ContactFunction? function, string name = "Person")
        {
            var contact = new Entity(Model.Contact.EntityLogicalName) { ["lastname"] = name, [Model.Contact.ParentCustomer] = account.ToEntityReference() };
            if (layer.HasValue) contact[Model.Contact.Layer] = new OptionSetValue(Org.Option(layer.Value));
            if (function.HasValue) contact[Model.Contact.Function] = new OptionSetValue(Org.Option(function.Value));
            _org.Host.Seed(contact);
            return contact;
        }

        private void Meeting(Entity contact, DateTime ended)
        {
            var meeting = new Entity("appointment")
            {
                ["subject"] = "Business review",
                ["requiredattendees"] = new EntityCollection(new[] { new Entity("activityparty") { ["partyid"] = contact.ToEntityReference() } }),
                ["statecode"] = new OptionSetValue(1),
                ["actualend"] = ended,
            };
            _org.Host.Seed(meeting);
        }

        [Fact]
        public void A_full_read_counts_contacts_per_layer_and_function_with_our_last_activity_with_each()
        {
            var account = Platinum();
            var cfo = Contact(account, ContactLayer.Decision, ContactFunction.Finance, "CFO");
            Contact(account, ContactLayer.Operational, ContactFunction.UserDepartment, "User");
            Contact(account, ContactLayer.Operational, ContactFunction.Technical, "Admin");
            Meeting(cfo, Org.Now.AddDays(-20));
            _org.Recalculate(account);

            var row = _org.Reload(account);
            Assert.Equal(1, row.GetAttributeValue<int>(AccountColumns.DecisionContacts));
            Assert.Equal(2, row.GetAttributeValue<int>(AccountColumns.OperationalContacts));
            Assert.Equal(0, row.GetAttributeValue<int>(AccountColumns.ManagementContacts));
            Assert.Equal(Org.Now.AddDays(-20), row.GetAttributeValue<DateTime?>(AccountColumns.LastDecisionActivity));
            Assert.Equal(Org.Now.AddDays(-20), row.GetAttributeValue<DateTime?>(AccountColumns.LastFinanceActivity));
            Assert.Null(row.GetAttributeValue<DateTime?>(AccountColumns.LastTechnicalActivity));
            Assert.Null(row.GetAttributeValue<string>(AccountColumns.CoverageGaps));
            Assert.DoesNotContain(_org.OpenRetention(account), a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.MeetDecisionMaker)));
        }

        [Fact]
        public void A_platinum_account_whose_decision_layer_went_silent_gets_a_named_reason_and_a_meeting_task()
        {
            var account = Platinum();
            Meeting(Contact(account, ContactLayer.Decision, ContactFunction.Finance), Org.Now.AddDays(-300));
            _org.Recalculate(account);

            var row = _org.Reload(account);
            Assert.Equal("No activity with the decision layer for 300 days (last 2026-01-05)", row.GetAttributeValue<string>(AccountColumns.CoverageGaps));
            Assert.Contains("No activity with the decision layer for 300 days", row.GetAttributeValue<string>(CustomerColumns.ChurnReasons));
            var meeting = Assert.Single(_org.OpenRetention(account), a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.MeetDecisionMaker)));
            Assert.Equal(RetentionActivity.Task, meeting.LogicalName);
            Assert.StartsWith("Meet the decision maker: No activity with the decision layer", meeting.GetAttributeValue<string>(RetentionActivity.Subject));
        }

        [Fact]
        public void A_contact_given_the_decision_layer_updates_its_accounts_coverage_through_the_async_step_within_three_calls()
        {
            var account = Platinum();
            var contact = Contact(account, ContactLayer.Operational, ContactFunction.Finance);
            _org.Recalculate(account);
            Assert.StartsWith("No contact at the decision layer", _org.Reload(account).GetAttributeValue<string>(AccountColumns.CoverageGaps));

            _org.Host.Calls.Reset();
            _org.Admin.Update(new Entity(Model.Contact.EntityLogicalName, contact.Id) { [Model.Contact.Layer] = new OptionSetValue(Org.Option(ContactLayer.Decision)) });
            _org.Host.ProcessAsyncQueue();
            Assert.True(_org.Host.Calls.FromStep(nameof(Steps.RecalculateCustomerOnChange)) <= 3, $"{_org.Host.Calls.FromStep(nameof(Steps.RecalculateCustomerOnChange))} calls");
            var row = _org.Reload(account);
            Assert.Equal(1, row.GetAttributeValue<int>(AccountColumns.DecisionContacts));
            Assert.Equal("No activity with the decision layer on record", row.GetAttributeValue<string>(AccountColumns.CoverageGaps));
        }

        [Fact]
        public void A_layer_or_function_this_version_does_not_know_is_refused_naming_the_known_ones()
        {
            var account = Platinum();
            var contact = Contact(account, ContactLayer.Decision, ContactFunction.Finance);
            var user = _org.As(_org.Manager);
            var layer = Assert.Throws<InvalidPluginExecutionException>(() =>
                user.Update(new Entity(Model.Contact.EntityLogicalName, contact.Id) { [Model.Contact.Layer] = new OptionSetValue(100000099) }));
            Assert.StartsWith($"The contact layer 100000099 is not one CrmExtensions knows; choose one of {Org.Option(ContactLayer.Operational)} (Operational)", layer.Message);
            var function = Assert.Throws<InvalidPluginExecutionException>(() => user.Create(new Entity(Model.Contact.EntityLogicalName)
            {
                ["lastname"] = "New", [Model.Contact.ParentCustomer] = account.ToEntityReference(), [Model.Contact.Function] = new OptionSetValue(7),
            }));
            Assert.StartsWith("The contact function 7 is not one CrmExtensions knows", function.Message);
            Assert.Equal(Org.Option(ContactLayer.Decision), _org.Reload(contact).GetAttributeValue<OptionSetValue>(Model.Contact.Layer).Value);
            Assert.Single(_org.Host.Store.Rows(Model.Contact.EntityLogicalName));
        }

        [Fact]
        public void A_layer_option_this_version_does_not_know_written_with_the_steps_off_counts_as_not_recorded_and_nothing_fails()
        {
            var account = Platinum();
            var contact = Contact(account, null, ContactFunction.Finance);
            var stored = _org.Host.Store.Get(Model.Contact.EntityLogicalName, contact.Id);
            var imported = new Entity(stored.LogicalName, stored.Id);
            foreach (var column in stored.Attributes) imported[column.Key] = column.Value;
            imported[Model.Contact.Layer] = new OptionSetValue(100000099);
            _org.Host.Store.Replace(imported);
            _org.Recalculate(account);
            var row = _org.Reload(account);
            Assert.Equal(0, row.GetAttributeValue<int>(AccountColumns.DecisionContacts) + row.GetAttributeValue<int>(AccountColumns.ManagementContacts)
                + row.GetAttributeValue<int>(AccountColumns.OperationalContacts));
            Assert.Equal(1, row.GetAttributeValue<int>(AccountColumns.FinanceContacts));
            Assert.StartsWith("No contact at the decision layer", row.GetAttributeValue<string>(AccountColumns.CoverageGaps));
        }

        [Fact]
        public void A_met_decision_maker_ends_the_silence_without_waiting_for_the_next_run()
        {
            var account = Platinum();
            Contact(account, ContactLayer.Decision, ContactFunction.Finance);
            _org.Recalculate(account);
            var meeting = _org.OpenRetention(account).Single(a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.MeetDecisionMaker)));
            _org.Admin.Update(new Entity(meeting.LogicalName, meeting.Id)
            {
                [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                [RetentionActivity.ActualEnd] = Org.Now,
            });
            _org.Host.ProcessAsyncQueue();
            Assert.Null(_org.Reload(account).GetAttributeValue<string>(AccountColumns.CoverageGaps));
            Assert.DoesNotContain(_org.OpenRetention(account), a => a.GetAttributeValue<string>(RetentionActivity.Key).EndsWith(nameof(RetentionActionKind.MeetDecisionMaker)));
        }
    }
}
