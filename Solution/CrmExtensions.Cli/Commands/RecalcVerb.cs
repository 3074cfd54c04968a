using System;
using System.CommandLine;
using CrmExtensions.Cli.Jobs;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Spectre.Console;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>recalc: starts a recalculation job in the org (cx_StartRecalculation) or follows one, with a progress bar until it ends, then its failures.</summary>
    public static class RecalcVerb
    {
        public static Command Create(CliContext context)
        {
            var connection = CrmextCommand.ConnectionOption();
            var table = new Option<string>("--table") { Description = "account (default) or contact" };
            var filter = new Option<string>("--filter") { Description = "Only customers this FetchXML <filter> keeps" };
            var staleHours = new Option<int?>("--not-evaluated-for") { Description = "Only customers not evaluated for this many hours (the nightly refresh uses 24)" };
            var rebuild = new Option<bool>("--rebuild") { Description = "Rebuild every ledger with a full read" };
            var calibrate = new Option<bool>("--calibrate") { Description = "Learn the value-matrix lines and purchase model from the ledgers first" };
            var pageSize = new Option<int?>("--page-size") { Description = "Customers per page (1-1000, default 250)" };
            var name = new Option<string>("--name") { Description = "Name shown in the job list" };
            var follow = new Option<Guid?>("--follow") { Description = "Follow a job already started (its id) instead of starting one" };
            var noWait = new Option<bool>("--no-wait") { Description = "Start the job and return its id" };
            var poll = new Option<int>("--poll-seconds") { Description = "Seconds between two looks at the job", DefaultValueFactory = _ => 5 };
            var timeout = new Option<int>("--timeout-minutes") { Description = "Stop following after this long (the job goes on in the org)", DefaultValueFactory = _ => 240 };
            var recalc = new Command("recalc", "Start a recalculation job in the org, follow it with a progress bar until it ends, and print its failures")
            {
                connection, table, filter, staleHours, rebuild, calibrate, pageSize, name, follow, noWait, poll, timeout,
            };
            recalc.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var service = CrmextCommand.Org(context, r, connection);
                var id = r.GetValue(follow) ?? Start(context, service, new StartRecalculationRequest
                {
                    TableName = r.GetValue(table),
                    Filter = r.GetValue(filter),
                    EvaluatedBefore = r.GetValue(staleHours) is int hours ? DateTime.UtcNow.AddHours(-hours) : (DateTime?)null,
                    Rebuild = r.GetValue(rebuild) ? true : (bool?)null,
                    Calibrate = r.GetValue(calibrate) ? true : (bool?)null,
                    PageSize = r.GetValue(pageSize),
                    Name = r.GetValue(name),
                });
                if (r.GetValue(noWait) && !r.GetValue(follow).HasValue) return 0;
                return Follow(context, service, id, TimeSpan.FromSeconds(Math.Max(1, r.GetValue(poll))), TimeSpan.FromMinutes(r.GetValue(timeout)));
            }));
            return recalc;
        }

        private static Guid Start(CliContext context, IOrganizationService service, StartRecalculationRequest request)
        {
            var id = service.Execute(request).JobId;
            context.Output.WriteLine($"Started recalculation job {id}.");
            return id;
        }

        /// <summary>Follows the job to its end; 0 when every customer was done, 1 when some failed or the job could not be planned.</summary>
        public static int Follow(CliContext context, IOrganizationService service, Guid id, TimeSpan poll, TimeSpan timeout)
        {
            JobState final;
            if (context.Console.Profile.Capabilities.Interactive)
            {
                final = null;
                context.Console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(progress =>
                    {
                        var task = progress.AddTask("planning", maxValue: 1);
                        final = JobFollower.Follow(service, id, () => context.Pause(poll), state =>
                        {
                            task.Description = $"{state.Name}: {state.Done + state.Failed:N0}/{state.Planned:N0} customers";
                            task.MaxValue = Math.Max(1, state.Planned);
                            task.Value = state.Done + state.Failed;
                        }, timeout);
                    });
            }
            else
            {
                string last = null;
                final = JobFollower.Follow(service, id, () => context.Pause(poll), state =>
                {
                    var line = "  " + state;
                    if (line != last) context.Output.WriteLine(line);
                    last = line;
                }, timeout);
            }
            var took = final.StartedOn.HasValue && final.FinishedOn.HasValue ? $" in {(final.FinishedOn.Value - final.StartedOn.Value).TotalSeconds:N0} s" : "";
            context.Output.WriteLine($"{final.Status}: {final.Done:N0} of {final.Planned:N0} customers done, {final.Failed:N0} failed, {final.Pages ?? 0:N0} pages{took}.");
            if (!string.IsNullOrEmpty(final.Errors))
            {
                context.Output.WriteLine("First errors:");
                foreach (var error in final.Errors.Split('\n')) context.Output.WriteLine("  " + error);
            }
            return final.Status == RecalculationStatusChoice.Completed ? 0 : 1;
        }
    }
}
