using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Packing
{
    /// <summary>
    /// Writes CrmExtensions_&lt;version&gt;[_managed].zip in the shape Dataverse exports and imports: [Content_Types].xml,
    /// solution.xml, customizations.xml with every section filled from Solution/src (see <see cref="SolutionComponents"/>),
    /// and the files the components carry (web resources, the workflow assembly, cloud flow definitions, Custom API folders, the plug-in package).
    /// </summary>
    public sealed class SolutionPacker
    {
        private readonly SolutionSource _source;
        private readonly SolutionBuild _build;

        public SolutionPacker(SolutionSource source, SolutionBuild build)
        {
            _source = source;
            _build = build;
        }

        /// <summary>As Dataverse names an export: UniqueName_major_minor_build_revision[_managed].zip.</summary>
        public static string ZipName(string uniqueName, string version, bool managed) => $"{uniqueName}_{version.Replace('.', '_')}{(managed ? "_managed" : "")}.zip";

        public string Pack(string outputDirectory, bool managed)
        {
            Directory.CreateDirectory(outputDirectory);
            var path = Path.Combine(outputDirectory, ZipName(_source.UniqueName, _source.Version, managed));
            if (File.Exists(path)) File.Delete(path);
            var parts = SolutionComponents.All.SelectMany(kind => kind.Files(_source, _build)).ToList();
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                ZipEntries.Write(zip, "[Content_Types].xml", ContentTypes.For(parts.Select(p => p.Name)).ToString());
                ZipEntries.Write(zip, "solution.xml", SolutionXml(managed).ToString());
                ZipEntries.Write(zip, "customizations.xml", Customizations().ToString());
                foreach (var part in parts) ZipEntries.Write(zip, part.Name, part.Content());
            }
            return path;
        }

        private XDocument SolutionXml(bool managed)
        {
            var doc = new XDocument(_source.Get("Other/Solution.xml"));
            doc.Root.Element("SolutionManifest").Element("Managed").Value = managed ? "1" : "0";
            return doc;
        }

        /// <summary>Other/Customizations.xml with each component kind's section placeholder filled, in the schema's order.</summary>
        public XDocument Customizations()
        {
            var doc = new XDocument(_source.Get("Other/Customizations.xml"));
            foreach (var kind in SolutionComponents.All.Where(k => k.Section != null))
            {
                var content = kind.SectionContent(_source).ToList();
                if (content.Count == 0) continue;
                var section = doc.Root.Element(kind.Section)
                    ?? throw new InvalidOperationException($"Other/Customizations.xml has no <{kind.Section} /> placeholder for the {kind.Name}.");
                section.Add(content);
            }
            return doc;
        }
    }
}
