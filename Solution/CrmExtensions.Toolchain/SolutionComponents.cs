using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Cli.Packing;

namespace CrmExtensions.Cli
{
    /// <summary>A component Solution.xml lists under RootComponents, as an export writes it.</summary>
    public sealed class RootComponent
    {
        public RootComponent(int type, string schemaName, Guid? id, int behavior = 0)
        {
            Type = type;
            SchemaName = schemaName;
            Id = id;
            Behavior = behavior;
        }

        public int Type { get; }
        public string SchemaName { get; }
        public Guid? Id { get; }

        /// <summary>0 includes the subcomponents; 2 includes a platform table as a shell around what we add to it.</summary>
        public int Behavior { get; }

        public XElement ToXml() => new XElement("RootComponent", new XAttribute("type", Type),
            Id.HasValue ? new XAttribute("id", Id.Value.ToString("B")) : null,
            SchemaName != null ? new XAttribute("schemaName", SchemaName) : null,
            new XAttribute("behavior", Behavior));
    }

    /// <summary>A file the zip carries beside solution.xml and customizations.xml.</summary>
    public sealed class ZipPart
    {
        public ZipPart(string name, Func<byte[]> content)
        {
            Name = name;
            Content = content;
        }

        public string Name { get; }
        public Func<byte[]> Content { get; }
    }

    /// <summary>
    /// One kind of solution component: the customizations.xml section that carries it (null: its own folder in the zip),
    /// how Solution.xml lists it, and the files it adds to the zip.
    /// </summary>
    public sealed class ComponentKind
    {
        public string Name { get; set; }
        public string Section { get; set; }
        public Func<SolutionSource, IEnumerable<XElement>> SectionContent { get; set; } = _ => Enumerable.Empty<XElement>();
        public Func<SolutionSource, IEnumerable<RootComponent>> RootComponents { get; set; } = _ => Enumerable.Empty<RootComponent>();
        public Func<SolutionSource, SolutionBuild, IEnumerable<ZipPart>> Files { get; set; } = (_, __) => Enumerable.Empty<ZipPart>();
    }

    /// <summary>
    /// Every kind of component the solution ships, in one place: pack fills customizations.xml and the zip from
    /// it, the generator derives Solution.xml's RootComponents from it, and the validator checks each section has its
    /// placeholder. Adding a kind (field security profiles, a cloud flow...) is one entry here. Custom APIs travel in their
    /// own folders and, as in real exports, are not root components. Charts travel inside their
    /// table (Entities/&lt;table&gt;/Visualizations, see <see cref="TablePacking"/>).
    /// </summary>
    public static class SolutionComponents
    {
        public const int TableType = 1, OptionSetType = 9, RoleType = 20, ViewType = 26, WorkflowType = 29, ChartType = 59, FormType = 60, WebResourceType = 61,
            SiteMapType = 62, FieldSecurityProfileType = 70, AppModuleType = 80, PluginTypeType = 90, PluginAssemblyType = 91, StepType = 92;

        public static readonly IReadOnlyList<ComponentKind> All = new[]
        {
            new ComponentKind
            {
                Name = "tables",
                Section = "Entities",
                SectionContent = source => source.Tables().Select(table => TablePacking.Pack(source, table)),
                RootComponents = TableRoots,
            },
            new ComponentKind
            {
                Name = "security roles",
                Section = "Roles",
                SectionContent = source => Roots(source, "Roles"),
                RootComponents = source => Roots(source, "Roles").Select(r => new RootComponent(RoleType, null, Guid.Parse((string)r.Attribute("id")))),
            },
            new ComponentKind
            {
                // SolutionPackager keeps the profiles in Other/FieldSecurityProfiles.xml; an export lists each as type 70.
                Name = "field security profiles",
                Section = "FieldSecurityProfiles",
                SectionContent = source => Profiles(source).Select(Copy),
                RootComponents = source => Profiles(source).Select(p => new RootComponent(FieldSecurityProfileType, null, Guid.Parse((string)p.Attribute("fieldsecurityprofileid")))),
            },
            new ComponentKind
            {
                Name = "relationships",
                Section = "EntityRelationships",
                SectionContent = source => source.Under("Other/Relationships").SelectMany(r => r.Value.Root.Elements("EntityRelationship")).Select(Copy),
            },
            new ComponentKind
            {
                Name = "choices",
                Section = "optionsets",
                SectionContent = source => Roots(source, "OptionSets"),
                RootComponents = source => Roots(source, "OptionSets").Select(o => new RootComponent(OptionSetType, (string)o.Attribute("Name"), null)),
            },
            new ComponentKind
            {
                // A dashboard is a system form: Solution.xml lists it as a form (type 60) by its FormId, as contoso-real-estate's does.
                Name = "dashboards",
                Section = "Dashboards",
                SectionContent = source => Roots(source, "Dashboards"),
                RootComponents = source => Roots(source, "Dashboards").Select(d => new RootComponent(FormType, null, Guid.Parse((string)d.Element("FormId")))),
            },
            new ComponentKind
            {
                Name = "web resources",
                Section = "WebResources",
                SectionContent = source => Roots(source, "WebResources"),
                RootComponents = source => Roots(source, "WebResources").Select(w => new RootComponent(WebResourceType, (string)w.Element("Name"), null)),
                Files = (source, build) => Roots(source, "WebResources").Select(w => new ZipPart(((string)w.Element("FileName")).TrimStart('/'),
                    () => File.ReadAllBytes(Path.Combine(build.WebResourcesOutput, (string)w.Element("Name"))))),
            },
            new ComponentKind
            {
                Name = "plug-in assemblies",
                Section = "SolutionPluginAssemblies",
                SectionContent = source => Roots(source, "PluginAssemblies"),
                RootComponents = source => Roots(source, "PluginAssemblies").Select(a => new RootComponent(PluginAssemblyType, (string)a.Attribute("FullName"),
                    Guid.Parse((string)a.Attribute("PluginAssemblyId")))),
                Files = (source, build) => Roots(source, "PluginAssemblies").Select(a => new ZipPart(((string)a.Element("FileName")).TrimStart('/'),
                    () => File.ReadAllBytes(new[] { build.Plugins, build.Workflow }.Single(b => b.Name.FullName == (string)a.Attribute("FullName")).Path))),
            },
            new ComponentKind
            {
                Name = "plug-in steps",
                Section = "SdkMessageProcessingSteps",
                SectionContent = source => Roots(source, "SdkMessageProcessingSteps"),
                RootComponents = source => Roots(source, "SdkMessageProcessingSteps").Select(s => new RootComponent(StepType, null, Guid.Parse((string)s.Attribute("SdkMessageProcessingStepId")))),
            },
            new ComponentKind
            {
                // A solution-aware cloud flow: Workflows/<name>-<ID>.json.data.xml in customizations.xml, its definition
                // beside it in the zip (as contoso-real-estate's Workflows/ holds them). Its connection reference stays
                // inline in Other/Customizations.xml, where exports keep it, and is no root component.
                Name = "cloud flows",
                Section = "Workflows",
                SectionContent = source => Roots(source, "Workflows"),
                RootComponents = source => Roots(source, "Workflows").Select(w => new RootComponent(WorkflowType, null, Guid.Parse((string)w.Attribute("WorkflowId")))),
                Files = (source, build) => Roots(source, "Workflows").Select(w => (string)w.Element("JsonFileName")).Select(json =>
                    new ZipPart(json.TrimStart('/'), () => File.ReadAllBytes(Path.Combine(source.Directory, json.TrimStart('/'))))),
            },
            new ComponentKind
            {
                Name = "site maps",
                Section = "AppModuleSiteMaps",
                SectionContent = source => Roots(source, "AppModuleSiteMaps"),
                RootComponents = source => Roots(source, "AppModuleSiteMaps").Select(m => new RootComponent(SiteMapType, (string)m.Element("SiteMapUniqueName"), null)),
            },
            new ComponentKind
            {
                Name = "model-driven apps",
                Section = "AppModules",
                SectionContent = source => Roots(source, "AppModules"),
                RootComponents = source => Roots(source, "AppModules").Select(a => new RootComponent(AppModuleType, (string)a.Element("UniqueName"), null)),
            },
            new ComponentKind
            {
                Name = "Custom APIs",
                Files = (source, build) => source.Under("customapis").Select(f => new ZipPart(f.Key, () => File.ReadAllBytes(Path.Combine(source.Directory, f.Key)))),
            },
        };

        private static IEnumerable<XElement> Profiles(SolutionSource source) =>
            source.Get("Other/FieldSecurityProfiles.xml")?.Root.Elements("FieldSecurityProfile") ?? Enumerable.Empty<XElement>();

        /// <summary>The roots of the files under a folder, without the namespace declarations each file repeats.</summary>
        private static IEnumerable<XElement> Roots(SolutionSource source, string folder) => source.Under(folder).Select(f => Copy(f.Value.Root));

        /// <summary>A copy of an element for customizations.xml, without the namespace declarations its file repeats.</summary>
        internal static XElement Copy(XElement element)
        {
            var copy = new XElement(element);
            copy.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            return copy;
        }

        private static IEnumerable<RootComponent> TableRoots(SolutionSource source)
        {
            foreach (var table in source.Tables())
            {
                var custom = source.IsCustomTable(table.Name);
                yield return new RootComponent(TableType, table.Name, null, custom ? 0 : 2);
                // A shell table's forms are roots of their own (Microsoft's Nonprofit export); its views and charts travel
                // inside the table, as every export carries them.
                if (custom) continue;
                foreach (var form in source.Under(table.Folder + "FormXml").SelectMany(f => f.Value.Root.Elements("systemform")))
                    yield return new RootComponent(FormType, null, Guid.Parse((string)form.Element("formid")));
            }
        }
    }
}
