using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// The model-driven app, its site map, the dashboard, the charts and the grids on forms refer to each other and to
    /// tables, views, forms, relationships, roles and web resources by name or id. Each reference must resolve inside the
    /// solution, the app must list what its site map and dashboards show, and a chart may count and group only declared
    /// columns, with one presentation series per measure collection (Microsoft's chart documentation).
    /// </summary>
    public static class AppRules
    {
        /// <summary>Form control classes of a grid or chart and of a web resource (as real FormXml writes them).</summary>
        public const string GridControl = "{E7A81278-8635-4D9E-8D4D-59480B391C5B}", WebResourceControl = "{9FDF5F91-88B1-47F4-AD53-C11EFC01A01D}";

        private sealed class Catalog
        {
            public readonly Dictionary<Guid, string> Views = new Dictionary<Guid, string>();
            public readonly Dictionary<Guid, string> Charts = new Dictionary<Guid, string>();
            public readonly Dictionary<Guid, string> Forms = new Dictionary<Guid, string>();
            public readonly HashSet<Guid> Dashboards = new HashSet<Guid>();
            public readonly HashSet<Guid> Roles = new HashSet<Guid>();
            public readonly Dictionary<string, Guid> WebResources = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
            public readonly HashSet<string> Tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            public readonly Dictionary<string, XElement> SiteMaps = new Dictionary<string, XElement>(StringComparer.Ordinal);
            public readonly Dictionary<string, XElement> Relationships = new Dictionary<string, XElement>(StringComparer.OrdinalIgnoreCase);
        }

        public static void Check(ValidationContext c)
        {
            var catalog = Read(c);
            foreach (var (file, root) in c.Files("Entities", f => f.Contains("/Visualizations/"))) CheckChart(c, file, root, file.Split('/')[1]);
            foreach (var (file, root) in c.Files("Entities", f => f.Contains("/FormXml/")))
                CheckControls(c, catalog, file, root, ((string)c.Source.Get($"Entities/{file.Split('/')[1]}/Entity.xml")?.Root.Element("Name") ?? "").ToLowerInvariant());
            foreach (var (file, root) in c.Files("Dashboards")) CheckControls(c, catalog, file, root, null);
            foreach (var (file, root) in c.Files("AppModuleSiteMaps")) CheckSiteMap(c, catalog, file, root);
            foreach (var (file, root) in c.Files("AppModules")) CheckApp(c, catalog, file, root);
        }

        private static Catalog Read(ValidationContext c)
        {
            var catalog = new Catalog();
            foreach (var table in c.Source.Tables())
            {
                catalog.Tables.Add(table.Name);
                foreach (var view in c.Source.Under(table.Folder + "SavedQueries").SelectMany(v => v.Value.Root.Elements("savedquery")))
                    catalog.Views[Guid.Parse((string)view.Element("savedqueryid"))] = table.Name;
                foreach (var chart in c.Source.Under(table.Folder + "Visualizations"))
                    catalog.Charts[Guid.Parse((string)chart.Value.Root.Element("savedqueryvisualizationid"))] = table.Name;
                foreach (var form in c.Source.Under(table.Folder + "FormXml").SelectMany(f => f.Value.Root.Elements("systemform")))
                    catalog.Forms[Guid.Parse((string)form.Element("formid"))] = table.Name;
            }
            foreach (var (_, root) in c.Files("Dashboards")) catalog.Dashboards.Add(Guid.Parse((string)root.Element("FormId")));
            foreach (var (_, root) in c.Files("Roles")) catalog.Roles.Add(Guid.Parse((string)root.Attribute("id")));
            foreach (var (_, root) in c.Files("WebResources")) catalog.WebResources[(string)root.Element("Name")] = Guid.Parse((string)root.Element("WebResourceId"));
            foreach (var (_, root) in c.Files("AppModuleSiteMaps")) catalog.SiteMaps[(string)root.Element("SiteMapUniqueName")] = root;
            foreach (var (_, root) in c.Files("Other/Relationships"))
                foreach (var relationship in root.Elements("EntityRelationship")) catalog.Relationships[(string)relationship.Attribute("Name")] = relationship;
            return catalog;
        }

        private static void CheckChart(ValidationContext c, string file, XElement chart, string folder)
        {
            var table = ((string)c.Source.Get($"Entities/{folder}/Entity.xml")?.Root.Element("Name") ?? folder).ToLowerInvariant();
            var definition = chart.Element("datadescription")?.Element("datadefinition");
            var entity = definition?.Element("fetchcollection")?.Element("fetch")?.Element("entity");
            if (entity == null)
            {
                c.Add(file, chart, "a chart's datadescription holds a datadefinition with its aggregate fetch");
                return;
            }
            if (!string.Equals((string)entity.Attribute("name"), table, StringComparison.OrdinalIgnoreCase))
                c.Add(file, entity, $"the chart of {table} queries '{(string)entity.Attribute("name")}'");
            var attributes = entity.Elements("attribute").ToList();
            foreach (var attribute in attributes) c.CheckColumn(file, attribute, table, (string)attribute.Attribute("name"), "chart column");
            foreach (var condition in entity.Descendants("condition")) c.CheckColumn(file, condition, table, (string)condition.Attribute("attribute"), "chart filter column");
            var aggregates = new HashSet<string>(attributes.Where(a => a.Attribute("aggregate") != null).Select(a => (string)a.Attribute("alias")), StringComparer.Ordinal);
            var groups = new HashSet<string>(attributes.Where(a => (string)a.Attribute("groupby") == "true").Select(a => (string)a.Attribute("alias")), StringComparer.Ordinal);
            if (groups.Count == 0) c.Add(file, entity, "a chart groups by at least one column (groupby=\"true\")");
            var categories = definition.Element("categorycollection")?.Elements("category").ToList() ?? new List<XElement>();
            foreach (var category in categories.Where(k => k.Attribute("alias") != null && !groups.Contains((string)k.Attribute("alias"))))
                c.Add(file, category, $"category alias '{(string)category.Attribute("alias")}' is not a grouped column of the fetch");
            foreach (var measure in categories.Descendants("measure").Where(m => !aggregates.Contains((string)m.Attribute("alias"))))
                c.Add(file, measure, $"measure alias '{(string)measure.Attribute("alias")}' is not an aggregate of the fetch");
            var collections = categories.Sum(k => k.Elements("measurecollection").Count());
            var series = chart.Element("presentationdescription")?.Element("Chart")?.Element("Series")?.Elements("Series").Count() ?? 0;
            if (series != collections) c.Add(file, chart, $"the presentation has {series} series for {collections} measure collections: one each");
        }

        /// <summary>Grids, charts and web resources placed on a form or dashboard; <paramref name="formTable"/> is null on a dashboard.</summary>
        private static void CheckControls(ValidationContext c, Catalog catalog, string file, XElement root, string formTable)
        {
            foreach (var control in root.Descendants("control"))
            {
                var classId = ((string)control.Attribute("classid") ?? "").ToUpperInvariant();
                var parameters = control.Element("parameters");
                if (classId == WebResourceControl)
                {
                    var url = (string)parameters?.Element("Url");
                    if (url == null || !catalog.WebResources.ContainsKey(url)) c.Add(file, control, $"web resource '{url}' is not a web resource of the solution");
                }
                if (classId != GridControl || parameters == null) continue;
                var table = (string)parameters.Element("TargetEntityType");
                if (!catalog.Tables.Contains(table ?? "")) c.Add(file, control, $"grid of '{table}': not a table of the solution");
                foreach (var id in Guids((string)parameters.Element("ViewId")).Concat(Guids((string)parameters.Element("ViewIds"))))
                    if (!catalog.Views.TryGetValue(id, out var viewTable) || !string.Equals(viewTable, table, StringComparison.OrdinalIgnoreCase))
                        c.Add(file, control, $"view {id:B} is not a view of {table} in the solution");
                foreach (var id in Guids((string)parameters.Element("VisualizationId")))
                    if (!catalog.Charts.TryGetValue(id, out var chartTable) || !string.Equals(chartTable, table, StringComparison.OrdinalIgnoreCase))
                        c.Add(file, control, $"chart {id:B} is not a chart of {table} in the solution");
                var relationshipName = (string)parameters.Element("RelationshipName");
                if (string.IsNullOrEmpty(relationshipName)) continue;
                if (formTable == null) c.Add(file, control, "a dashboard grid shows a view, not a relationship");
                else if (!catalog.Relationships.TryGetValue(relationshipName, out var relationship)
                         || !string.Equals((string)relationship.Element("ReferencedEntityName"), formTable, StringComparison.OrdinalIgnoreCase)
                         || !string.Equals((string)relationship.Element("ReferencingEntityName"), table, StringComparison.OrdinalIgnoreCase))
                    c.Add(file, control, $"relationship '{relationshipName}' does not lead from {formTable} to {table}");
            }
        }

        private static void CheckSiteMap(ValidationContext c, Catalog catalog, string file, XElement root)
        {
            foreach (var duplicate in root.Descendants("SubArea").GroupBy(s => (string)s.Attribute("Id")).Where(g => g.Count() > 1))
                c.Add(file, duplicate.Skip(1).First(), $"SubArea Id '{duplicate.Key}' is used twice");
            foreach (var subArea in root.Descendants("SubArea"))
            {
                var entity = (string)subArea.Attribute("Entity");
                if (entity != null && !catalog.Tables.Contains(entity)) c.Add(file, subArea, $"site map entry '{entity}' is not a table of the solution");
                var dashboard = (string)subArea.Attribute("DefaultDashboard");
                if (dashboard != null && !Guids(dashboard).All(catalog.Dashboards.Contains)) c.Add(file, subArea, $"dashboard {dashboard} is not a dashboard of the solution");
                if (entity == null && dashboard == null) c.Add(file, subArea, "a site map entry opens a table or a dashboard");
            }
        }

        private static void CheckApp(ValidationContext c, Catalog catalog, string file, XElement app)
        {
            var components = app.Element("AppModuleComponents")?.Elements("AppModuleComponent").ToList() ?? new List<XElement>();
            var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var component in components)
            {
                var type = (int?)component.Attribute("type");
                var name = (string)component.Attribute("schemaName");
                var id = Guids((string)component.Attribute("id")).FirstOrDefault();
                listed.Add($"{type}:{name ?? id.ToString()}");
                var known = type == SolutionComponents.TableType ? catalog.Tables.Contains(name ?? "")
                    : type == SolutionComponents.ViewType ? catalog.Views.ContainsKey(id)
                    : type == SolutionComponents.ChartType ? catalog.Charts.ContainsKey(id)
                    : type == SolutionComponents.FormType ? catalog.Forms.ContainsKey(id) || catalog.Dashboards.Contains(id)
                    : type == SolutionComponents.SiteMapType && catalog.SiteMaps.ContainsKey(name ?? "");
                if (!known) c.Add(file, component, $"app component {component.ToString(SaveOptions.DisableFormatting)} is not a component of the solution");
            }
            foreach (var role in app.Element("AppModuleRoleMaps")?.Elements("Role") ?? Enumerable.Empty<XElement>())
                if (!Guids((string)role.Attribute("id")).All(catalog.Roles.Contains)) c.Add(file, role, $"role {(string)role.Attribute("id")} is not a role of the solution");
            var icon = Guids((string)app.Element("WebResourceId")).FirstOrDefault();
            if (!catalog.WebResources.ContainsValue(icon)) c.Add(file, app.Element("WebResourceId") ?? (XObject)app, "the app's icon (WebResourceId) is a web resource of the solution");

            var siteMaps = components.Where(s => (int?)s.Attribute("type") == SolutionComponents.SiteMapType).ToList();
            if (siteMaps.Count != 1 || !catalog.SiteMaps.TryGetValue((string)siteMaps[0].Attribute("schemaName") ?? "", out var siteMap))
            {
                c.Add(file, app, "an app lists exactly one site map of the solution (type 62)");
                return;
            }
            foreach (var subArea in siteMap.Descendants("SubArea"))
            {
                var entity = (string)subArea.Attribute("Entity");
                if (entity != null && !listed.Contains($"{SolutionComponents.TableType}:{entity}")) c.Add(file, app, $"the site map shows {entity}, which the app does not list");
                foreach (var dashboard in Guids((string)subArea.Attribute("DefaultDashboard")).Where(d => !listed.Contains($"{SolutionComponents.FormType}:{d}")))
                    c.Add(file, app, $"the site map opens dashboard {dashboard:B}, which the app does not list");
            }
            // An app that lists some views (charts) of a table offers only those: whatever its dashboards show must be among them.
            foreach (var (dashboardFile, dashboard) in c.Files("Dashboards").Where(d => listed.Contains($"{SolutionComponents.FormType}:{Guid.Parse((string)d.Root.Element("FormId"))}")))
                foreach (var parameters in dashboard.Descendants("control").Where(x => ((string)x.Attribute("classid") ?? "").ToUpperInvariant() == GridControl)
                    .Select(x => x.Element("parameters")).Where(p => p != null))
                {
                    var table = (string)parameters.Element("TargetEntityType");
                    if (!listed.Contains($"{SolutionComponents.TableType}:{table}")) c.Add(file, app, $"dashboard {dashboardFile} shows {table}, which the app does not list");
                    Restricted(c, file, app, listed, catalog.Views, SolutionComponents.ViewType, table, Guids((string)parameters.Element("ViewId")), "view");
                    Restricted(c, file, app, listed, catalog.Charts, SolutionComponents.ChartType, table, Guids((string)parameters.Element("VisualizationId")), "chart");
                }
        }

        private static void Restricted(ValidationContext c, string file, XElement app, HashSet<string> listed, Dictionary<Guid, string> components, int type, string table,
            IEnumerable<Guid> used, string what)
        {
            var restricted = components.Where(v => string.Equals(v.Value, table, StringComparison.OrdinalIgnoreCase)).Any(v => listed.Contains($"{type}:{v.Key}"));
            if (!restricted) return;
            foreach (var id in used.Where(u => !listed.Contains($"{type}:{u}")))
                c.Add(file, app, $"the app lists {what}s of {table} but not the {what} {id:B} its dashboard shows");
        }

        private static IEnumerable<Guid> Guids(string list) =>
            ValidationContext.Split(list).Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty);
    }
}
