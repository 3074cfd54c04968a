using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Packer
{
    /// <summary>Checks a packed zip the way an import would start: required parts, well-formed XML, and references that resolve inside it.</summary>
    public static class PackageInspector
    {
        public static IReadOnlyList<ValidationIssue> Inspect(string zipPath)
        {
            var issues = new List<ValidationIssue>();
            var name = Path.GetFileName(zipPath);
            using (var zip = ZipFile.OpenRead(zipPath))
            {
                var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
                foreach (var required in new[] { "[Content_Types].xml", "solution.xml", "customizations.xml" })
                    if (!entries.ContainsKey(required)) issues.Add(new ValidationIssue(name, 0, $"missing {required}"));
                XDocument customizations = null;
                foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
                {
                    try
                    {
                        using (var stream = entry.Open())
                        {
                            var doc = XDocument.Load(stream, LoadOptions.SetLineInfo);
                            if (entry.FullName == "customizations.xml") customizations = doc;
                        }
                    }
                    catch (XmlException ex)
                    {
                        issues.Add(new ValidationIssue($"{name}:{entry.FullName}", ex.LineNumber, "malformed XML: " + ex.Message));
                    }
                }
                if (customizations == null) return issues;
                foreach (var resource in customizations.Descendants("WebResource"))
                {
                    var file = ((string)resource.Element("FileName") ?? "").TrimStart('/');
                    if (!entries.ContainsKey(file)) issues.Add(new ValidationIssue($"{name}:customizations.xml", SolutionSource.Line(resource), $"web resource file '{file}' is not in the package"));
                }
                var package = zip.Entries.FirstOrDefault(e => e.FullName.StartsWith("pluginpackages/", StringComparison.Ordinal) && e.FullName.EndsWith(".nupkg", StringComparison.Ordinal));
                if (package == null) issues.Add(new ValidationIssue(name, 0, "no plug-in package (.nupkg) under pluginpackages/"));
                else
                {
                    using (var stream = package.Open())
                    using (var copy = new MemoryStream())
                    {
                        stream.CopyTo(copy);
                        using (var nupkg = new ZipArchive(copy))
                        {
                            var libs = nupkg.Entries.Select(e => e.FullName).ToList();
                            foreach (var assembly in PluginPackageBuilder.Assemblies)
                                if (!libs.Contains("lib/net462/" + assembly)) issues.Add(new ValidationIssue($"{name}:{package.FullName}", 0, $"lib/net462/{assembly} is missing"));
                            foreach (var sdk in libs.Where(l => l.Contains("Microsoft.Xrm.Sdk") || l.Contains("Microsoft.Crm.Sdk")))
                                issues.Add(new ValidationIssue($"{name}:{package.FullName}", 0, $"{sdk} must not be shipped: the platform provides the SDK"));
                        }
                    }
                }
            }
            return issues;
        }
    }
}
