using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Generation;
using CrmExtensions.Cli.Packing;
using CrmExtensions.Cli.Validation;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>The verbs that work on the repository: the main job (no verb, or run), pack, validate, generate.</summary>
    public static class SolutionVerbs
    {
        public static void AddTo(RootCommand root, CliContext context)
        {
            var noBuild = new Option<bool>("--no-build") { Description = "Use the assemblies and web resources already built" };
            var source = new Option<string>("--source") { Description = "Solution source folder (default Solution/src)" };
            var output = new Option<string>("--out") { Description = "Folder the zip is written to (default artifacts/)" };
            var managed = new Option<bool>("--managed") { Description = "Pack a managed solution" };
            var sample = new Option<string>("--sample") { Description = "Sample dataset folder (default Solution/sample)" };
            root.Options.Add(noBuild);
            root.Options.Add(sample);

            Func<ParseResult, int> main = r => CrmextCommand.Guarded(context, () =>
            {
                var layout = context.Layout;
                Build(context, r.GetValue(noBuild));
                Pack(context, layout.SolutionSource, layout.ArtifactsDirectory, managed: false);
                if (Validate(context, layout.SolutionSource) > 0) return 1;
                return DemoVerb.Run(context, CrmextCommand.FullPath(r, sample) ?? layout.SampleData);
            });
            root.SetAction(main);
            var run = new Command("run", "The main job (also without a verb): build, pack, validate, then run the demo over the sample dataset") { noBuild, sample };
            run.SetAction(main);
            root.Subcommands.Add(run);

            var pack = new Command("pack", "Build and write CrmExtensions_<version>.zip") { managed, output, source, noBuild };
            pack.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                Build(context, r.GetValue(noBuild));
                Pack(context, CrmextCommand.FullPath(r, source) ?? context.Layout.SolutionSource, CrmextCommand.FullPath(r, output) ?? context.Layout.ArtifactsDirectory, r.GetValue(managed));
                return 0;
            }));
            root.Subcommands.Add(pack);

            var validate = new Command("validate", "Check the solution source, then pack it (unmanaged and managed) and check both zips against Microsoft's schema") { source, noBuild };
            validate.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                Build(context, r.GetValue(noBuild));
                return Validate(context, CrmextCommand.FullPath(r, source) ?? context.Layout.SolutionSource) > 0 ? 1 : 0;
            }));
            root.Subcommands.Add(validate);

            var generate = new Command("generate", "Write the files generated from the plug-in declarations (steps, Custom APIs, plug-in types, Solution.xml's components)") { source, noBuild };
            generate.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                Build(context, r.GetValue(noBuild));
                return Generate(context, CrmextCommand.FullPath(r, source) ?? context.Layout.SolutionSource);
            }));
            root.Subcommands.Add(generate);
        }

        /// <summary>Builds and packs the repository's solution into artifacts/; the path of the zip.</summary>
        public static string PackBuilt(CliContext context, bool managed)
        {
            Build(context, noBuild: false);
            return Pack(context, context.Layout.SolutionSource, context.Layout.ArtifactsDirectory, managed);
        }

        private static void Build(CliContext context, bool noBuild)
        {
            if (noBuild) return;
            Builds.Assemblies(context.Layout, context.Output);
            Builds.WebResources(context.Layout, context.Output);
        }

        private static SolutionSource Load(CliContext context, string source)
        {
            var solution = new SolutionSource(source);
            if (solution.ParseErrors.Count == 0) return solution;
            foreach (var issue in solution.ParseErrors) context.Error.WriteLine(issue);
            throw new InvalidOperationException("The solution source has malformed XML.");
        }

        public static string Pack(CliContext context, string source, string output, bool managed)
        {
            var solution = Load(context, source);
            var build = SolutionBuild.Of(context.Layout);
            var path = new SolutionPacker(solution, build).Pack(output, managed);
            context.Output.WriteLine($"Packed {(managed ? "managed" : "unmanaged")} solution {solution.UniqueName} {solution.Version}: {path}");
            // For a pipeline that packs the source with Microsoft's tool: pac solution pack --map <this file>.
            var map = Path.Combine(output, $"{solution.UniqueName}.map.xml");
            SolutionPackagerMap.For(solution, build).Save(map);
            return path;
        }

        private static int Validate(CliContext context, string source)
        {
            var layout = context.Layout;
            var solution = Load(context, source);
            var build = SolutionBuild.Of(layout);
            var issues = new SolutionValidator(solution, build, new GeneratedFiles(solution, build, layout.TypeScriptContracts)).Validate().ToList();
            var schema = SolutionSchema.Load(layout.SolutionSchemas);
            if (schema == null) context.Output.WriteLine($"Microsoft's solution schema is not at {layout.SolutionSchemas}: the zips are checked without it.");
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
            foreach (var issue in issues) context.Error.WriteLine(issue);
            context.Output.WriteLine(issues.Count == 0
                ? $"Validated {solution.Documents.Count} source files and the unmanaged and managed zips{(schema != null ? " against Microsoft's schema" : "")}: no problems."
                : $"Validation found {issues.Count} problem(s).");
            return issues.Count;
        }

        private static int Generate(CliContext context, string source)
        {
            var changed = new GeneratedFiles(Load(context, source), SolutionBuild.Of(context.Layout), context.Layout.TypeScriptContracts).Write();
            foreach (var path in changed) context.Output.WriteLine("  " + Path.GetRelativePath(context.Layout.Root, path));
            context.Output.WriteLine(changed.Count == 0 ? "Generated files are current." : $"Wrote {changed.Count} generated file(s).");
            return 0;
        }
    }
}
