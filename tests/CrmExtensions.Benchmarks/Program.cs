using System;

namespace CrmExtensions.Benchmarks
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var which = args.Length > 0 ? args[0] : "domain";
            switch (which)
            {
                case "domain":
                    DomainThroughput.Run(args.Length > 1 ? int.Parse(args[1]) : 1_000_000);
                    return 0;
                case "json":
                    LedgerJson.Run(args.Length > 1 ? int.Parse(args[1]) : 20_000);
                    return 0;
                case "jobs":
                    JobScale.Run(args.Length > 1 ? Array.ConvertAll(args[1].Split(','), int.Parse) : new[] { 1_000, 10_000, 100_000 }, JobScale.FindSolutionSource());
                    return 0;
                case "fit":
                    CalibrationFit.Run(args.Length > 1 ? int.Parse(args[1]) : 100_000);
                    return 0;
                case "steps":
                    StepCost.Run(JobScale.FindSolutionSource());
                    return 0;
                case "history":
                    HistoryVolume.Run(JobScale.FindSolutionSource());
                    return 0;
                case "all":
                    DomainThroughput.Run(1_000_000);
                    LedgerJson.Run(20_000);
                    CalibrationFit.Run(100_000);
                    StepCost.Run(JobScale.FindSolutionSource());
                    HistoryVolume.Run(JobScale.FindSolutionSource());
                    JobScale.Run(new[] { 1_000, 10_000, 100_000 }, JobScale.FindSolutionSource());
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown benchmark '{which}'. Use: domain [customers] | json [repeats] | fit [customers] | steps | history | jobs [n,n,...] | all");
                    return 2;
            }
        }
    }
}
