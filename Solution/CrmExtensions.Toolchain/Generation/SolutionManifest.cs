using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>
    /// Other/Solution.xml's RootComponents (derived from the components, see <see cref="SolutionComponents"/>) and
    /// MissingDependencies: the platform tables the solution uses that only Dynamics 365 apps bring, each with the
    /// component that needs it, so the import names what is missing before it changes anything.
    /// </summary>
    public static class SolutionManifest
    {
        private static IReadOnlyDictionary<string, AppTable> AppTables => PlatformApps.Tables;

        public static XDocument Generate(SolutionSource source)
        {
            var document = new XDocument(source.Get("Other/Solution.xml"));
            var manifest = document.Root.Element("SolutionManifest");
            manifest.Element("RootComponents").ReplaceNodes(RootComponents(source).Select(r => r.ToXml()));
            manifest.Element("MissingDependencies").ReplaceNodes(MissingDependencies(source));
            return document;
        }

        public static IEnumerable<RootComponent> RootComponents(SolutionSource source) =>
            SolutionComponents.All.SelectMany(kind => kind.RootComponents(source))
                .OrderBy(r => r.Type.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
                .ThenBy(r => r.SchemaName ?? "", StringComparer.Ordinal).ThenBy(r => r.Id);

        private static IEnumerable<XElement> MissingDependencies(SolutionSource source)
        {
            var dependencies = new List<(string Table, XElement Dependent)>();
            foreach (var step in source.Under("SdkMessageProcessingSteps").Select(s => s.Value.Root))
                dependencies.Add(((string)step.Element("PrimaryEntity"), new XElement("Dependent",
                    new XAttribute("type", SolutionComponents.StepType), new XAttribute("id", (string)step.Attribute("SdkMessageProcessingStepId")))));
            foreach (var view in source.Under("Entities").Where(v => v.Key.Contains("/SavedQueries/")).SelectMany(v => v.Value.Root.Elements("savedquery")))
            {
                var name = (string)view.Element("LocalizedNames")?.Element("LocalizedName")?.Attribute("description");
                foreach (var table in view.Descendants("entity").Concat(view.Descendants("link-entity")).Select(e => (string)e.Attribute("name")).Distinct())
                    dependencies.Add((table, new XElement("Dependent", new XAttribute("type", SolutionComponents.ViewType),
                        new XAttribute("displayName", name ?? ""), new XAttribute("id", (string)view.Element("savedqueryid")))));
            }
            foreach (var table in source.Tables().Where(t => AppTables.ContainsKey(t.Name)))
                foreach (var column in source.Get(table.EntityFile).Descendants("attribute"))
                    dependencies.Add((table.Name, new XElement("Dependent", new XAttribute("type", 2),
                        new XAttribute("schemaName", (string)column.Element("LogicalName")),
                        new XAttribute("displayName", (string)column.Element("displaynames")?.Element("displayname")?.Attribute("description") ?? ""),
                        new XAttribute("parentDisplayName", AppTables[table.Name].DisplayName))));
            // A lookup of one of our tables to an app table (the competitor of a competitor presence) needs that table.
            foreach (var relationship in source.Under("Other/Relationships").SelectMany(r => r.Value.Root.Elements("EntityRelationship")))
            {
                var target = ((string)relationship.Element("ReferencedEntityName") ?? "").ToLowerInvariant();
                var table = source.Tables().FirstOrDefault(t => t.Name == ((string)relationship.Element("ReferencingEntityName") ?? "").ToLowerInvariant());
                if (!AppTables.ContainsKey(target) || table == null) continue;
                var entity = source.Get(table.EntityFile).Root;
                var columnName = ((string)relationship.Element("ReferencingAttributeName") ?? "").ToLowerInvariant();
                var column = entity.Descendants("attribute").FirstOrDefault(a => (string)a.Element("LogicalName") == columnName);
                dependencies.Add((target, new XElement("Dependent", new XAttribute("type", 2), new XAttribute("schemaName", columnName),
                    new XAttribute("displayName", (string)column?.Element("displaynames")?.Element("displayname")?.Attribute("description") ?? ""),
                    new XAttribute("parentDisplayName", (string)entity.Element("Name")?.Attribute("LocalizedName") ?? table.Name))));
            }
            return dependencies.Where(d => d.Table != null && AppTables.ContainsKey(d.Table))
                .OrderBy(d => d.Table, StringComparer.Ordinal).ThenBy(d => d.Dependent.ToString(SaveOptions.DisableFormatting), StringComparer.Ordinal)
                .Select(d => new XElement("MissingDependency",
                    new XElement("Required", new XAttribute("type", SolutionComponents.TableType), new XAttribute("schemaName", d.Table),
                        new XAttribute("displayName", AppTables[d.Table].DisplayName), new XAttribute("solution", AppTables[d.Table].AppWithVersion)),
                    d.Dependent))
                .Concat(CorePluginTypes(source));
        }

        /// <summary>The service solution's steps run plug-in types of the core's assembly: the core must be there first.</summary>
        private static IEnumerable<XElement> CorePluginTypes(SolutionSource source)
        {
            var own = new HashSet<string>(source.Under("PluginAssemblies").SelectMany(a => a.Value.Descendants("PluginType")).Select(t => (string)t.Attribute("PluginTypeId")),
                StringComparer.OrdinalIgnoreCase);
            var core = $"{ProductSolutions.Core} ({source.Version})";
            return source.Under("SdkMessageProcessingSteps").Select(s => s.Value.Root).Where(s => !own.Contains((string)s.Element("PluginTypeId")))
                .OrderBy(s => (string)s.Attribute("SdkMessageProcessingStepId"), StringComparer.Ordinal)
                .Select(s =>
                {
                    var typeName = ((string)s.Element("PluginTypeName")).Split(',')[0];
                    return new XElement("MissingDependency",
                        new XElement("Required", new XAttribute("type", SolutionComponents.PluginTypeType), new XAttribute("schemaName", typeName),
                            new XAttribute("displayName", typeName), new XAttribute("solution", core), new XAttribute("id", "{" + (string)s.Element("PluginTypeId") + "}")),
                        new XElement("Dependent", new XAttribute("type", SolutionComponents.StepType), new XAttribute("id", (string)s.Attribute("SdkMessageProcessingStepId"))));
                });
        }
    }
}
