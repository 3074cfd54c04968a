using System;
using System.CommandLine;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Cli.Jobs;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Recalculation.Jobs;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>recalc: starts a recalculation job in the org (cx_StartRecalculation) or follows one, with a progress bar until it ends, then its failures.</summary>
    public static class RecalcVerb
    {
        public static Command Create(CliContext context)
        {
            var connection = CrmextCommand.ConnectionOption();
            var table = new Option<string>("--table") { Description = "account (default) or contact" }.CheckedBy(t => JobDefinition.ScopeOf(t));
            var filter = new Option<string>("--filter") { Description = "Only customers this FetchXML <filter> keeps" }.CheckedBy(f => JobDefinition.CheckedFilter(f));
            var staleHours = new Option<int?>("--not-evaluated-for") { Description = "Only customers not evaluated for this many hours (at least 1; the nightly refresh uses 24)" }
                .Within(1, int.MaxValue);
            var rebuild = new Option<bool>("--rebuild") { Description = "Rebuild every ledger with a full read" };
            var calibrate = new Option<bool>("--calibrate") { Description = "Learn the value-matrix lines and purchase model from the ledgers first" };
            var pageSize = new Option<int?>("--page-size") { Description = $"Customers per page (1-{JobDefinition.MaxPageSize}, default {JobDefinition.DefaultPageSize})" }
                .Within(1, JobDefinition.MaxPageSize);
            var name = new Option<string>("--name") { Description = "Name shown in the job list" }.CheckedBy(n => JobDefinition.CheckedName(n));
            var follow = new Option<Guid?>("--follow") { Description = "Follow a job already started (its id) instead of starting one" };
            var noWait = new Option<bool>("--no-wait") { Description = "Start the job and return its id" };
            var dryRun = new Option<bool>("--dry-run") { Description = "Say which customers the job would cover; start nothing" };
            var json = new Option<bool>("--json") { Description = "Print the job's outcome as JSON (for a pipeline)" };
            var poll = new Option<int>("--poll-seconds") { Description = "Seconds between two looks at the job (at least 1)", DefaultValueFactory = _ => 5 }.Within(1, 3600);
            var timeout = new Option<int>("--timeout-minutes") { Description = "Stop following after this long (at least 1; the job goes on in the org)", DefaultValueFactory = _ => 240 }
                .Within(1, int.MaxValue);
            var recalc = new Command("recalc", "Start a recalculation job in the org, follow it with a progress bar until it ends, and print its failures")
            {
                connection, table, filter, staleHours, rebuild, calibrate, pageSize, name, follow, noWait, dryRun, json, poll, timeout,
            };
            recalc.Excludes(follow, table, filter, staleHours, rebuild, calibrate, pageSize, name, noWait, dryRun);
            recalc.Excludes(dryRun, noWait, json);
            recalc.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                context.Json = r.GetValue(json);
                var service = CrmextCommand.Org(context, r, connection);
                var request = new StartRecalculationRequest
                {
                    TableName = r.GetValue(table),
                    Filter = r.GetValue(filter),
                    EvaluatedBefore = r.GetValue(staleHours) is int hours ? DateTime.UtcNow.AddHours(-hours) : (DateTime?)null,
                    Rebuild = r.GetValue(rebuild) ? true : (bool?)null,
                    Calibrate = r.GetValue(calibrate) ? true : (bool?)null,
                    PageSize = r.GetValue(pageSize),
                    Name = r.GetValue(name),
                };
                if (r.GetValue(dryRun))
                {
                    RecalculationPreview.Write(context.Output, service, request, DateTime.UtcNow);
                    return ExitCode.Success;
                }
                var id = r.GetValue(follow) ?? Start(context, service, request);
                if (r.GetValue(noWait)) return ExitCode.Success;
                var final = JobProgressView.Follow(context, service, id, TimeSpan.FromSeconds(r.GetValue(poll)), TimeSpan.FromMinutes(r.GetValue(timeout)), quiet: r.GetValue(json));
                if (r.GetValue(json)) context.Output.WriteLine(final.ToJson());
                else JobProgressView.Summary(context.Output, final);
                return final.Status == Plugins.Model.RecalculationStatusChoice.Completed ? ExitCode.Success : ExitCode.WorkFailed;
            }));
            return recalc;
        }

        private static Guid Start(CliContext context, IOrganizationService service, StartRecalculationRequest request)
        {
            var id = service.Execute(request).JobId;
            context.Info.WriteLine($"Started recalculation job {id}.");
            return id;
        }
    }
}
