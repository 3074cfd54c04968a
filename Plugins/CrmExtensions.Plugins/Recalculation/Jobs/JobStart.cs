using System;
using System.Globalization;
using System.Xml.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>
    /// Starts a recalculation job: checks what it is to cover (the filter is tried on one row so a bad one is refused with
    /// the platform's reason) and creates the job row as the caller; its creation queues the plan, and the pages run on the
    /// asynchronous service. Shared by cx_StartRecalculation and cx_CalibrateSettings.
    /// </summary>
    public static class JobStart
    {
        public static Guid Create(LocalPluginContext context, StartRecalculationRequest request)
        {
            var now = context.Execution.OperationCreatedOn;
            var scope = JobDefinition.ScopeOf(request.TableName);
            var pageSize = request.PageSize ?? JobDefinition.DefaultPageSize;
            if (pageSize < 1 || pageSize > JobDefinition.MaxPageSize) throw new DomainValidationException($"PageSize must be between 1 and {JobDefinition.MaxPageSize} (got {pageSize}).");
            JobDefinition.CheckedFilter(request.Filter);
            var name = string.IsNullOrWhiteSpace(request.Name) ? DefaultName(scope, request.EvaluatedBefore, now) : JobDefinition.CheckedName(request.Name);
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
            TryScope(context.SystemService, new JobDefinition(WithCreatedOn(row, now)));
            var id = context.CallerService.Create(row);
            context.Trace("Started recalculation job {0} ({1}).", id, name);
            return id;
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
