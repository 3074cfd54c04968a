using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Account/contact Update of cx_retentionplan, synchronous PostOperation (same transaction as the write of the plan):
    /// creates, moves and cancels retention activities so they follow the plan, from the difference between the pre- and
    /// post-image plans: creates need no read; activities to move or cancel are first checked to be still open. A plan
    /// whose writer already made the activities match (a full read) is skipped.
    /// </summary>
    [Step(MessageName.Update, Stage.PostOperation, Mode.Synchronous, Account.EntityLogicalName, Contact.EntityLogicalName,
        FilteringAttributes = CustomerColumns.RetentionPlan, PreImage = CustomerColumns.RetentionPlan, PostImage = CustomerColumns.RetentionPlan,
        Description = "Create, move and cancel retention activities so they follow the customer retention plan.")]
    public sealed class MaterializeRetentionPlan : PluginBase
    {
        public MaterializeRetentionPlan(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var after = RetentionPlan.Parse((context.PostImage() ?? context.Target)?.GetAttributeValue<string>(CustomerColumns.RetentionPlan));
            if (after == null || after.Materialized) return;
            var before = RetentionPlan.Parse(context.PreImage()?.GetAttributeValue<string>(CustomerColumns.RetentionPlan));
            var change = RetentionPlanChange.Between(before, after);
            if (change.IsEmpty) return;
            var customer = new EntityReference(context.Execution.PrimaryEntityName, context.Execution.PrimaryEntityId);
            KeepStillOpen(context.SystemService, change);
            foreach (var request in RetentionActivitySync.Requests(customer, Callee(context.SystemService, customer, change), change, after.Context).ToList())
                context.SystemService.Execute(request);
            context.Trace("Retention plan of {0} {1}: {2} created, {3} moved, {4} cancelled.", customer.LogicalName, customer.Id,
                change.ToCreate.Count, change.ToMove.Count, change.ToCancel.Count);
        }

        /// <summary>Whom new calls go to: an account's primary contact is read (1 call) only when the change creates a call.</summary>
        private static EntityReference Callee(IOrganizationService service, EntityReference customer, RetentionPlanChange change) =>
            customer.LogicalName != Account.EntityLogicalName || !RetentionActivitySync.CreatesCall(change) ? customer
                : RetentionActivitySync.Callee(customer, service.Retrieve(customer.LogicalName, customer.Id, new ColumnSet(Account.PrimaryContact))
                    .GetAttributeValue<EntityReference>(Account.PrimaryContact));

        /// <summary>
        /// A user may have completed or deleted an activity whose event has not reached the plan yet: such an activity is
        /// neither moved nor cancelled (that would fail, or overwrite the user's completion). One query per table involved.
        /// </summary>
        private static void KeepStillOpen(IOrganizationService service, RetentionPlanChange change)
        {
            foreach (var table in change.ToMove.Concat(change.ToCancel).GroupBy(RetentionActivitySync.TableOf))
            {
                var query = new QueryExpression(table.Key) { ColumnSet = new ColumnSet(false) };
                query.Criteria.AddCondition(RetentionActivity.PrimaryId, ConditionOperator.In, table.Select(a => (object)a.Id).ToArray());
                query.Criteria.AddCondition(RetentionActivity.StateCode, ConditionOperator.Equal, RetentionActivity.StateOpen);
                var open = new HashSet<Guid>(service.RetrieveMultiple(query).Entities.Select(e => e.Id));
                change.ToMove.RemoveAll(a => RetentionActivitySync.TableOf(a) == table.Key && !open.Contains(a.Id));
                change.ToCancel.RemoveAll(a => RetentionActivitySync.TableOf(a) == table.Key && !open.Contains(a.Id));
            }
        }
    }
}
