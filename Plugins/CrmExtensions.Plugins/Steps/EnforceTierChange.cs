using System;
using System.Linq;
using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
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
    /// A recalculation's write is known by what it carries: the evaluation time, a column only SYSTEM may write
    /// (<see cref="CustomerColumnSecurity.EvaluationMark"/>); a user's write that carries it fails on column security.
    /// </summary>
    [Step(MessageName.Create, Stage.PreOperation, Mode.Synchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        Description = "A new customer gets its tier from recalculation, never by hand.")]
    [Step(MessageName.Update, Stage.PreOperation, Mode.Synchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        FilteringAttributes = CustomerColumns.GuardedColumns, PreImage = StepColumns.TierGuardImage,
        Description = "A tier changes only by recalculation or an authorised override with a reason.")]
    public sealed class EnforceTierChange : PluginBase
    {
        public EnforceTierChange(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var target = context.Target ?? throw new InvalidPluginExecutionException("EnforceTierChange expects a Target entity.");
            if (target.Contains(CustomerColumnSecurity.EvaluationMark))
            {
                context.Trace("Tier written by an evaluation (it stamps {0}): allowed.", CustomerColumnSecurity.EvaluationMark);
                return;
            }
            var pre = context.PreImage() ?? new Entity(target.LogicalName);
            var changed = CustomerColumns.Guarded.Where(c => target.Contains(c) && !SameValue(target[c], pre.Contains(c) ? pre[c] : null)).ToList();
            if (changed.Count == 0) return;
            context.Trace("Guarded columns changed by hand: {0}", string.Join(", ", changed));
            TierOverridePolicy.CheckEditable(context.Execution.MessageName == MessageName.Create, changed.Contains(CustomerColumns.TierOverrideBy));

            var after = context.TargetOverPreImage();
            var newTier = after.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier);
            var oldTier = pre.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier);
            var edit = new TierOverrideEdit
            {
                TierChanged = changed.Contains(CustomerColumns.Tier),
                ReasonChanged = changed.Contains(CustomerColumns.TierOverrideReason),
                UntilChanged = changed.Contains(CustomerColumns.TierOverrideUntil),
                Tier = newTier == null ? (ValueTier?)null : Choice.FromOption<ValueTier>(newTier.Value),
                Override = after.GetAttributeValue<bool?>(CustomerColumns.TierOverride) ?? false,
                Reason = after.GetAttributeValue<string>(CustomerColumns.TierOverrideReason),
                Until = after.GetAttributeValue<DateTime?>(CustomerColumns.TierOverrideUntil),
            };
            TierOverridePolicy.Check(edit, context.Execution.OperationCreatedOn);

            var user = context.Execution.InitiatingUserId;
            var privilege = (RetrieveUserPrivilegeByPrivilegeNameResponse)context.SystemService.Execute(
                new RetrieveUserPrivilegeByPrivilegeNameRequest { UserId = user, PrivilegeName = TierOverrideAudit.OverridePrivilege });
            if (privilege.RolePrivileges == null || privilege.RolePrivileges.Length == 0)
                throw new InvalidPluginExecutionException("Only users with the Customer Value Manager role may override a customer tier; ask a manager or wait for the next recalculation.");

            if (edit.Override) target[CustomerColumns.TierOverrideBy] = new EntityReference(SystemUser.EntityLogicalName, user);
            else
            {
                target[CustomerColumns.TierOverrideReason] = null;
                target[CustomerColumns.TierOverrideUntil] = null;
                target[CustomerColumns.TierOverrideBy] = null;
            }

            var record = TierOverridePolicy.RecordOf(edit);
            context.SystemService.Create(new Entity(TierOverrideAudit.EntityLogicalName)
            {
                // Readable by exactly those who reach the customer: its owner's row (Assign cascades to it).
                [Common.OwnerId] = after.GetAttributeValue<EntityReference>(Common.OwnerId),
                [TierOverrideAudit.Name] = record.Title,
                [TierOverrideAudit.Customer] = new EntityReference(target.LogicalName, context.Execution.PrimaryEntityId),
                [TierOverrideAudit.FromTier] = oldTier,
                [TierOverrideAudit.ToTier] = edit.Override ? newTier : null,
                [TierOverrideAudit.Reason] = record.Reason,
                [TierOverrideAudit.OverrideBy] = new EntityReference(SystemUser.EntityLogicalName, user),
                [TierOverrideAudit.Until] = edit.Override ? edit.Until : null,
            });
        }

        /// <summary>Whether a guarded column really changed: empty text, an unticked box and null are the same, lookups compare by id.</summary>
        private static bool SameValue(object a, object b)
        {
            if (a is string sa && string.IsNullOrEmpty(sa)) a = null;
            if (b is string sb && string.IsNullOrEmpty(sb)) b = null;
            if (a is bool ba && !ba) a = null;
            if (b is bool bb && !bb) b = null;
            if (a is EntityReference ra && b is EntityReference rb) return ra.Id == rb.Id;
            return Equals(a, b);
        }
    }
}
