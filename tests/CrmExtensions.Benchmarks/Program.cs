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
                case "bulk":
                    BulkScale.Run(args.Length > 1 ? Array.ConvertAll(args[1].Split(','), int.Parse) : new[] { 1_000, 10_000, 100_000 }, BulkScale.FindSolutionSource());
                    return 0;
                case "steps":
                    StepCost.Run(BulkScale.FindSolutionSource());
                    return 0;
                case "history":
                    HistoryVolume.Run(BulkScale.FindSolutionSource());
                    return 0;
                case "all":
                    DomainThroughput.Run(1_000_000);
                    StepCost.Run(BulkScale.FindSolutionSource());
                    HistoryVolume.Run(BulkScale.FindSolutionSource());
                    BulkScale.Run(new[] { 1_000, 10_000, 100_000 }, BulkScale.FindSolutionSource());
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown benchmark '{which}'. Use: domain [customers] | steps | history | bulk [n,n,...] | all");
                    return 2;
            }
        }
    }
}
