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
    /// Checks a packed zip the way an import starts: required parts, a content type for every part (System.IO.Packaging
    /// drops the others), well-formed XML, customizations.xml against Microsoft's schema, references that resolve inside
    /// the zip, and shipped assemblies that reference only what the sandbox has.
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
                if (documents.TryGetValue("[Content_Types].xml", out var contentTypes))
                    foreach (var dropped in ContentTypes.Undeclared(contentTypes, entries.Keys))
                        issues.Add(new ValidationIssue($"{name}:[Content_Types].xml", 0, $"no content type for '{dropped}': System.IO.Packaging would drop it"));
                foreach (var dll in zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
                    foreach (var refusal in SandboxAssemblies.Refusals(new PluginAssemblyInfo(dll.FullName, Bytes(dll))))
                        issues.Add(new ValidationIssue($"{name}:{dll.FullName}", 0, refusal));
                if (!documents.TryGetValue("customizations.xml", out var customizations)) return issues;
                if (schema != null) issues.AddRange(schema.Validate($"{name}:customizations.xml", customizations));
                foreach (var file in customizations.Descendants("FileName").Select(f => ((string)f).TrimStart('/')))
                    if (!entries.ContainsKey(file)) issues.Add(new ValidationIssue($"{name}:customizations.xml", 0, $"'{file}' is not in the package"));
            }
            return issues;
        }

        private static byte[] Bytes(ZipArchiveEntry entry)
        {
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                return copy.ToArray();
            }
        }
    }
}
