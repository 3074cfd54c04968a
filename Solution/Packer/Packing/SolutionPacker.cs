using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Packer
{
    /// <summary>
    /// Writes CrmExtensions_&lt;version&gt;[_managed].zip in the shape the platform imports: [Content_Types].xml,
    /// solution.xml, customizations.xml (tables with their forms and views, choices, roles, steps, web resources),
    /// the web resource files, the Custom API folders and the plug-in package.
    /// </summary>
    public sealed class SolutionPacker
    {
        private readonly SolutionSource _source;
        private readonly PluginAssemblyInfo _plugins;
        private readonly string _webResourceOutput;

        public SolutionPacker(SolutionSource source, PluginAssemblyInfo plugins, string webResourceOutput)
        {
            _source = source;
            _plugins = plugins;
            _webResourceOutput = webResourceOutput;
        }

        public static string ZipName(string version, bool managed) => $"CrmExtensions_{version.Replace('.', '_')}{(managed ? "_managed" : "")}.zip";

        public string Pack(string outputDirectory, bool managed)
        {
            Directory.CreateDirectory(outputDirectory);
            var path = Path.Combine(outputDirectory, ZipName(_source.Version, managed));
            if (File.Exists(path)) File.Delete(path);
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                PluginPackageBuilder.Write(zip, "[Content_Types].xml", ContentTypes());
                PluginPackageBuilder.Write(zip, "solution.xml", SolutionXml(managed).ToString());
                PluginPackageBuilder.Write(zip, "customizations.xml", Customizations().ToString());
                foreach (var resource in _source.Under("WebResources"))
                {
                    var name = (string)resource.Value.Root.Element("Name");
                    PluginPackageBuilder.Write(zip, "WebResources/" + name, File.ReadAllBytes(Path.Combine(_webResourceOutput, name)));
                }
                foreach (var api in _source.Under("customapis"))
                    PluginPackageBuilder.Write(zip, api.Key, File.ReadAllBytes(Path.Combine(_source.Directory, api.Key)));
                var package = _source.Under("pluginpackages").Single();
                PluginPackageBuilder.Write(zip, package.Key, File.ReadAllBytes(Path.Combine(_source.Directory, package.Key)));
                var packageFolder = Path.GetDirectoryName(package.Key).Replace('\\', '/');
                PluginPackageBuilder.Write(zip, $"{packageFolder}/package/{PluginPackageBuilder.FileName(_plugins.Name.Version)}",
                    PluginPackageBuilder.Build(Path.GetDirectoryName(_plugins.Path), _plugins.Name.Version));
            }
            return path;
        }

        private static string ContentTypes() => @"<?xml version=""1.0"" encoding=""utf-8""?>
<Types xmlns=""http://schemas.openxmlformats.org/package/2006/content-types"">
  <Default Extension=""xml"" ContentType=""application/octet-stream"" />
  <Default Extension=""js"" ContentType=""application/octet-stream"" />
  <Default Extension=""html"" ContentType=""application/octet-stream"" />
  <Default Extension=""css"" ContentType=""application/octet-stream"" />
  <Default Extension=""nupkg"" ContentType=""application/octet-stream"" />
</Types>";

        private XDocument SolutionXml(bool managed)
        {
            var doc = new XDocument(_source.Get("Other/Solution.xml"));
            doc.Root.Element("SolutionManifest").Element("Managed").Value = managed ? "1" : "0";
            return doc;
        }

        private XDocument Customizations()
        {
            var doc = new XDocument(_source.Get("Other/Customizations.xml"));
            var root = doc.Root;
            var entities = root.Element("Entities");
            foreach (var entity in _source.Under("Entities").Where(p => p.Key.EndsWith("/Entity.xml", StringComparison.Ordinal)))
            {
                var folder = entity.Key.Substring(0, entity.Key.Length - "Entity.xml".Length);
                var element = new XElement(entity.Value.Root);
                var forms = _source.Under(folder + "FormXml").Select(f => f.Value.Root.Element("systemform")).ToList();
                if (forms.Count > 0) element.Add(new XElement("FormXml", new XElement("forms", new XAttribute("type", "main"), forms.Select(f => new XElement(f)))));
                var ribbon = _source.Get(folder + "RibbonDiff.xml");
                if (ribbon != null) element.Add(new XElement(ribbon.Root));
                var views = _source.Under(folder + "SavedQueries").Select(v => v.Value.Root.Element("savedquery")).ToList();
                if (views.Count > 0) element.Add(new XElement("SavedQueries", new XElement("savedqueries", views.Select(v => new XElement(v)))));
                entities.Add(element);
            }
            root.Element("Roles").Add(_source.Under("Roles").Select(r => new XElement(r.Value.Root)));
            root.Element("optionsets").Add(_source.Under("OptionSets").Select(o => new XElement(o.Value.Root)));
            root.Add(new XElement("SdkMessageProcessingSteps", _source.Under("SdkMessageProcessingSteps").Select(s => new XElement(s.Value.Root))));
            root.Add(new XElement("WebResources", _source.Under("WebResources").Select(w => new XElement(w.Value.Root))));
            root.Add(new XElement("pluginpackages", _source.Under("pluginpackages").Select(p => new XElement(p.Value.Root))));
            return doc;
        }
    }
}
