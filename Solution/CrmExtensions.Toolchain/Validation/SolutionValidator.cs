using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmExtensions.Cli.Generation;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Checks Solution/src against the platform's rules and the built artefacts, without a live org: the files generated
    /// from the plug-in declarations are current, the layout is SolutionPackager's, and the tables, registrations and
    /// components are written the way real exports write them. The packed zips are then checked by
    /// <see cref="PackageInspector"/> (Microsoft's schema included).
    /// </summary>
    public sealed class SolutionValidator
    {
        private readonly SolutionSource _committed;
        private readonly SolutionBuild _build;
        private readonly GeneratedFiles _generated;
        private readonly SolutionSource _core;

        /// <summary>Checks <paramref name="committed"/>; for the service solution <paramref name="core"/> is the core it builds on (its plug-in types, tables and publisher).</summary>
        public SolutionValidator(SolutionSource committed, SolutionBuild build, GeneratedFiles generated, SolutionSource core = null)
        {
            _committed = committed;
            _build = build;
            _generated = generated;
            _core = core;
        }

        public IReadOnlyList<ValidationIssue> Validate()
        {
            var context = new ValidationContext(_committed, _build, _core);
            context.Issues.AddRange(_committed.ParseErrors);
            foreach (var path in _generated.Compare())
                context.Issues.Add(new ValidationIssue(Display(path), 0,
                    $"differs from what the declarations produce: run `{RepositoryLayout.Invocation} generate` and commit the result"));
            CheckManifest(context);
            CheckComponents(context);
            LayoutRules.Check(context);
            TableRules.Check(context);
            ParentalRelationships.Check(context);
            RegistrationRules.Check(context);
            ComponentRules.Check(context);
            AppRules.Check(context);
            // The schema's facts (choices, column security) live in the core; copies of them are checked there.
            if (_core == null) context.Issues.AddRange(SchemaCopies.Check(_committed));
            return context.Issues;
        }

        /// <summary>Solution.xml names every component the solution owns, and every app table it needs but does not ship.</summary>
        private void CheckComponents(ValidationContext c)
        {
            const string file = "Other/Solution.xml";
            var manifest = _committed.SolutionManifest;
            var listed = new HashSet<string>((manifest?.Element("RootComponents")?.Elements("RootComponent") ?? Enumerable.Empty<XElement>())
                .Select(r => r.ToString(SaveOptions.DisableFormatting)), StringComparer.OrdinalIgnoreCase);
            foreach (var missing in SolutionManifest.RootComponents(_generated.Source).Select(r => r.ToXml()).Where(r => !listed.Contains(r.ToString(SaveOptions.DisableFormatting))))
                c.Add(file, manifest, $"the solution owns {missing.ToString(SaveOptions.DisableFormatting)} but does not list it under RootComponents");
            var declared = new HashSet<string>((manifest?.Descendants("Required") ?? Enumerable.Empty<XElement>()).Select(r => (string)r.Attribute("schemaName")), StringComparer.OrdinalIgnoreCase);
            var needed = _generated.Source.SolutionManifest.Descendants("Required").Select(r => (string)r.Attribute("schemaName")).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var table in needed.Where(t => !declared.Contains(t)))
                c.Add(file, manifest, $"the solution uses {table}, which only Dynamics 365 apps bring, without declaring it under MissingDependencies");
            // SolutionPackager's ParseSolutionNameAndVersionString reads every Required's owning solution.
            foreach (var required in manifest?.Descendants("Required") ?? Enumerable.Empty<XElement>())
                if (!Regex.IsMatch((string)required.Attribute("solution") ?? "", @"^\S+ \(\d+(\.\d+){1,3}\)$"))
                    c.Add(file, required, $"Required '{(string)required.Attribute("schemaName")}' names no owning solution as solution=\"UniqueName (version)\", as exports do");
        }

        private string Display(string path) =>
            path.StartsWith(_committed.Directory, StringComparison.Ordinal) ? _committed.Relative(path) : Path.GetFileName(path);

        private void CheckManifest(ValidationContext c)
        {
            var manifest = _committed.SolutionManifest;
            if (manifest == null)
            {
                c.Add("Other/Solution.xml", null, "missing or without <SolutionManifest>");
                return;
            }
            if (string.IsNullOrWhiteSpace(_committed.UniqueName)) c.Add("Other/Solution.xml", manifest, "<UniqueName> is empty");
            if (!Version.TryParse(_committed.Version, out var version) || version.Revision < 0)
                c.Add("Other/Solution.xml", manifest.Element("Version") ?? (XObject)manifest, $"<Version> '{_committed.Version}' must be major.minor.build.revision");
            else
                foreach (var assembly in new[] { _build.Plugins, _build.Workflow }.Where(a => a.Name.Version != version))
                    c.Add("Other/Solution.xml", manifest.Element("Version"),
                        $"solution version {version} differs from the {assembly.Name.Name} version {assembly.Name.Version} (CrmExtensionsVersion in Directory.Build.props)");
            if (_committed.Prefix != "cx") c.Add("Other/Solution.xml", manifest, "publisher prefix must be 'cx' (the prefix every column uses)");
            var publisher = manifest.Element("Publisher")?.ToString(SaveOptions.DisableFormatting);
            if (_core != null && publisher != _core.SolutionManifest?.Element("Publisher")?.ToString(SaveOptions.DisableFormatting))
                c.Add("Other/Solution.xml", manifest.Element("Publisher") ?? (XObject)manifest,
                    $"the publisher differs from {_core.UniqueName}'s: an add-on layers on its core only under the same publisher");
        }
    }
}
