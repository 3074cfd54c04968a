using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Solution/src is laid out the way SolutionPackager extracts a solution and reads it back: Other/Customizations.xml
    /// with an empty placeholder per section in the schema's order, each table's Entity.xml with its FormXml,
    /// SavedQueries and RibbonDiffXml placeholders (and Visualizations when it has charts) and RibbonDiff.xml beside it,
    /// forms, views, charts and dashboards in files named by their ids, apps and site maps in folders named by their
    /// unique names, relationships by referenced table.
    /// </summary>
    public static class LayoutRules
    {
        /// <summary>customizations.xml's sections in the order of the schema's sequence, as far as exports write them.</summary>
        public static readonly string[] SectionOrder =
        {
            "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships", "OrganizationSettings",
            "optionsets", "Dashboards", "WebResources", "CustomControls", "SolutionPluginAssemblies", "SdkMessageProcessingSteps",
            "AppModuleSiteMaps", "AppModules", "EntityDataProviders", "EntityDataSources", "connectionreferences", "Languages",
        };

        /// <summary>Sections an extract keeps filled in Other/Customizations.xml instead of splitting them into folders.</summary>
        private static readonly string[] Inline = { "connectionreferences", "Languages" };

        /// <summary>The placeholders every export writes, whatever the solution holds.</summary>
        private static readonly string[] AlwaysWritten =
        {
            "Entities", "Roles", "Workflows", "FieldSecurityProfiles", "Templates", "EntityMaps", "EntityRelationships", "OrganizationSettings",
            "optionsets", "CustomControls", "EntityDataProviders", "Languages",
        };

        private static readonly string[] EntityPlaceholders = { "FormXml", "SavedQueries", "RibbonDiffXml" };

        public static void Check(ValidationContext c)
        {
            CheckCustomizations(c);
            foreach (var table in c.Source.Tables()) CheckTable(c, table);
            foreach (var (file, root) in c.Files("Other/Relationships"))
                foreach (var relationship in root.Elements("EntityRelationship"))
                {
                    var referenced = (string)relationship.Element("ReferencedEntityName");
                    if (!string.Equals(Path.GetFileNameWithoutExtension(file), referenced, StringComparison.Ordinal))
                        c.Add(file, relationship, $"relationship '{(string)relationship.Attribute("Name")}' references {referenced}: it belongs in Other/Relationships/{referenced}.xml");
                }
            foreach (var (file, root) in c.Files("Dashboards"))
                Expect(c, file, root, $"Dashboards/{(string)root.Element("FormId")}.xml", "a dashboard");
            foreach (var (file, root) in c.Files("AppModules"))
                Expect(c, file, root, $"AppModules/{(string)root.Element("UniqueName")}/AppModule.xml", "a model-driven app");
            foreach (var (file, root) in c.Files("AppModuleSiteMaps"))
                Expect(c, file, root, $"AppModuleSiteMaps/{(string)root.Element("SiteMapUniqueName")}/AppModuleSiteMap.xml", "a site map");
        }

        private static void Expect(ValidationContext c, string file, XElement root, string expected, string what)
        {
            if (file != expected) c.Add(file, root, $"{what} lives in {expected}");
        }

        private static void CheckCustomizations(ValidationContext c)
        {
            const string file = "Other/Customizations.xml";
            var root = c.Source.Get(file)?.Root;
            if (root == null)
            {
                c.Add(file, null, "missing");
                return;
            }
            var sections = root.Elements().ToList();
            foreach (var section in sections.Where(s => !SectionOrder.Contains(s.Name.LocalName)))
                c.Add(file, section, $"<{section.Name.LocalName}> is not a customizations.xml section");
            var known = sections.Where(s => SectionOrder.Contains(s.Name.LocalName)).ToList();
            for (var i = 1; i < known.Count; i++)
                if (Array.IndexOf(SectionOrder, known[i].Name.LocalName) < Array.IndexOf(SectionOrder, known[i - 1].Name.LocalName))
                    c.Add(file, known[i], $"<{known[i].Name.LocalName}> must come before <{known[i - 1].Name.LocalName}> (the schema's order)");
            var needed = AlwaysWritten.Concat(SolutionComponents.All.Where(k => k.Section != null && k.SectionContent(c.Source).Any()).Select(k => k.Section)).Distinct();
            foreach (var missing in needed.Where(n => root.Element(n) == null))
                c.Add(file, root, $"the <{missing} /> placeholder is missing");
            foreach (var filled in known.Where(s => !Inline.Contains(s.Name.LocalName) && s.HasElements))
                c.Add(file, filled, $"<{filled.Name.LocalName}> must stay an empty placeholder: its components live in their own folders");
        }

        private static void CheckTable(ValidationContext c, SolutionTable table)
        {
            var entity = c.Source.Get(table.EntityFile).Root;
            var children = entity.Elements().Select(e => e.Name.LocalName).ToList();
            foreach (var placeholder in EntityPlaceholders)
            {
                var element = entity.Element(placeholder);
                if (element == null) c.Add(table.EntityFile, entity, $"the <{placeholder} /> placeholder an extract writes is missing");
                else if (element.HasElements) c.Add(table.EntityFile, element, $"<{placeholder}> must stay an empty placeholder: its content lives beside Entity.xml");
            }
            var order = children.Where(EntityPlaceholders.Contains).ToList();
            if (order.Count == EntityPlaceholders.Length && !order.SequenceEqual(EntityPlaceholders))
                c.Add(table.EntityFile, entity, $"the placeholders come in the order {string.Join(", ", EntityPlaceholders)}");
            var charts = entity.Element("Visualizations");
            if (c.Source.Under(table.Folder + "Visualizations").Any())
            {
                if (charts == null) c.Add(table.EntityFile, entity, "a table with charts has the <Visualizations /> placeholder, after <SavedQueries />");
                else if (charts.HasElements) c.Add(table.EntityFile, charts, "<Visualizations> must stay an empty placeholder: its charts live in Visualizations/{id}.xml");
                else if (charts.ElementsBeforeSelf().LastOrDefault()?.Name.LocalName != "SavedQueries")
                    c.Add(table.EntityFile, charts, "<Visualizations /> comes right after <SavedQueries />");
            }
            else if (charts != null) c.Add(table.EntityFile, charts, "<Visualizations /> without any chart under Visualizations/");
            if (c.Source.Get(table.Folder + "RibbonDiff.xml") == null)
                c.Add(table.EntityFile, entity, $"{table.Folder}RibbonDiff.xml is missing (an extract writes one per table)");
            foreach (var (file, root) in c.Files(table.Folder.TrimEnd('/'), f => f != table.EntityFile && f != table.Folder + "RibbonDiff.xml"))
            {
                var parts = file.Substring(table.Folder.Length).Split('/');
                var stem = Path.GetFileNameWithoutExtension(file);
                if (parts.Length == 3 && parts[0] == "FormXml" && root.Name.LocalName == "forms")
                {
                    if ((string)root.Element("systemform")?.Element("formid") != stem) c.Add(file, root, $"the form's file is named by its formid: {stem}");
                }
                else if (parts.Length == 2 && parts[0] == "SavedQueries" && root.Name.LocalName == "savedqueries")
                {
                    if ((string)root.Element("savedquery")?.Element("savedqueryid") != stem) c.Add(file, root, $"the view's file is named by its savedqueryid: {stem}");
                }
                else if (parts.Length == 2 && parts[0] == "Visualizations" && root.Name.LocalName == "visualization")
                {
                    if ((string)root.Element("savedqueryvisualizationid") != stem) c.Add(file, root, $"the chart's file is named by its savedqueryvisualizationid: {stem}");
                }
                else c.Add(file, root, "not where SolutionPackager reads a table's parts (FormXml/<type>/{formid}.xml, SavedQueries/{savedqueryid}.xml, " +
                    "Visualizations/{savedqueryvisualizationid}.xml, RibbonDiff.xml)");
            }
        }
    }
}
