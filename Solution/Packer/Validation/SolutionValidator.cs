using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Packer
{
    /// <summary>
    /// Checks the solution source against itself and the built artefacts: well-formed XML, steps and Custom APIs that
    /// point at real plugin types, columns that are declared, choices and web resources that exist, one version.
    /// </summary>
    public sealed class SolutionValidator
    {
        // Platform columns the solution uses without declaring them (they ship with Dataverse).
        private static readonly Dictionary<string, string[]> PlatformColumns = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["account"] = new[] { "name" },
            ["contact"] = new[] { "fullname" },
            ["task"] = new[] { "subject", "regardingobjectid", "scheduledend", "actualend", "description" },
            ["phonecall"] = new[] { "subject", "regardingobjectid", "scheduledend", "actualend", "description" },
            ["salesorder"] = new[] { "customerid", "totalamount_base", "totaldiscountamount_base", "submitdate" },
            ["invoice"] = new[] { "customerid", "totalamount_base", "totaldiscountamount_base", "salesorderid" },
            ["incident"] = new[] { "customerid", "casetypecode", "title" },
            ["opportunityclose"] = new[] { "opportunityid" },
            ["incidentresolution"] = new[] { "incidentid" },
            ["product"] = new[] { "name" },
        };

        private static readonly string[] CommonColumns = { "statecode", "statuscode", "ownerid", "createdon", "modifiedon", "createdby", "modifiedby" };

        private readonly SolutionSource _source;
        private readonly PluginAssemblyInfo _plugins;
        private readonly string _webResourceOutput;
        private readonly Dictionary<string, HashSet<string>> _declared;
        private readonly List<ValidationIssue> _issues = new List<ValidationIssue>();

        public SolutionValidator(SolutionSource source, PluginAssemblyInfo plugins, string webResourceOutput)
        {
            _source = source;
            _plugins = plugins;
            _webResourceOutput = webResourceOutput;
            _declared = source.DeclaredColumns();
        }

        public IReadOnlyList<ValidationIssue> Validate()
        {
            _issues.AddRange(_source.ParseErrors);
            CheckManifest();
            CheckSteps();
            CheckCustomApis();
            CheckChoices();
            CheckForms();
            CheckViews();
            CheckWebResources();
            CheckRibbons();
            CheckRoles();
            CheckPluginPackage();
            return _issues;
        }

        private void Add(string file, XObject at, string message) => _issues.Add(new ValidationIssue(file, SolutionSource.Line(at), message));

        private void CheckManifest()
        {
            var manifest = _source.SolutionManifest;
            if (manifest == null)
            {
                _issues.Add(new ValidationIssue("Other/Solution.xml", 0, "missing or without <SolutionManifest>"));
                return;
            }
            if (string.IsNullOrWhiteSpace(_source.UniqueName)) Add("Other/Solution.xml", manifest, "<UniqueName> is empty");
            if (!System.Version.TryParse(_source.Version, out var version) || version.Revision < 0)
                Add("Other/Solution.xml", manifest.Element("Version") ?? (XObject)manifest, $"<Version> '{_source.Version}' must be major.minor.build.revision");
            else if (_plugins.Name.Version != version)
                Add("Other/Solution.xml", manifest.Element("Version"), $"solution version {version} differs from the plugin assembly version {_plugins.Name.Version} (CrmExtensionsVersion in Directory.Build.props)");
            if (Get(manifest, "Publisher/CustomizationPrefix") != "cx") Add("Other/Solution.xml", manifest, "publisher prefix must be 'cx' (the prefix every column uses)");
        }

        private static string Get(XElement element, string path) =>
            path.Split('/').Aggregate(element, (e, name) => e?.Element(name))?.Value;

        private void CheckSteps()
        {
            var expectedAssembly = $"{_plugins.Name.Name}, Version={_plugins.Name.Version}, Culture=neutral, PublicKeyToken={_plugins.PublicKeyToken}";
            foreach (var (file, doc) in _source.Under("SdkMessageProcessingSteps").Select(p => (p.Key, p.Value)))
            {
                var root = doc.Root;
                var typeName = ((string)root.Element("PluginTypeName") ?? "").Trim();
                var comma = typeName.IndexOf(',');
                var type = comma < 0 ? typeName : typeName.Substring(0, comma).Trim();
                var assembly = comma < 0 ? "" : typeName.Substring(comma + 1).Trim();
                if (!_plugins.PublicConcreteTypes.Contains(type))
                    Add(file, root.Element("PluginTypeName") ?? (XObject)root, $"plugin type '{type}' is not a public class in {_plugins.Name.Name}");
                if (!string.Equals(assembly, expectedAssembly, StringComparison.Ordinal))
                    Add(file, root.Element("PluginTypeName") ?? (XObject)root, $"assembly '{assembly}' does not match the built '{expectedAssembly}'");
                var table = (string)root.Element("PrimaryEntity");
                foreach (var column in Split((string)root.Element("FilteringAttributes"))) CheckColumn(file, root.Element("FilteringAttributes"), table, column, "filtering attribute");
                foreach (var image in root.Descendants("SdkMessageProcessingStepImage"))
                    foreach (var column in Split((string)image.Element("Attributes"))) CheckColumn(file, image, table, column, "image column");
            }
        }

        private void CheckCustomApis()
        {
            foreach (var (file, doc) in _source.Under("customapis").Where(p => p.Key.EndsWith("/customapi.xml", StringComparison.Ordinal)).Select(p => (p.Key, p.Value)))
            {
                var key = (string)doc.Root.Element("plugintypeid")?.Element("plugintypeexportkey");
                if (string.IsNullOrWhiteSpace(key)) Add(file, doc.Root, "Custom API has no plugin type (plugintypeid/plugintypeexportkey)");
                else if (!_plugins.PublicConcreteTypes.Contains(key.Trim())) Add(file, doc.Root.Element("plugintypeid"), $"plugin type '{key.Trim()}' is not a public class in {_plugins.Name.Name}");
                var folder = Path.GetFileName(Path.GetDirectoryName(file));
                if ((string)doc.Root.Attribute("uniquename") != folder) Add(file, doc.Root, $"uniquename '{(string)doc.Root.Attribute("uniquename")}' must match its folder '{folder}'");
            }
        }

        private void CheckChoices()
        {
            var optionSets = new HashSet<string>(_source.Under("OptionSets").Select(p => (string)p.Value.Root.Attribute("Name")), StringComparer.OrdinalIgnoreCase);
            foreach (var (file, doc) in _source.Under("Entities").Select(p => (p.Key, p.Value)))
                foreach (var name in doc.Descendants("OptionSetName"))
                    if (!optionSets.Contains(name.Value)) Add(file, name, $"choice '{name.Value}' is not defined under OptionSets/");
        }

        private void CheckForms()
        {
            var webResources = WebResourceNames();
            foreach (var (file, doc) in _source.Under("Entities").Where(p => p.Key.Contains("/FormXml/")).Select(p => (p.Key, p.Value)))
            {
                var table = file.Split('/')[1];
                foreach (var control in doc.Descendants("control"))
                {
                    var field = (string)control.Attribute("datafieldname");
                    if (field != null) CheckColumn(file, control, table, field, "form field");
                }
                foreach (var library in doc.Descendants("Library"))
                    if (!webResources.Contains((string)library.Attribute("name"))) Add(file, library, $"form library '{(string)library.Attribute("name")}' is not a web resource of the solution");
            }
        }

        private void CheckViews()
        {
            foreach (var (file, doc) in _source.Under("Entities").Where(p => p.Key.Contains("/SavedQueries/")).Select(p => (p.Key, p.Value)))
            {
                foreach (var entity in doc.Descendants("entity"))
                {
                    var table = (string)entity.Attribute("name");
                    foreach (var node in entity.Elements("attribute").Concat(entity.Descendants("condition")).Concat(entity.Elements("order")))
                    {
                        var column = (string)node.Attribute("name") ?? (string)node.Attribute("attribute");
                        if (column != null) CheckColumn(file, node, table, column, "view column");
                    }
                }
                foreach (var cell in doc.Descendants("cell"))
                {
                    var table = (string)doc.Descendants("entity").FirstOrDefault()?.Attribute("name");
                    CheckColumn(file, cell, table, (string)cell.Attribute("name"), "view layout column");
                }
            }
        }

        private HashSet<string> WebResourceNames() =>
            new HashSet<string>(_source.Under("WebResources").Select(p => (string)p.Value.Root.Element("Name")), StringComparer.OrdinalIgnoreCase);

        private void CheckWebResources()
        {
            foreach (var (file, doc) in _source.Under("WebResources").Select(p => (p.Key, p.Value)))
            {
                var fileName = ((string)doc.Root.Element("FileName") ?? "").TrimStart('/');
                var name = (string)doc.Root.Element("Name");
                if (fileName != "WebResources/" + name) Add(file, doc.Root, $"FileName '/{fileName}' must be '/WebResources/{name}'");
                var built = Path.Combine(_webResourceOutput, name ?? "");
                if (!File.Exists(built)) Add(file, doc.Root, $"web resource file '{name}' is missing from {_webResourceOutput} (build WebResources first)");
            }
        }

        private void CheckRibbons()
        {
            var webResources = WebResourceNames();
            foreach (var (file, doc) in _source.Under("Entities").Where(p => p.Key.EndsWith("/RibbonDiff.xml", StringComparison.Ordinal)).Select(p => (p.Key, p.Value)))
                foreach (var call in doc.Descendants().Where(e => e.Attribute("Library") != null))
                {
                    var library = ((string)call.Attribute("Library")).Replace("$webresource:", "");
                    if (!webResources.Contains(library)) Add(file, call, $"ribbon library '{library}' is not a web resource of the solution");
                }
        }

        private void CheckRoles()
        {
            foreach (var (file, doc) in _source.Under("Roles").Select(p => (p.Key, p.Value)))
                foreach (var privilege in doc.Descendants("RolePrivilege"))
                {
                    var name = (string)privilege.Attribute("name") ?? "";
                    var custom = name.IndexOf("cx_", StringComparison.Ordinal);
                    if (custom > 0 && !_declared.ContainsKey(name.Substring(custom))) Add(file, privilege, $"privilege '{name}' names a table the solution does not declare");
                }
        }

        private void CheckPluginPackage()
        {
            var package = _source.Under("pluginpackages").FirstOrDefault();
            if (package.Value == null)
            {
                _issues.Add(new ValidationIssue("pluginpackages", 0, "no plug-in package: the plugins need their dependent assemblies (domain core, Newtonsoft.Json)"));
                return;
            }
            var version = (string)package.Value.Root.Element("version");
            if (version != _source.Version) Add(package.Key, package.Value.Root, $"plug-in package version '{version}' differs from the solution version '{_source.Version}'");
        }

        private void CheckColumn(string file, XObject at, string table, string column, string what)
        {
            if (string.IsNullOrEmpty(table) || string.IsNullOrEmpty(column)) return;
            if (_declared.TryGetValue(table, out var declared) && declared.Contains(column)) return;
            if (column.Equals(table + "id", StringComparison.OrdinalIgnoreCase) || CommonColumns.Contains(column)) return;
            if (PlatformColumns.TryGetValue(table, out var platform) && platform.Contains(column, StringComparer.OrdinalIgnoreCase)) return;
            Add(file, at, $"{what} '{column}' is not declared on {table}");
        }

        private static IEnumerable<string> Split(string list) =>
            (list ?? "").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0);
    }
}
