using System;
using System.IO;
using Microsoft.Xrm.Sdk;
using Spectre.Console;

namespace CrmExtensions.Cli.Jobs
{
    /// <summary>How recalc shows a job it follows: a progress bar at a terminal, a line per change elsewhere, then the outcome and its first errors.</summary>
    public static class JobProgressView
    {
        /// <summary>Follows the job to its end; <paramref name="quiet"/> shows no progress (the outcome is printed as JSON).</summary>
        public static JobState Follow(CliContext context, IOrganizationService service, Guid id, TimeSpan poll, TimeSpan timeout, bool quiet)
        {
            if (quiet) return JobFollower.Follow(service, id, () => context.Pause(poll), null, timeout);
            if (!context.Console.Profile.Capabilities.Interactive)
            {
                string last = null;
                return JobFollower.Follow(service, id, () => context.Pause(poll), state =>
                {
                    var line = "  " + state;
                    if (line != last) context.Output.WriteLine(line);
                    last = line;
                }, timeout);
            }
            JobState final = null;
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
            return final;
        }

        public static void Summary(TextWriter output, JobState final)
        {
            var took = final.StartedOn.HasValue && final.FinishedOn.HasValue ? $" in {(final.FinishedOn.Value - final.StartedOn.Value).TotalSeconds:N0} s" : "";
            output.WriteLine($"{final.Status}: {final.Done:N0} of {final.Planned:N0} customers done, {final.Failed:N0} failed, {final.Pages ?? 0:N0} pages{took}.");
            if (string.IsNullOrEmpty(final.Errors)) return;
            output.WriteLine("First errors:");
            foreach (var error in final.Errors.Split('\n')) output.WriteLine("  " + error);
        }
    }
}
