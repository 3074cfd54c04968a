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
                default:
                    Console.Error.WriteLine($"Unknown benchmark '{which}'. Use: domain [customers]");
                    return 2;
            }
        }
    }
}
