using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Cli.Validation;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>
    /// validate: checks solution zips before an import the way the import starts (parts, content types, XML, Microsoft's
    /// schema, references, sandbox assemblies) — the zips the tool carries, or the one --zip names.
    /// </summary>
    public static class ValidateVerb
    {
        public static Command Create(CliContext context)
        {
            var zip = new Option<string>("--zip") { Description = "The solution zip to check (default: the product's zips the tool carries)" };
            var noSchema = new Option<bool>("--no-schema") { Description = "Check without Microsoft's solution schema when it is not available" };
            var json = new Option<bool>("--json") { Description = "Print the problems as JSON" };
            var validate = new Command("validate", "Check solution zips before importing them, against Microsoft's schema") { zip, noSchema, json };
            validate.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var given = CrmextCommand.FullPath(r, zip);
                if (given != null && !File.Exists(given)) throw new VerbFailure($"no solution zip at {given}.", "pass the path of a solution zip.");
                var zips = given != null ? new[] { given } : context.Product.Zips(managed: false).Concat(context.Product.ZipsIfAny(managed: true)).ToArray();
                var schema = SolutionSchema.Load(context.Product.SolutionSchemas);
                if (schema == null && !r.GetValue(noSchema))
                    throw new VerbFailure($"Microsoft's solution schema is not at {context.Product.SolutionSchemas}: the zips could not be checked against it.",
                        "pass --no-schema to check everything else.", ExitCode.WorkFailed);
                var issues = zips.SelectMany(z => PackageInspector.Inspect(z, schema)).ToList();
                if (r.GetValue(json))
                    context.Output.WriteLine(JsonSerializer.Serialize(new
                    {
                        zips = zips.Select(Path.GetFileName), schema = schema != null, problems = issues.Select(i => new { file = i.File, line = i.Line, message = i.Message }),
                    }));
                else
                {
                    foreach (var issue in issues) context.Error.WriteLine(issue);
                    context.Output.WriteLine(issues.Count == 0
                        ? $"Checked {string.Join(", ", zips.Select(Path.GetFileName))}{(schema != null ? " against Microsoft's schema" : " (without Microsoft's schema)")}: no problems."
                        : $"Found {issues.Count} problem{(issues.Count == 1 ? "" : "s")}.");
                }
                return issues.Count == 0 ? ExitCode.Success : ExitCode.WorkFailed;
            }));
            return validate;
        }
    }
}
