using System;
using System.Globalization;
using System.IO;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Packer.Backtest;
using CrmExtensions.Packer.Demo;
using CrmExtensions.Packer.Generation;
using CrmExtensions.Packer.Packing;
using CrmExtensions.Packer.Validation;

namespace CrmExtensions.Packer
{
    internal static class Program
    {
        private const string Usage = @"Usage: dotnet run --project Solution/Packer -c Release -- [command] [options]
  run        (default) build, pack, validate, then run the demo over the sample dataset
  pack       build and write CrmExtensions_<version>.zip   [--managed] [--out DIR] [--no-build]
  validate   check the solution source, then pack it (unmanaged and managed) and check both zips against Microsoft's schema   [--source DIR] [--no-build]
  generate   write the files generated from the plug-in declarations (steps, Custom APIs, plug-in types, Solution.xml's components)   [--no-build]
  demo       run the demo only   [--sample DIR]
  backtest   evaluate customers as of a cut-off and compare with what they did next
             --transactions FILE --as-of yyyy-MM-dd --holdout-until yyyy-MM-dd [--settings FILE]";

        private static int Main(string[] args)
        {
            try
            {
                var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "run";
                var layout = RepositoryLayout.Find();
                var noBuild = args.Contains("--no-build");
                var source = Option(args, "--source") ?? layout.SolutionSource;
                var output = Option(args, "--out") ?? layout.ArtifactsDirectory;
                switch (command)
                {
                    case "run":
                        Build(layout, noBuild);
                        Pack(layout, source, output, managed: false);
                        if (Validate(layout, source) > 0) return 1;
                        return Demo(layout, Option(args, "--sample") ?? layout.SampleData);
                    case "pack":
                        Build(layout, noBuild);
                        Pack(layout, source, output, args.Contains("--managed"));
                        return 0;
                    case "validate":
                        Build(layout, noBuild);
                        return Validate(layout, source) > 0 ? 1 : 0;
                    case "generate":
                        Build(layout, noBuild);
                        return Generate(layout, source);
                    case "demo":
                        return Demo(layout, Option(args, "--sample") ?? layout.SampleData);
                    case "backtest":
                        return Backtest(args);
                    default:
                        Console.Error.WriteLine($"Unknown command '{command}'.");
                        Console.Error.WriteLine(Usage);
                        return 2;
                }
            }
            catch (Exception ex) when (ex is SampleDataException || ex is TransactionFileException || ex is DomainValidationException || ex is InvalidOperationException || ex is IOException || ex is ArgumentException)
            {
                Console.Error.WriteLine("error: " + ex.Message);
                return 2;
            }
        }

        private static string Option(string[] args, string name)
        {
            var index = Array.IndexOf(args, name);
            if (index < 0) return null;
            if (index + 1 >= args.Length) throw new ArgumentException($"{name} needs a value.");
            return Path.GetFullPath(args[index + 1]);
        }

        private static int Backtest(string[] args)
        {
            var transactions = Option(args, "--transactions") ?? throw new ArgumentException("backtest needs --transactions FILE.");
            var settings = Option(args, "--settings");
            var result = BacktestRun.Run(TransactionFile.Load(transactions), settings == null ? null : File.ReadAllText(settings),
                Day(args, "--as-of"), Day(args, "--holdout-until"));
            BacktestReport.Write(Console.Out, result);
            return 0;
        }

        private static DateTime Day(string[] args, string name)
        {
            var index = Array.IndexOf(args, name);
            if (index < 0 || index + 1 >= args.Length) throw new ArgumentException($"backtest needs {name} yyyy-MM-dd.");
            return DateTime.TryParseExact(args[index + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day)
                ? day : throw new ArgumentException($"{name} '{args[index + 1]}' is not a date (yyyy-MM-dd).");
        }

        private static void Build(RepositoryLayout layout, bool noBuild)
        {
            if (noBuild) return;
            Builds.Assemblies(layout, Console.Out);
            Builds.WebResources(layout, Console.Out);
        }

        private static SolutionSource Load(string source)
        {
            var solution = new SolutionSource(source);
            if (solution.ParseErrors.Count == 0) return solution;
            foreach (var issue in solution.ParseErrors) Console.Error.WriteLine(issue);
            throw new InvalidOperationException("The solution source has malformed XML.");
        }

        private static string Pack(RepositoryLayout layout, string source, string output, bool managed)
        {
            var solution = Load(source);
            var path = new SolutionPacker(solution, SolutionBuild.Of(layout)).Pack(output, managed);
            Console.WriteLine($"Packed {(managed ? "managed" : "unmanaged")} solution {solution.UniqueName} {solution.Version}: {path}");
            return path;
        }

        private static int Validate(RepositoryLayout layout, string source)
        {
            var solution = Load(source);
            var build = SolutionBuild.Of(layout);
            var issues = new SolutionValidator(solution, build, new GeneratedFiles(solution, build, layout.TypeScriptContracts)).Validate().ToList();
            var schema = SolutionSchema.Load(layout.SolutionSchemas);
            if (schema == null) Console.WriteLine($"Microsoft's solution schema is not at {layout.SolutionSchemas}: the zips are checked without it.");
            var scratch = Path.Combine(Path.GetTempPath(), "cx-validate-" + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var managed in new[] { false, true })
                    issues.AddRange(PackageInspector.Inspect(new SolutionPacker(solution, build).Pack(scratch, managed), schema));
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, true);
            }
            foreach (var issue in issues) Console.Error.WriteLine(issue);
            Console.WriteLine(issues.Count == 0
                ? $"Validated {solution.Documents.Count} source files and the unmanaged and managed zips{(schema != null ? " against Microsoft's schema" : "")}: no problems."
                : $"Validation found {issues.Count} problem(s).");
            return issues.Count;
        }

        private static int Generate(RepositoryLayout layout, string source)
        {
            var changed = new GeneratedFiles(Load(source), SolutionBuild.Of(layout), layout.TypeScriptContracts).Write();
            foreach (var path in changed) Console.WriteLine("  " + Path.GetRelativePath(layout.Root, path));
            Console.WriteLine(changed.Count == 0 ? "Generated files are current." : $"Wrote {changed.Count} generated file(s).");
            return 0;
        }

        private static int Demo(RepositoryLayout layout, string sample)
        {
            Console.WriteLine($"Loading the sample dataset from {sample}...");
            var data = SampleDataset.Load(sample);
            var host = new DemoRunner(Console.Out).Run(layout.SolutionSource, data);
            DemoReport.Write(Console.Out, host, data);
            return 0;
        }
    }
}
