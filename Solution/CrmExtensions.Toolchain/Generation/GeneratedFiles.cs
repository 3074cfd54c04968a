using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>
    /// Everything in the repository that is generated rather than written: the registration files from the plug-in
    /// declarations, the field security profiles from the column security declarations, Solution.xml's RootComponents and MissingDependencies, the relationship index, the TypeScript
    /// Custom API contracts, and the choices and columns the plug-ins and scripts use (from OptionSets and Entities).
    /// <c>generate</c> writes them; <c>validate</c> fails when a committed one differs or is stale.
    /// </summary>
    public sealed class GeneratedFiles
    {
        /// <summary>Folders of Solution/src whose every file is generated: a file there that is not generated is stale.</summary>
        public static readonly string[] GeneratedFolders = { "SdkMessageProcessingSteps", "customapis", "PluginAssemblies" };

        private readonly Dictionary<string, string> _files = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly string _sourceDirectory;

        /// <param name="committed">Solution/src as committed.</param>
        /// <param name="build">The built assemblies the declarations are read from.</param>
        /// <param name="typeScriptContracts">Where WebResources/src/shared/customApis.ts lies.</param>
        /// <param name="webSchema">Where WebResources/src/shared/schema.ts lies.</param>
        /// <param name="choiceEnums">Where Plugins/CrmExtensions.Plugins/Model/OptionSets.cs lies.</param>
        public GeneratedFiles(SolutionSource committed, SolutionBuild build, string typeScriptContracts, string webSchema, string choiceEnums)
        {
            _sourceDirectory = committed.Directory;
            var registrations = new RegistrationFiles(build);
            var core = committed.UniqueName == ProductSolutions.Core;
            var declared = registrations.Files(committed.UniqueName).ToList();
            if (core) declared.Add(new KeyValuePair<string, XDocument>(FieldSecurityProfiles.File, FieldSecurityProfiles.Generate()));
            var registered = committed.With(declared, IsGenerated);
            var derived = new Dictionary<string, XDocument> { ["Other/Solution.xml"] = SolutionManifest.Generate(registered) };
            if (core) derived["Other/Relationships.xml"] = RelationshipIndex(registered);
            Source = registered.With(derived, _ => false);
            foreach (var file in declared.Concat(derived)) _files[Path.Combine(_sourceDirectory, file.Key)] = GeneratedXml.Text(file.Value);
            if (!core) return;
            _files[Path.GetFullPath(typeScriptContracts)] = TypeScript.Contracts(registrations.CustomApis);
            _files[Path.GetFullPath(webSchema)] = WebSchema.Generate(committed);
            _files[Path.GetFullPath(choiceEnums)] = ChoiceEnums.Generate(OptionSets.Of(committed));
        }

        /// <summary>The solution source as it is once generated: what is validated and packed.</summary>
        public SolutionSource Source { get; }

        /// <summary>Generated text by absolute path.</summary>
        public IReadOnlyDictionary<string, string> Files => _files;

        public static bool IsGenerated(string relativeToSource) => GeneratedFolders.Any(f => relativeToSource.StartsWith(f + "/", StringComparison.Ordinal));

        /// <summary>Writes every generated file and removes stale ones; returns the paths that changed.</summary>
        public IReadOnlyList<string> Write()
        {
            var changed = Compare().ToList();
            foreach (var stale in StaleFiles().ToList())
            {
                File.Delete(stale);
                // A retired Custom API leaves a folder per parameter: the loader (as an import) would read an empty one as a broken API.
                for (var dir = Path.GetDirectoryName(stale); dir.Length > Source.Directory.Length && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir))
                    Directory.Delete(dir);
            }
            foreach (var file in _files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file.Key));
                File.WriteAllText(file.Key, file.Value, new UTF8Encoding(false));
            }
            return changed;
        }

        /// <summary>Paths whose content on disk differs from what the declarations produce (missing, changed or stale).</summary>
        public IEnumerable<string> Compare()
        {
            foreach (var file in _files)
                if (!File.Exists(file.Key) || Normalize(File.ReadAllText(file.Key)) != Normalize(file.Value)) yield return file.Key;
            foreach (var stale in StaleFiles()) yield return stale;
        }

        private IEnumerable<string> StaleFiles()
        {
            foreach (var folder in GeneratedFolders)
            {
                var directory = Path.Combine(_sourceDirectory, folder);
                if (!Directory.Exists(directory)) continue;
                foreach (var file in Directory.GetFiles(directory, "*.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                    if (!_files.ContainsKey(file)) yield return file;
            }
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

        private static XDocument RelationshipIndex(SolutionSource source) =>
            new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("EntityRelationships", new XAttribute(XNamespace.Xmlns + "xsi", GeneratedXml.Xsi),
                source.Under("Other/Relationships").SelectMany(r => r.Value.Root.Elements("EntityRelationship")).Select(r => (string)r.Attribute("Name"))
                    .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).Select(n => new XElement("EntityRelationship", new XAttribute("Name", n)))));
    }
}
