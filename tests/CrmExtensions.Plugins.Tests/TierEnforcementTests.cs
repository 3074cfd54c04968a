using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    public class TierEnforcementTests
    {
        private readonly Org _org = new Org();
        private readonly Entity _account;

        public TierEnforcementTests()
        {
            _account = _org.Account();
            _org.OrderHistory(_account, 100m, months: 12);
            _org.Recalculate(_account);
        }

        private Entity Edit(params (string Column, object Value)[] values)
        {
            var edit = new Entity(Account.EntityLogicalName, _account.Id);
            foreach (var (column, value) in values) edit[column] = value;
            return edit;
        }

        private static OptionSetValue Tier(ValueTier tier) => new OptionSetValue(Org.Option(tier));

        [Fact]
        public void An_unauthorised_tier_edit_fails_clearly_and_changes_nothing()
        {
            var before = _org.Reload(_account);
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.As(_org.Clerk).Update(Edit((CustomerColumns.Tier, Tier(ValueTier.Platinum)), ("name", "Renamed"))));
            Assert.Equal("The customer tier is maintained by recalculation. To set it by hand, tick 'Tier override' and give a reason (authorised managers only).", error.Message);
            var after = _org.Reload(_account);
            Assert.Equal(before.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier), after.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier));
            Assert.Equal("Contoso", after.GetAttributeValue<string>("name"));
        }

        [Fact]
        public void An_override_by_a_user_without_the_privilege_is_refused()
        {
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.As(_org.Clerk).Update(Edit(
                (CustomerColumns.Tier, Tier(ValueTier.Platinum)), (CustomerColumns.TierOverride, true), (CustomerColumns.TierOverrideReason, "Strategic reference customer"))));
            Assert.Contains("Only users with the Customer Value Manager role may override", error.Message);
            Assert.Empty(_org.Host.Store.Rows(TierOverrideAudit.EntityLogicalName));
        }

        [Fact]
        public void An_authorised_override_is_stamped_audited_and_survives_recalculation()
        {
            _org.As(_org.Manager).Update(Edit((CustomerColumns.Tier, Tier(ValueTier.Platinum)), (CustomerColumns.TierOverride, true),
                (CustomerColumns.TierOverrideReason, "Strategic reference customer"), (CustomerColumns.TierOverrideUntil, Org.Now.AddMonths(6))));

            var row = _org.Reload(_account);
            Assert.Equal(Org.Option(ValueTier.Platinum), row.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier).Value);
            Assert.Equal(_org.Manager, row.GetAttributeValue<EntityReference>(CustomerColumns.TierOverrideBy).Id);
            var audit = Assert.Single(_org.Host.Store.Rows(TierOverrideAudit.EntityLogicalName));
            Assert.Equal(TierOverridePolicy.OverrideTitle, audit.GetAttributeValue<string>(TierOverrideAudit.Name));
            Assert.Equal("Strategic reference customer", audit.GetAttributeValue<string>(TierOverrideAudit.Reason));
            Assert.Equal(_account.Id, audit.GetAttributeValue<EntityReference>(TierOverrideAudit.Customer).Id);

            _org.Recalculate(_account);
            Assert.Equal(Org.Option(ValueTier.Platinum), _org.Tier(_account));
        }

        [Fact]
        public void An_expired_override_is_cleared_by_the_next_recalculation()
        {
            _org.As(_org.Manager).Update(Edit((CustomerColumns.Tier, Tier(ValueTier.Gold)), (CustomerColumns.TierOverride, true),
                (CustomerColumns.TierOverrideReason, "Temporary hold during contract talks"), (CustomerColumns.TierOverrideUntil, Org.Now.AddDays(10))));
            _org.Host.Clock = () => Org.Now.AddDays(30);
            _org.Recalculate(_account);
            var row = _org.Reload(_account);
            Assert.Equal(Org.Option(ValueTier.Lead), row.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier).Value);
            Assert.False(row.GetAttributeValue<bool>(CustomerColumns.TierOverride));
            Assert.False(row.Contains(CustomerColumns.TierOverrideReason));
        }

        [Theory]
        [InlineData("short", null, "needs a reason of at least 10 characters")]
        [InlineData("   ", null, "needs a reason of at least 10 characters")]
        [InlineData("A perfectly good reason", -5, "must be in the future")]
        public void Malformed_override_data_is_rejected_with_a_clear_message(string reason, int? untilDays, string expected)
        {
            var edit = Edit((CustomerColumns.Tier, Tier(ValueTier.Gold)), (CustomerColumns.TierOverride, true), (CustomerColumns.TierOverrideReason, reason));
            if (untilDays.HasValue) edit[CustomerColumns.TierOverrideUntil] = Org.Now.AddDays(untilDays.Value);
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.As(_org.Manager).Update(edit));
            Assert.Contains(expected, error.Message);
        }

        /// <summary>Edits a manager may not make, by case name (the refusal each gets is the theory's data).</summary>
        private Action RefusedEdit(string edit, IOrganizationService manager)
        {
            switch (edit)
            {
                case "unknown tier value": return () => manager.Update(Edit(
                    (CustomerColumns.Tier, new OptionSetValue(7)), (CustomerColumns.TierOverride, true), (CustomerColumns.TierOverrideReason, "A perfectly good reason")));
                case "oversized reason": return () => manager.Update(Edit(
                    (CustomerColumns.Tier, Tier(ValueTier.Gold)), (CustomerColumns.TierOverride, true), (CustomerColumns.TierOverrideReason, new string('x', 2001))));
                case "override by": return () => manager.Update(Edit((CustomerColumns.TierOverrideBy, new EntityReference("systemuser", _org.Clerk))));
                case "reason without override": return () => manager.Update(Edit((CustomerColumns.TierOverrideReason, "Reason without an override")));
                case "tier on create": return () => manager.Create(new Entity(Account.EntityLogicalName) { [Account.Name] = "New", [CustomerColumns.Tier] = Tier(ValueTier.Gold) });
                default: throw new ArgumentOutOfRangeException(nameof(edit));
            }
        }

        [Theory]
        [InlineData("unknown tier value", "is not a known ValueTier choice value")]
        [InlineData("oversized reason", "at most 2000 are allowed")]
        [InlineData("override by", "set by the system")]
        [InlineData("reason without override", "only applies with 'Tier override' ticked")]
        [InlineData("tier on create", "gets its tier from its first recalculation")]
        public void A_manager_s_edit_that_breaks_a_rule_is_refused(string edit, string expected)
        {
            Assert.Contains(expected, Assert.Throws<InvalidPluginExecutionException>(RefusedEdit(edit, _org.As(_org.Manager))).Message);
        }

        [Fact]
        public void A_failure_after_the_override_was_accepted_rolls_the_whole_edit_back()
        {
            _org.Host.FaultInjector = (request, scope) =>
                request.RequestName == "Create" && request["Target"] is Entity e && e.LogicalName == TierOverrideAudit.EntityLogicalName
                    ? new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch, "SQL timeout while writing the audit row") : null;
            var before = _org.Reload(_account);

            Assert.Throws<DataverseFaultException>(() => _org.As(_org.Manager).Update(Edit((CustomerColumns.Tier, Tier(ValueTier.Platinum)),
                (CustomerColumns.TierOverride, true), (CustomerColumns.TierOverrideReason, "Strategic reference customer"))));

            var after = _org.Reload(_account);
            Assert.Equal(before.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier), after.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier));
            Assert.False(after.GetAttributeValue<bool>(CustomerColumns.TierOverride));
            Assert.Empty(_org.Host.Store.Rows(TierOverrideAudit.EntityLogicalName));
        }

        [Fact]
        public void Removing_an_override_needs_the_privilege_and_is_audited()
        {
            _org.As(_org.Manager).Update(Edit((CustomerColumns.Tier, Tier(ValueTier.Gold)), (CustomerColumns.TierOverride, true), (CustomerColumns.TierOverrideReason, "Key logo for the region")));
            Assert.Throws<InvalidPluginExecutionException>(() => _org.As(_org.Clerk).Update(Edit((CustomerColumns.TierOverride, false))));
            _org.As(_org.Manager).Update(Edit((CustomerColumns.TierOverride, false)));
            var row = _org.Reload(_account);
            Assert.False(row.Contains(CustomerColumns.TierOverrideReason));
            Assert.Equal(2, _org.Host.Store.Rows(TierOverrideAudit.EntityLogicalName).Count);
        }

        [Fact]
        public void An_event_by_a_user_without_the_override_right_moves_the_tier()
        {
            // The evaluation's write is known by the mark it carries, not by anything the platform hands to nested pipelines.
            Org.PlaceOrder(_org.As(_org.Clerk), _account, 250000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();

            Assert.All(_org.EvaluationJobs, job => Assert.True(job.Status == Dataverse.InMemory.Pipeline.AsyncJobStatus.Succeeded, string.Join(" | ", job.Errors)));
            Assert.NotEqual(Org.Option(ValueTier.Lead), _org.Tier(_account));
            Assert.Empty(_org.Host.Store.Rows(TierOverrideAudit.EntityLogicalName));
        }

        [Fact]
        public void A_user_who_stamps_the_evaluation_time_with_a_tier_edit_is_stopped_by_column_security()
        {
            var error = Assert.Throws<DataverseFaultException>(() => _org.As(_org.Manager).Update(Edit((CustomerColumns.Tier, Tier(ValueTier.Platinum)),
                (CustomerColumnSecurity.EvaluationMark, Org.Now))));

            Assert.Equal(ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate, error.Detail.ErrorCode);
            Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(_account));
        }

        [Fact]
        public void Editing_other_columns_never_triggers_the_guard()
        {
            var tracesBefore = _org.Host.Traces.Count;
            _org.As(_org.Clerk).Update(Edit(("telephone1", "555-0100")));
            Assert.DoesNotContain(_org.Host.Traces.Skip(tracesBefore), t => t.Step.Contains("EnforceTierChange"));
            Assert.Equal("555-0100", _org.Reload(_account).GetAttributeValue<string>("telephone1"));
        }
    }
}
