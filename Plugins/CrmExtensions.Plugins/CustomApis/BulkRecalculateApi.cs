using System;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_BulkRecalculate, unbound: recalculates every active account (or contact) in pages ordered by id. Each call does
    /// at most MaxPages pages so it stays far inside the 2-minute plugin limit and returns NextCheckpoint (the last id
    /// done); calling again with it resumes, and re-running a page is harmless because recalculation is idempotent.
    /// A page is evaluated from the ledgers on the rows it reads (one read per page plus the writes, batched up to 1,000
    /// a request); customers without a ledger, or all of them with Rebuild, get the set-based full read.
    /// </summary>
    [CustomApi(typeof(BulkRecalculateRequest), "Bulk recalculate customers",
        "Recalculates all active accounts or contacts page by page; resumable from the returned checkpoint.", ExecutePrivilege = BulkPrivilege)]
    public sealed class BulkRecalculateApi : PluginBase
    {
        /// <summary>Only who may change the settings (Customer Value Administrator) may start a bulk run.</summary>
        public const string BulkPrivilege = "prvWritecx_setting";
        public const int DefaultPageSize = 1000;
        public const int MaxPageSize = 5000;
        public const int DefaultMaxPages = 2;

        public BulkRecalculateApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var request = new BulkRecalculateRequest(execution.InputParameters);
            var table = string.IsNullOrWhiteSpace(request.TableName) ? Account.EntityLogicalName : request.TableName.Trim().ToLowerInvariant();
            if (table != Account.EntityLogicalName && table != Contact.EntityLogicalName)
                throw new DomainValidationException($"TableName must be 'account' or 'contact', not '{table}'.");
            var pageSize = request.PageSize ?? DefaultPageSize;
            if (pageSize < 1 || pageSize > MaxPageSize) throw new DomainValidationException($"PageSize must be between 1 and {MaxPageSize} (got {pageSize}).");
            var maxPages = request.MaxPages ?? DefaultMaxPages;
            if (maxPages < 1) throw new DomainValidationException($"MaxPages must be at least 1 (got {maxPages}).");
            var rebuild = request.Rebuild ?? false;
            Guid? checkpoint = null;
            if (!string.IsNullOrWhiteSpace(request.Checkpoint))
            {
                if (!Guid.TryParse(request.Checkpoint, out var parsed)) throw new DomainValidationException($"Checkpoint '{request.Checkpoint}' is not one this API returned (expected a record id).");
                checkpoint = parsed;
            }

            var recalculation = Recalculation(context, TriggerKind.Job);
            int processed = 0, failures = 0;
            var completed = false;
            for (var page = 0; page < maxPages; page++)
            {
                var query = new QueryExpression(table) { ColumnSet = CustomerSnapshot.ColumnSet, TopCount = pageSize };
                query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
                if (checkpoint.HasValue) query.Criteria.AddCondition(Common.PrimaryIdOf(table), ConditionOperator.GreaterThan, checkpoint.Value);
                query.AddOrder(Common.PrimaryIdOf(table), OrderType.Ascending);
                var rows = context.SystemService.RetrieveMultiple(query).Entities.ToList();
                if (rows.Count == 0)
                {
                    completed = true;
                    break;
                }
                var result = recalculation.FromRows(rows, execution.OperationCreatedOn, rebuild);
                processed += result.Customers;
                failures += result.Failures;
                foreach (var error in result.Errors.Take(5)) context.Trace("Failed: {0}", error);
                checkpoint = rows[rows.Count - 1].Id;
                if (rows.Count < pageSize)
                {
                    completed = true;
                    break;
                }
            }
            var response = CustomApiResponse.Over<BulkRecalculateResponse>(execution.OutputParameters);
            response.Processed = processed;
            response.Failures = failures;
            response.NextCheckpoint = completed ? null : checkpoint?.ToString("D");
            response.Completed = completed;
        }
    }
}
