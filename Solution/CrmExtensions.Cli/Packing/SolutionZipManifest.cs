using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Packing
{
    /// <summary>What a solution zip's solution.xml says before it is imported: its name, version and the solutions it needs.</summary>
    public sealed class SolutionZipManifest
    {
        private SolutionZipManifest(string uniqueName, string version, IReadOnlyList<string> requiredApps)
        {
            UniqueName = uniqueName;
            Version = version;
            RequiredApps = requiredApps;
        }

        public string UniqueName { get; }
        public string Version { get; }

        /// <summary>The solutions its MissingDependencies name (Required/@solution "UniqueName (version)"), each once.</summary>
        public IReadOnlyList<string> RequiredApps { get; }

        /// <summary>Null when the file is no solution zip: the org's import then says what is wrong with it.</summary>
        public static SolutionZipManifest TryRead(string zip)
        {
            try
            {
                using (var archive = ZipFile.OpenRead(zip))
                using (var stream = archive.GetEntry("solution.xml")?.Open())
                {
                    var manifest = stream == null ? null : XDocument.Load(stream).Root?.Element("SolutionManifest");
                    if (manifest == null) return null;
                    var required = manifest.Descendants("Required").Select(r => Regex.Match((string)r.Attribute("solution") ?? "", @"^(\S+) \(").Groups[1].Value)
                        .Where(n => n.Length > 0).Distinct().ToList();
                    return new SolutionZipManifest((string)manifest.Element("UniqueName"), (string)manifest.Element("Version"), required);
                }
            }
            catch (InvalidDataException)
            {
                return null;
            }
            catch (XmlException)
            {
                return null;
            }
        }
    }
}
