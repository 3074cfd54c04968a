using System;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Registration;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Account/contact Create and Update, PreOperation, synchronous (filtering: the tier and override columns).
    /// On Create the guarded columns may not be set by hand at all.
    /// A tier changes only by recalculation or by an authorised override with a reason; the override is stamped with
    /// who made it and recorded in cx_tieroverrideaudit inside the same transaction, so a rejected edit leaves nothing.
    /// </summary>
    [Step(MessageName.Create, Stage.PreOperation, Mode.Synchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        Description = "A new customer gets its tier from recalculation, never by hand.")]
    [Step(MessageName.Update, Stage.PreOperation, Mode.Synchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        FilteringAttributes = StepColumns.TierGuard, PreImage = StepColumns.TierGuard,
        Description = "A tier changes only by recalculation or an authorised override with a reason.")]
    public sealed class EnforceTierChange : PluginBase
    {
        public const int MinReasonLength = 10;
        public const int MaxReasonLength = 2000;

        public EnforceTierChange(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var target = context.Target ?? throw new InvalidPluginExecutionException("EnforceTierChange expects a Target entity.");
            if (context.IsTriggeredBy(CustomerRecalculation.SharedVariable))
            {
                context.Trace("Tier written by recalculation: allowed.");
                return;
            }
            var pre = context.PreImage() ?? new Entity(target.LogicalName);
            var changed = CustomerColumns.Guarded.Where(c => target.Contains(c) && !SameValue(target[c], pre.Contains(c) ? pre[c] : null)).ToList();
            if (changed.Count == 0) return;
            context.Trace("Guarded columns changed by hand: {0}", string.Join(", ", changed));
            if (context.Execution.MessageName == "Create")
                throw new InvalidPluginExecutionException("A new customer gets its tier from its first recalculation; set a tier override after the record is created.");

            var newTier = Read<OptionSetValue>(target, pre, CustomerColumns.Tier);
            var oldTier = pre.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier);
            var overrideOn = Read<bool?>(target, pre, CustomerColumns.TierOverride) ?? false;
            var reason = Read<string>(target, pre, CustomerColumns.TierOverrideReason);
            var until = Read<DateTime?>(target, pre, CustomerColumns.TierOverrideUntil);

            if (changed.Contains(CustomerColumns.TierOverrideBy))
                throw new InvalidPluginExecutionException("'Tier override by' is set by the system and cannot be edited.");
            if (newTier != null) Choice.FromOption<ValueTier>(newTier.Value);
            if (changed.Contains(CustomerColumns.Tier) && !overrideOn)
                throw new InvalidPluginExecutionException("The customer tier is maintained by recalculation. To set it by hand, tick 'Tier override' and give a reason (authorised managers only).");
            if (overrideOn)
            {
                if (newTier == null) throw new InvalidPluginExecutionException("A tier override needs a tier: choose the tier to hold.");
                if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < MinReasonLength)
                    throw new InvalidPluginExecutionException($"A tier override needs a reason of at least {MinReasonLength} characters.");
                if (reason.Length > MaxReasonLength)
                    throw new InvalidPluginExecutionException($"The override reason is {reason.Length} characters long; at most {MaxReasonLength} are allowed.");
                if (until.HasValue && until.Value <= context.Execution.OperationCreatedOn)
                    throw new InvalidPluginExecutionException($"'Tier override until' ({until.Value:yyyy-MM-dd}) must be in the future.");
            }
            else if (changed.Contains(CustomerColumns.TierOverrideReason) && !string.IsNullOrEmpty(target.GetAttributeValue<string>(CustomerColumns.TierOverrideReason))
                || changed.Contains(CustomerColumns.TierOverrideUntil) && target.GetAttributeValue<DateTime?>(CustomerColumns.TierOverrideUntil).HasValue)
            {
                throw new InvalidPluginExecutionException("An override reason or end date only applies with 'Tier override' ticked.");
            }

            var user = context.Execution.InitiatingUserId;
            var privilege = (RetrieveUserPrivilegeByPrivilegeNameResponse)context.SystemService.Execute(
                new RetrieveUserPrivilegeByPrivilegeNameRequest { UserId = user, PrivilegeName = TierOverrideAudit.OverridePrivilege });
            if (privilege.RolePrivileges == null || privilege.RolePrivileges.Length == 0)
                throw new InvalidPluginExecutionException("Only users with the Customer Value Manager role may override a customer tier; ask a manager or wait for the next recalculation.");

            if (overrideOn) target[CustomerColumns.TierOverrideBy] = new EntityReference(SystemUser.EntityLogicalName, user);
            else
            {
                target[CustomerColumns.TierOverrideReason] = null;
                target[CustomerColumns.TierOverrideUntil] = null;
                target[CustomerColumns.TierOverrideBy] = null;
            }

            var audit = new Entity(TierOverrideAudit.EntityLogicalName)
            {
                [TierOverrideAudit.Name] = overrideOn ? $"Tier override: {Label(oldTier)} → {Label(newTier)}" : $"Tier override removed ({Label(oldTier)})",
                [target.LogicalName == Account.EntityLogicalName ? TierOverrideAudit.Account : TierOverrideAudit.Contact] = new EntityReference(target.LogicalName, context.Execution.PrimaryEntityId),
                [TierOverrideAudit.FromTier] = oldTier,
                [TierOverrideAudit.ToTier] = overrideOn ? newTier : null,
                [TierOverrideAudit.Reason] = overrideOn ? reason.Trim() : "Override removed",
                [TierOverrideAudit.OverrideBy] = new EntityReference(SystemUser.EntityLogicalName, user),
                [TierOverrideAudit.Until] = overrideOn ? until : null,
            };
            context.SystemService.Create(audit);
        }

        private static T Read<T>(Entity target, Entity pre, string column) =>
            target.Contains(column) ? target.GetAttributeValue<T>(column) : pre.GetAttributeValue<T>(column);

        private static bool SameValue(object a, object b)
        {
            if (a is string sa && string.IsNullOrEmpty(sa)) a = null;
            if (b is string sb && string.IsNullOrEmpty(sb)) b = null;
            if (a is bool ba && !ba) a = null;
            if (b is bool bb && !bb) b = null;
            if (a is EntityReference ra && b is EntityReference rb) return ra.Id == rb.Id;
            return Equals(a, b);
        }

        private static string Label(OptionSetValue tier) => tier == null ? "none" : Choice.FromOption<ValueTier>(tier.Value).ToString();
    }
}
