using System.Linq;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Packing
{
    /// <summary>
    /// A table as customizations.xml carries it: Entity.xml with its FormXml, SavedQueries, Visualizations and
    /// RibbonDiffXml placeholders filled from FormXml/&lt;type&gt;/{id}.xml, SavedQueries/{id}.xml,
    /// Visualizations/{id}.xml (charts) and RibbonDiff.xml, as SolutionPackager packs them.
    /// </summary>
    public static class TablePacking
    {
        public static XElement Pack(SolutionSource source, SolutionTable table)
        {
            var entity = SolutionComponents.Copy(source.Get(table.EntityFile).Root);
            var forms = source.Under(table.Folder + "FormXml").GroupBy(f => f.Key.Split('/')[3]).OrderBy(g => g.Key)
                .Select(type => new XElement("forms", new XAttribute("type", type.Key), type.SelectMany(f => f.Value.Root.Elements("systemform")).Select(f => new XElement(f))));
            entity.Element("FormXml")?.ReplaceNodes(forms);
            var views = source.Under(table.Folder + "SavedQueries").SelectMany(v => v.Value.Root.Elements("savedquery")).Select(v => new XElement(v));
            entity.Element("SavedQueries")?.ReplaceNodes(new XElement("savedqueries", views));
            entity.Element("Visualizations")?.ReplaceNodes(source.Under(table.Folder + "Visualizations").Select(c => SolutionComponents.Copy(c.Value.Root)));
            var ribbon = source.Get(table.Folder + "RibbonDiff.xml");
            if (ribbon != null) entity.Element("RibbonDiffXml")?.ReplaceNodes(ribbon.Root.Nodes().Select(n => n is XElement e ? new XElement(e) : n));
            return entity;
        }
    }
}
