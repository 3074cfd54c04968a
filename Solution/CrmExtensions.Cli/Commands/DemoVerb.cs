using System;
using System.CommandLine;
using CrmExtensions.Cli.Demo;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Cli.Reports;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>demo: the sample dataset through the real plug-ins on the in-memory host, and the report.</summary>
    public static class DemoVerb
    {
        private const string LiveEvents = "live-events", NoEvents = "none";

        public static Command Create(CliContext context)
        {
            var sample = new Option<string>("--sample") { Description = "Sample dataset folder (default: the shipped sample, Solution/sample)" };
            var asOf = new Option<string>("--as-of") { Description = "Evaluate as of this day, yyyy-MM-dd (default: the day after the newest row of the sample)" }.Day();
            var scenario = new Option<string>("--scenario")
            {
                Description = $"Scripted events after the evaluation: {LiveEvents} (a live order, a complaint, a recorded loss cause) or {NoEvents} " +
                    $"(default: {LiveEvents} on the shipped sample, {NoEvents} on your own --sample, which is evaluated as given)",
            }.OneOf(LiveEvents, NoEvents);
            var demo = new Command("demo", "Run the demo only: the sample dataset through the real plug-ins in the in-memory host, then the report") { sample, asOf, scenario };
            demo.SetAction(r => CrmextCommand.Guarded(context, () => Run(context, CrmextCommand.FullPath(r, sample), r.GetValue(asOf), r.GetValue(scenario))));
            return demo;
        }

        /// <param name="context">Where the demo writes and which repository it reads.</param>
        /// <param name="sample">A user's dataset folder, or null for the shipped sample.</param>
        /// <param name="asOf">yyyy-MM-dd, or null for the day after the newest sample row.</param>
        /// <param name="scenario">live-events or none, or null for live events on the shipped sample only.</param>
        public static int Run(CliContext context, string sample, string asOf = null, string scenario = null)
        {
            var folder = sample ?? context.Product.SampleData;
            context.Output.WriteLine($"Loading the sample dataset from {folder}...");
            var data = SampleDataset.Load(folder);
            var day = AsOfDay(data, asOf);
            context.Output.WriteLine($"As of {day:yyyy-MM-dd}" + (asOf == null ? $" (the day after the newest sample row, {data.Newest:yyyy-MM-dd})" : ""));
            var events = (scenario ?? (sample == null ? LiveEvents : NoEvents)) == LiveEvents ? DemoScenario.LiveEvents : DemoScenario.None;
            var labels = ChoiceLabels.Load(context.Product.SolutionSource);
            var runner = new DemoRunner(context.Output, labels, DemoRunner.MorningOf(day));
            var host = runner.Run(context.Product.SolutionSource, data, events);
            ReportVerb.Print(context, CustomerReport.Build(host.GetService(), runner.AsOf, labels));
            if (runner.Failures.Count == 0) return ExitCode.Success;
            runner.Failures.WriteTo(context.Error);
            return ExitCode.WorkFailed;
        }

        /// <summary>A day before the newest row would evaluate rows from its future, which no org holds: refused.</summary>
        private static DateTime AsOfDay(SampleDataset data, string asOf)
        {
            if (asOf == null) return data.Newest.AddDays(1);
            OptionRules.TryDay(asOf, out var day);
            if (day <= data.Newest)
                throw new VerbFailure($"--as-of {asOf} is not after the newest sample row ({data.Newest:yyyy-MM-dd}).",
                    $"pass a day after {data.Newest:yyyy-MM-dd}, or leave --as-of out to evaluate as of {data.Newest.AddDays(1):yyyy-MM-dd}.");
            return day;
        }
    }
}
