using System.CommandLine;
using CrmExtensions.Cli.Demo;
using CrmExtensions.Cli.Reports;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>demo: the sample dataset through the real plug-ins on the in-memory host, and the report.</summary>
    public static class DemoVerb
    {
        public static Command Create(CliContext context)
        {
            var sample = new Option<string>("--sample") { Description = "Sample dataset folder (default Solution/sample)" };
            var demo = new Command("demo", "Run the demo only: the sample dataset through the real plug-ins in the in-memory host, then the report") { sample };
            demo.SetAction(r => CrmextCommand.Guarded(context, () => Run(context, CrmextCommand.FullPath(r, sample) ?? context.Product.SampleData)));
            return demo;
        }

        public static int Run(CliContext context, string sample)
        {
            context.Output.WriteLine($"Loading the sample dataset from {sample}...");
            var data = SampleDataset.Load(sample);
            var labels = ChoiceLabels.Load(context.Product.SolutionSource);
            var host = new DemoRunner(context.Output, labels).Run(context.Product.SolutionSource, data);
            ReportVerb.Print(context, CustomerReport.Build(host.GetService(), DemoRunner.AsOf, labels));
            return 0;
        }
    }
}
