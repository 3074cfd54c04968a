using System;
using System.Globalization;
using System.Xml.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Jobs;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.CustomApis
{
    /// <summary>
    /// cx_StartRecalculation, unbound: checks what the job is to cover (the filter is tried on one row so a bad one is
    /// refused here, with the platform's reason) and creates the job row as the caller; its creation queues the plan
    /// (<see cref="Steps.PlanRecalculationJob"/>), and the pages run on the asynchronous service. Returns at once.
    /// </summary>
    [CustomApi(typeof(StartRecalculationRequest), "Start a recalculation job",
        "Recalculates accounts or contacts as a job of pages on the asynchronous service; the job row shows its progress.",
        ExecutePrivilege = RecalculationJob.StartPrivilege)]
    public sealed class StartRecalculationApi : PluginBase
    {
        public StartRecalculationApi(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var request = new StartRecalculationRequest(execution.InputParameters);
            var scope = JobDefinition.ScopeOf(request.TableName);
            var pageSize = request.PageSize ?? JobDefinition.DefaultPageSize;
            if (pageSize < 1 || pageSize > JobDefinition.MaxPageSize) throw new DomainValidationException($"PageSize must be between 1 and {JobDefinition.MaxPageSize} (got {pageSize}).");
            JobDefinition.CheckedFilter(request.Filter);
            var name = string.IsNullOrWhiteSpace(request.Name) ? DefaultName(scope, request.EvaluatedBefore, execution.OperationCreatedOn) : request.Name.Trim();
            var row = new Entity(RecalculationJob.EntityLogicalName)
            {
                [RecalculationJob.Name] = name,
                [RecalculationJob.Scope] = new OptionSetValue((int)scope),
                [RecalculationJob.Filter] = string.IsNullOrWhiteSpace(request.Filter) ? null : request.Filter,
                [RecalculationJob.EvaluatedBefore] = request.EvaluatedBefore,
                [RecalculationJob.Rebuild] = request.Rebuild ?? false,
                [RecalculationJob.Calibrate] = request.Calibrate ?? false,
                [RecalculationJob.PageSize] = pageSize,
                [RecalculationJob.Status] = new OptionSetValue((int)RecalculationStatusChoice.Queued),
            };
            TryScope(context.SystemService, new JobDefinition(WithCreatedOn(row, execution.OperationCreatedOn)));
            var id = context.CallerService.Create(row);
            context.Trace("Started recalculation job {0} ({1}).", id, name);
            CustomApiResponse.Over<StartRecalculationResponse>(execution.OutputParameters).JobId = id;
        }

        private static string DefaultName(RecalculationScopeChoice scope, DateTime? evaluatedBefore, DateTime now)
        {
            var customers = scope == RecalculationScopeChoice.Contacts ? "Contacts" : "Accounts";
            var stale = evaluatedBefore.HasValue ? " not evaluated since " + evaluatedBefore.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
            return $"{customers}{stale}, {now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        }

        private static Entity WithCreatedOn(Entity row, DateTime now)
        {
            var copy = new Entity(row.LogicalName);
            foreach (var attribute in row.Attributes) copy[attribute.Key] = attribute.Value;
            copy[RecalculationJob.CreatedOn] = now;
            return copy;
        }

        /// <summary>The plan's first query, for one row: a filter naming a column the table lacks fails here, not later.</summary>
        private static void TryScope(IOrganizationService service, JobDefinition job) =>
            service.RetrieveMultiple(new FetchExpression(CustomerScope.Query(job, ScopePosition.Start, 1).ToString(SaveOptions.DisableFormatting)));
    }
}
