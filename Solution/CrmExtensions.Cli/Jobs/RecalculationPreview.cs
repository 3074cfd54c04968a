using System;
using System.IO;
using System.Linq;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Jobs;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Jobs
{
    /// <summary>
    /// recalc --dry-run: the job the request would start and how many customers its scope holds now, read with the
    /// plan's own query (<see cref="CustomerScope"/>); nothing is written.
    /// </summary>
    public static class RecalculationPreview
    {
        private const int IdsPerRead = 5000;

        public static void Write(TextWriter output, IOrganizationService service, StartRecalculationRequest request, DateTime now)
        {
            var row = new Entity(RecalculationJob.EntityLogicalName, Guid.Empty)
            {
                [RecalculationJob.Scope] = new OptionSetValue((int)JobDefinition.ScopeOf(request.TableName)),
                [RecalculationJob.Filter] = request.Filter,
                [RecalculationJob.EvaluatedBefore] = request.EvaluatedBefore,
                [RecalculationJob.PageSize] = request.PageSize ?? JobDefinition.DefaultPageSize,
                [RecalculationJob.CreatedOn] = now,
            };
            var job = new JobDefinition(row);
            var customers = CustomerScope.Reads(service, job, null, IdsPerRead).Sum(read => read.Ids.Count);
            var pages = (customers + job.PageSize - 1) / job.PageSize;
            output.WriteLine($"Dry run: would start a recalculation job over {customers:N0} active {job.Table}{(customers == 1 ? "" : "s")}" +
                $"{(job.Filter != null ? " kept by the filter" : "")}{(job.EvaluatedBefore.HasValue ? $" not evaluated since {job.EvaluatedBefore:yyyy-MM-dd HH:mm} UTC" : "")}, " +
                $"in {pages:N0} page{(pages == 1 ? "" : "s")} of {job.PageSize}{(request.Rebuild == true ? ", rebuilding every ledger" : "")}" +
                $"{(request.Calibrate == true ? ", calibrating first" : "")}. Nothing was written.");
        }
    }
}
