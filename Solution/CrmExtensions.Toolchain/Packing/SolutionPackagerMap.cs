using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Packing
{
    /// <summary>
    /// The /map file for Microsoft's SolutionPackager (and <c>pac solution pack --map</c>): Solution/src holds no built
    /// file, so the map points each plug-in assembly and web resource the source names at where the build put it. An
    /// admin's pipeline packs Solution/src with it; the tests do the same with Microsoft's tool.
    /// </summary>
    public static class SolutionPackagerMap
    {
        public static XDocument For(SolutionSource source, SolutionBuild build)
        {
            var assemblies = source.Under("PluginAssemblies").Select(a => a.Value.Root).Select(a => new XElement("FileToFile",
                // The whole path under the source: a bare file name makes SolutionPackager add a second copy at the zip's root.
                new XAttribute("map", ((string)a.Element("FileName")).TrimStart('/')),
                new XAttribute("to", new[] { build.Plugins, build.Workflow }.Single(b => b.Name.FullName == (string)a.Attribute("FullName")).Path)));
            var webResources = source.Under("WebResources").Select(w => w.Value.Root).Select(w => new XElement("FileToFile",
                new XAttribute("map", ((string)w.Element("FileName")).TrimStart('/')),
                new XAttribute("to", System.IO.Path.Combine(build.WebResourcesOutput, (string)w.Element("Name")))));
            return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("Mapping", assemblies, webResources));
        }
    }
}
