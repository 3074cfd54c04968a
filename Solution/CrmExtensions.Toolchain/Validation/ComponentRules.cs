using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Forms, views, ribbons, web resources and roles: every column they show is declared, every form control has the
    /// control class its column's type gets in real forms and a label a user can read, every library is a web resource
    /// of the solution, and roles carry only what a role export has.
    /// </summary>
    public static class ComponentRules
    {
        /// <summary>The form control class of each column type, as real forms use them (contoso-real-estate's FormXml).</summary>
        public static readonly IReadOnlyDictionary<string, string> ControlClasses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["nvarchar"] = "{4273EDBD-AC1D-40D3-9FB2-095C621B552D}",
            ["ntext"] = "{E0DECE4B-6FC8-4A8F-A065-082708572369}",
            ["int"] = "{C6D124CA-7EDA-4A60-AEA9-7FB8D318B68F}",
            ["decimal"] = "{C3EFE0C3-0EC6-42BE-8349-CBD9079DFD8E}",
            ["money"] = "{533B9E00-756B-4312-95A0-DC888637AC78}",
            ["datetime"] = "{5B773807-9FB2-42DB-97C3-7A91EFF8ADFF}",
            ["bit"] = "{67FAC785-CD58-4F9F-ABB3-4B7DDC6ED5ED}",
            ["picklist"] = "{3EF39988-22BB-4F0B-BBBE-64B5A3748AEE}",
            ["state"] = "{3EF39988-22BB-4F0B-BBBE-64B5A3748AEE}",
            ["status"] = "{3EF39988-22BB-4F0B-BBBE-64B5A3748AEE}",
            ["lookup"] = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
            ["customer"] = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
            ["owner"] = "{270BD3DB-D9AF-4782-9025-509E298DEC0A}",
        };

        public static void Check(ValidationContext c)
        {
            var webResources = new HashSet<string>(c.Files("WebResources").Select(w => (string)w.Root.Element("Name")), StringComparer.OrdinalIgnoreCase);
            CheckForms(c, webResources);
            CheckViews(c);
            CheckRibbons(c, webResources);
            CheckWebResources(c);
            CheckRoles(c);
        }

        private static void CheckForms(ValidationContext c, HashSet<string> webResources)
        {
            foreach (var (file, root) in c.Files("Entities", f => f.Contains("/FormXml/")))
            {
                var table = file.Split('/')[1];
                foreach (var control in root.Descendants("control"))
                {
                    var field = (string)control.Attribute("datafieldname");
                    if (field == null) continue;
                    var label = (string)control.Parent?.Element("labels")?.Element("label")?.Attribute("description");
                    if (string.Equals(label, field, StringComparison.OrdinalIgnoreCase))
                        c.Add(file, control.Parent, $"form field '{field}' is labelled with its logical name: users see its display name");
                    var type = c.ColumnType(table, field);
                    if (type == null) c.CheckColumn(file, control, table, field, "form field");
                    else if (ControlClasses.TryGetValue(type, out var expected) && !string.Equals((string)control.Attribute("classid"), expected, StringComparison.OrdinalIgnoreCase))
                        c.Add(file, control, $"form field '{field}' is a {type} column: its control class is {expected}, not {(string)control.Attribute("classid")}");
                }
                foreach (var library in root.Descendants("Library"))
                    if (!webResources.Contains((string)library.Attribute("name"))) c.Add(file, library, $"form library '{(string)library.Attribute("name")}' is not a web resource of the solution");
            }
        }

        private static void CheckViews(ValidationContext c)
        {
            foreach (var (file, root) in c.Files("Entities", f => f.Contains("/SavedQueries/")))
            {
                foreach (var entity in root.Descendants("entity"))
                {
                    var table = (string)entity.Attribute("name");
                    foreach (var node in entity.Elements("attribute").Concat(entity.Descendants("condition")).Concat(entity.Elements("order")))
                    {
                        var column = (string)node.Attribute("name") ?? (string)node.Attribute("attribute");
                        if (column != null) c.CheckColumn(file, node, table, column, "view column");
                    }
                }
                var main = (string)root.Descendants("entity").FirstOrDefault()?.Attribute("name");
                foreach (var cell in root.Descendants("cell")) c.CheckColumn(file, cell, main, (string)cell.Attribute("name"), "view layout column");
            }
        }

        private static void CheckRibbons(ValidationContext c, HashSet<string> webResources)
        {
            foreach (var (file, root) in c.Files("Entities", f => f.EndsWith("/RibbonDiff.xml", StringComparison.Ordinal)))
                foreach (var call in root.Descendants().Where(e => e.Attribute("Library") != null))
                {
                    var library = ((string)call.Attribute("Library")).Replace("$webresource:", "");
                    if (!webResources.Contains(library)) c.Add(file, call, $"ribbon library '{library}' is not a web resource of the solution");
                }
        }

        private static void CheckWebResources(ValidationContext c)
        {
            foreach (var (file, root) in c.Files("WebResources"))
            {
                var fileName = ((string)root.Element("FileName") ?? "").TrimStart('/');
                var name = (string)root.Element("Name");
                if (fileName != "WebResources/" + name) c.Add(file, root, $"FileName '/{fileName}' must be '/WebResources/{name}'");
                var built = Path.Combine(c.Build.WebResourcesOutput, name ?? "");
                if (!File.Exists(built)) c.Add(file, root, $"web resource file '{name}' is missing from {c.Build.WebResourcesOutput} (build WebResources first)");
            }
        }

        private static void CheckRoles(ValidationContext c)
        {
            foreach (var (file, root) in c.Files("Roles"))
            {
                foreach (var invented in root.Elements("ismanaged")) c.Add(file, invented, "<ismanaged> is not part of a role: the solution's Managed flag says it");
                if (root.Element("IsCustomizable") == null || root.Element("RolePrivileges") == null) c.Add(file, root, "a role carries IsCustomizable and RolePrivileges, as a role export does");
                foreach (var privilege in root.Descendants("RolePrivilege"))
                {
                    var name = (string)privilege.Attribute("name") ?? "";
                    var custom = name.IndexOf(c.Source.Prefix + "_", StringComparison.Ordinal);
                    if (custom > 0 && !c.Declared.ContainsKey(name.Substring(custom))) c.Add(file, privilege, $"privilege '{name}' names a table the solution does not declare");
                }
            }
        }
    }
}
