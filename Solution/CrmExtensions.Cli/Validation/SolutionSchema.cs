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
    /// regex dialect), which Dataverse validates customizations.xml against before it imports anything.
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

        private SolutionSchema(XmlSchemaSet schemas)
        {
            _schemas = schemas;
        }

        /// <summary>The schema from its folder, or null when the folder is absent (../shared is not on every machine).</summary>
        public static SolutionSchema Load(string folder)
        {
            var main = Path.Combine(folder, "CustomizationsSolution.xsd");
            if (!File.Exists(main)) return null;
            var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
            schemas.Add(null, main);
            schemas.Compile();
            return new SolutionSchema(schemas);
        }

        /// <summary>Schema errors in a customizations.xml, with its line numbers, after removing the listed newer elements.</summary>
        public IReadOnlyList<ValidationIssue> Validate(string file, XDocument customizations)
        {
            var document = XDocument.Parse(customizations.ToString(), LoadOptions.SetLineInfo);
            foreach (var (parent, element, _) in NewerThanSchema)
                document.Descendants(element).Where(e => e.Parent?.Name.LocalName == parent).Remove();
            return ValidateAsWritten(file, document);
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
