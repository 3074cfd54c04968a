using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Failures;
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
            var noSchema = new Option<bool>("--no-schema") { Description = "Check without Microsoft's solution schema when it is not available" };
            root.Options.Add(noBuild);
            root.Options.Add(sample);

            Func<ParseResult, int> main = r => CrmextCommand.Guarded(context, () =>
            {
                var layout = context.Layout;
                Build(context, r.GetValue(noBuild));
                Pack(context, layout.SolutionSource, layout.ArtifactsDirectory, managed: false);
                // The main job runs where ../shared may be missing: it says so and checks everything else.
                if (Validate(context, layout.SolutionSource, schemaRequired: false) > 0) return 1;
                return DemoVerb.Run(context, CrmextCommand.FullPath(r, sample));
            });
            root.SetAction(main);
            var run = new Command("run", "The main job (also without a verb): build, pack, validate, then run the demo over the sample dataset") { noBuild, sample };
            run.SetAction(main);
            root.Subcommands.Add(run);

            var pack = new Command("pack", "Build and write CrmExtensions_<version>.zip and CrmExtensionsService_<version>.zip") { managed, output, source, noBuild };
            pack.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                Build(context, r.GetValue(noBuild));
                Pack(context, CrmextCommand.FullPath(r, source) ?? context.Layout.SolutionSource, CrmextCommand.FullPath(r, output) ?? context.Layout.ArtifactsDirectory, r.GetValue(managed));
                return 0;
            }));
            root.Subcommands.Add(pack);

            var validate = new Command("validate", "Check the solution source, then pack it (unmanaged and managed) and check both zips against Microsoft's schema") { source, noBuild, noSchema };
            validate.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                Build(context, r.GetValue(noBuild));
                return Validate(context, CrmextCommand.FullPath(r, source) ?? context.Layout.SolutionSource, schemaRequired: !r.GetValue(noSchema)) > 0 ? 1 : 0;
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

        private static void Build(CliContext context, bool noBuild)
        {
            if (noBuild) return;
            Builds.Assemblies(context.Layout, context.Output);
            Builds.WebResources(context.Layout, context.Output);
        }

        private static ProductSources Load(CliContext context, string source)
        {
            if (!File.Exists(Path.Combine(source, "Other", "Solution.xml")))
                throw new VerbFailure($"no solution source at {source}: it has no Other/Solution.xml.",
                    "pass --source the folder that holds Other/Solution.xml (Solution/src by default).", ExitCode.BadInput);
            var sources = ProductSources.Load(source);
            var errors = sources.All.SelectMany(s => s.ParseErrors).ToList();
            if (errors.Count == 0) return sources;
            foreach (var issue in errors) context.Error.WriteLine(issue);
            throw new InvalidOperationException("The solution source has malformed XML.");
        }

        /// <summary>Packs each of the product's solutions; the zips' paths, the core's first (the import order).</summary>
        public static IReadOnlyList<string> Pack(CliContext context, string source, string output, bool managed)
        {
            var build = SolutionBuild.Of(context.Layout);
            var zips = new List<string>();
            foreach (var solution in Load(context, source).All)
            {
                var path = new SolutionPacker(solution, build).Pack(output, managed);
                context.Output.WriteLine($"Packed {(managed ? "managed" : "unmanaged")} solution {solution.UniqueName} {solution.Version}: {path}");
                // For a pipeline that packs the source with Microsoft's tool: pac solution pack --map <this file>.
                SolutionPackagerMap.For(solution, build).Save(Path.Combine(output, $"{solution.UniqueName}.map.xml"));
                zips.Add(path);
            }
            return zips;
        }

        private static int Validate(CliContext context, string source, bool schemaRequired)
        {
            var layout = context.Layout;
            var sources = Load(context, source);
            var build = SolutionBuild.Of(layout);
            var issues = sources.All.SelectMany(solution => new SolutionValidator(solution, build,
                    new GeneratedFiles(solution, build, layout.TypeScriptContracts, layout.WebSchema, layout.ChoiceEnums),
                solution == sources.Core ? null : sources.Core).Validate().Select(i => solution == sources.Core ? i : i.In(solution.UniqueName))).ToList();
            var schema = SolutionSchema.Load(layout.SolutionSchemas);
            if (schema == null && schemaRequired)
                throw new VerbFailure($"Microsoft's solution schema is not at {layout.SolutionSchemas}: the zips could not be checked against it.",
                    "pass --no-schema to check everything else.", ExitCode.WorkFailed);
            if (schema == null) context.Output.WriteLine($"Microsoft's solution schema is not at {layout.SolutionSchemas}: the zips are checked without it.");
            var scratch = Path.Combine(Path.GetTempPath(), "cx-validate-" + Guid.NewGuid().ToString("N"));
            try
            {
                foreach (var solution in sources.All)
                    foreach (var managed in new[] { false, true })
                        issues.AddRange(PackageInspector.Inspect(new SolutionPacker(solution, build).Pack(scratch, managed), schema));
            }
            finally
            {
                if (Directory.Exists(scratch)) Directory.Delete(scratch, true);
            }
            foreach (var issue in issues) context.Error.WriteLine(issue);
            var files = sources.All.Sum(s => s.Documents.Count);
            context.Output.WriteLine(issues.Count == 0
                ? $"Validated {files} source files of {string.Join(" and ", sources.All.Select(s => s.UniqueName))} and their unmanaged and managed zips" +
                  $"{(schema != null ? " against Microsoft's schema" : "")}: no problems."
                : $"Validation found {issues.Count} problem(s).");
            return issues.Count;
        }

        private static int Generate(CliContext context, string source)
        {
            var layout = context.Layout;
            var changed = Load(context, source).All
                .SelectMany(s => new GeneratedFiles(s, SolutionBuild.Of(layout), layout.TypeScriptContracts, layout.WebSchema, layout.ChoiceEnums).Write()).ToList();
            foreach (var path in changed) context.Output.WriteLine("  " + Path.GetRelativePath(context.Layout.Root, path));
            context.Output.WriteLine(changed.Count == 0 ? "Generated files are current." : $"Wrote {changed.Count} generated file(s).");
            return 0;
        }
    }
}
