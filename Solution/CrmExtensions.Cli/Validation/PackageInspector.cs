using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Cli.Packing;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Checks a packed zip the way an import starts: required parts, well-formed XML, customizations.xml against
    /// Microsoft's schema, references that resolve inside the zip, and a plug-in package that is what its xml says.
    /// </summary>
    public static class PackageInspector
    {
        public static IReadOnlyList<ValidationIssue> Inspect(string zipPath, SolutionSchema schema)
        {
            var issues = new List<ValidationIssue>();
            var name = Path.GetFileName(zipPath);
            using (var zip = ZipFile.OpenRead(zipPath))
            {
                var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
                foreach (var required in new[] { "[Content_Types].xml", "solution.xml", "customizations.xml" })
                    if (!entries.ContainsKey(required)) issues.Add(new ValidationIssue(name, 0, $"missing {required}"));
                var documents = new Dictionary<string, XDocument>(StringComparer.Ordinal);
                foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
                {
                    try
                    {
                        using (var stream = entry.Open()) documents[entry.FullName] = XDocument.Load(stream, LoadOptions.SetLineInfo);
                    }
                    catch (XmlException ex)
                    {
                        issues.Add(new ValidationIssue($"{name}:{entry.FullName}", ex.LineNumber, "malformed XML: " + ex.Message));
                    }
                }
                if (!documents.TryGetValue("customizations.xml", out var customizations)) return issues;
                if (schema != null) issues.AddRange(schema.Validate($"{name}:customizations.xml", customizations));
                foreach (var file in customizations.Descendants("FileName").Select(f => ((string)f).TrimStart('/')))
                    if (!entries.ContainsKey(file)) issues.Add(new ValidationIssue($"{name}:customizations.xml", 0, $"'{file}' is not in the package"));
                foreach (var package in documents.Where(d => d.Key.StartsWith("pluginpackages/", StringComparison.Ordinal) && d.Key.EndsWith("/pluginpackage.xml", StringComparison.Ordinal)))
                    issues.AddRange(InspectPackage(zip, name, package.Key, package.Value.Root));
            }
            return issues;
        }

        private static IEnumerable<ValidationIssue> InspectPackage(ZipArchive zip, string name, string xmlPath, XElement package)
        {
            var file = $"{Path.GetDirectoryName(xmlPath).Replace('\\', '/')}/package/{(string)package.Element("package")}";
            var entry = zip.GetEntry(file);
            if (entry == null)
            {
                yield return new ValidationIssue($"{name}:{xmlPath}", 0, $"the package file {file} is not in the zip");
                yield break;
            }
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                using (var nupkg = new ZipArchive(copy))
                {
                    var libs = nupkg.Entries.Select(e => e.FullName).ToList();
                    foreach (var assembly in PluginPackageBuilder.Assemblies)
                        if (!libs.Contains("lib/net462/" + assembly)) yield return new ValidationIssue($"{name}:{file}", 0, $"lib/net462/{assembly} is missing");
                    foreach (var sdk in libs.Where(l => l.Contains("Microsoft.Xrm.Sdk") || l.Contains("Microsoft.Crm.Sdk")))
                        yield return new ValidationIssue($"{name}:{file}", 0, $"{sdk} must not be shipped: the platform provides the SDK");
                    var nuspec = nupkg.Entries.FirstOrDefault(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
                    var metadata = nuspec == null ? null : XDocument.Load(nuspec.Open()).Root.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
                    var version = (string)metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "version");
                    if (version != (string)package.Element("version"))
                        yield return new ValidationIssue($"{name}:{xmlPath}", 0, $"version '{(string)package.Element("version")}' differs from the .nuspec's '{version}'");
                }
            }
        }
    }
}
