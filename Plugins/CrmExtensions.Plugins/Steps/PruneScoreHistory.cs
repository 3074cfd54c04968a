using System;
using System.Linq;
using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// cx_scorechange Create, asynchronous PostOperation: when a customer's history gains a row, the customer's rows
    /// older than history.retentionDays go (one query, and the settings and one delete per expired row only when a row is
    /// older than the shortest retention the settings allow; usually none is). Off the
    /// evaluation's transaction, so a change is recorded at the cost of one write and the clean-up waits for the queue.
    /// </summary>
    [Step(MessageName.Create, Stage.PostOperation, Mode.Asynchronous, CustomerScoreChange.EntityLogicalName, PostImage = CustomerScoreChange.Customer,
        Description = "Remove the customer's score history rows older than the retention period.")]
    public sealed class PruneScoreHistory : PluginBase
    {
        public PruneScoreHistory(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var customer = context.PostImage()?.GetAttributeValue<EntityReference>(CustomerScoreChange.Customer);
            if (customer == null) return;
            // Rows younger than any retention the settings allow need no settings: the common case costs the one query.
            var now = context.Execution.OperationCreatedOn;
            var query = new QueryExpression(CustomerScoreChange.EntityLogicalName) { ColumnSet = new ColumnSet(CustomerScoreChange.CreatedOn) };
            query.Criteria.AddCondition(CustomerScoreChange.Customer, ConditionOperator.Equal, customer.Id);
            query.Criteria.AddCondition(CustomerScoreChange.CreatedOn, ConditionOperator.LessThan, ScoreHistory.KeptWhateverTheSettings(now));
            var older = context.SystemService.RetrieveMultiple(query).Entities;
            if (older.Count == 0) return;
            var keepFrom = ScoreHistory.KeepFrom(now, Settings(context).History);
            var expired = older.Where(e => e.GetAttributeValue<DateTime>(CustomerScoreChange.CreatedOn) < keepFrom).Select(e => e.Id).ToList();
            foreach (var id in expired) context.SystemService.Delete(CustomerScoreChange.EntityLogicalName, id);
            context.Trace("{0} score history row(s) of {1} {2} older than {3:yyyy-MM-dd} removed.", expired.Count, customer.LogicalName, customer.Id, keepFrom);
        }
    }
}
