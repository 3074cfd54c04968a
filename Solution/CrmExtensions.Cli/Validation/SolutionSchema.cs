using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>
    /// Microsoft's solution schema (CustomizationsSolution.xsd 9.0.0.2090 and the XSDs it includes, written for .NET's
    /// regex dialect), which Dataverse validates customizations.xml against before it imports anything. A chart's data
    /// description is free-form there; it is checked against the schema Microsoft publishes for it
    /// (VisualizationDataDescription.xsd) and its aggregate query against Fetch.xsd.
    /// </summary>
    public sealed class SolutionSchema
    {
        /// <summary>
        /// Elements current exports carry that the 9.0.0.2090 schema predates, by parent and name, with the reason we
        /// write them. They are the only elements removed before validating; everything else must pass the schema.
        /// </summary>
        public static readonly IReadOnlyList<(string Parent, string Element, string Reason)> NewerThanSchema = new[]
        {
            ("EntityRelationship", "CascadeArchive",
                "what archiving (long-term retention) does along the relationship; every current export writes it, e.g. contoso-real-estate's Other/Relationships/*.xml"),
            ("Workflow", "JsonFileName",
                "where a cloud flow's definition lies in the zip (the schema knows only XamlFileName, for classic processes); contoso-real-estate's Workflows/*.json.data.xml write it"),
            ("ImportExportXml", "connectionreferences",
                "the connection references cloud flows use; contoso-real-estate's portal solution writes the section before <Languages>"),
        };

        private readonly XmlSchemaSet _schemas;
        private readonly XmlSchemaSet _chartData;
        private readonly XmlSchemaSet _fetch;

        private SolutionSchema(XmlSchemaSet schemas, XmlSchemaSet chartData, XmlSchemaSet fetch)
        {
            _schemas = schemas;
            _chartData = chartData;
            _fetch = fetch;
        }

        /// <summary>The schema from its folder, or null when the folder is absent (../shared is not on every machine).</summary>
        public static SolutionSchema Load(string folder)
        {
            var main = Path.Combine(folder, "CustomizationsSolution.xsd");
            if (!File.Exists(main)) return null;
            return new SolutionSchema(Set(main), Set(Path.Combine(folder, "VisualizationDataDescription.xsd")), Set(Path.Combine(folder, "Fetch.xsd")));
        }

        private static XmlSchemaSet Set(string file)
        {
            var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            schemas.Add(null, file);
            schemas.Compile();
            return schemas;
        }

        /// <summary>Schema errors in a customizations.xml, with its line numbers, after removing the listed newer elements.</summary>
        public IReadOnlyList<ValidationIssue> Validate(string file, XDocument customizations)
        {
            var document = XDocument.Parse(customizations.ToString(), LoadOptions.SetLineInfo);
            foreach (var (parent, element, _) in NewerThanSchema)
                document.Descendants(element).Where(e => e.Parent?.Name.LocalName == parent).Remove();
            return ValidateAsWritten(file, document).Concat(ChartData(file, document)).ToList();
        }

        /// <summary>Each chart's datadefinition against VisualizationDataDescription.xsd, and each of its queries against Fetch.xsd.</summary>
        private IEnumerable<ValidationIssue> ChartData(string file, XDocument customizations)
        {
            foreach (var definition in customizations.Descendants("visualization").Select(v => v.Element("datadescription")?.Element("datadefinition")).Where(d => d != null))
            {
                foreach (var issue in Against(_chartData, file, definition, "chart data description")) yield return issue;
                foreach (var fetch in definition.Descendants("fetch"))
                    foreach (var issue in Against(_fetch, file, fetch, "chart query")) yield return issue;
            }
        }

        private static IEnumerable<ValidationIssue> Against(XmlSchemaSet schemas, string file, XElement element, string what)
        {
            var issues = new List<ValidationIssue>();
            new XDocument(new XElement(element)).Validate(schemas, (sender, e) => issues.Add(new ValidationIssue(file, SolutionSource.Line(element), $"schema ({what}): {e.Message}")));
            return issues;
        }

        /// <summary>Schema errors without setting anything aside.</summary>
        public IReadOnlyList<ValidationIssue> ValidateAsWritten(string file, XDocument document)
        {
            var issues = new List<ValidationIssue>();
            document.Validate(_schemas, (sender, e) => issues.Add(new ValidationIssue(file, e.Exception?.LineNumber > 0 ? e.Exception.LineNumber : SolutionSource.Line(sender as XObject),
                "schema: " + e.Message)));
            return issues;
        }
    }
}
