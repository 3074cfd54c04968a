using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Cli.Validation;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>A fact that needs Microsoft's solution schema from ../shared; where it is absent the test says so and is skipped (CI has it).</summary>
    public sealed class NeedsSolutionSchemaFactAttribute : FactAttribute
    {
        public NeedsSolutionSchemaFactAttribute()
        {
            if (!File.Exists(Path.Combine(RepositoryLayout.Find().SolutionSchemas, "CustomizationsSolution.xsd")))
                Skip = "Microsoft's solution schema (../shared/schemas/solution-9.0.0.2090) is not beside the repository; CI has it.";
        }
    }

    /// <summary>Dataverse validates customizations.xml against its schema before it imports anything: both zips must pass it.</summary>
    public class SchemaTests
    {
        private static SolutionSchema Schema() => SolutionSchema.Load(RepositoryLayout.Find().SolutionSchemas);

        private static XDocument Customizations(string zip)
        {
            using (var archive = ZipFile.OpenRead(zip))
            using (var stream = archive.GetEntry("customizations.xml").Open())
                return XDocument.Load(stream);
        }

        [NeedsSolutionSchemaFact]
        public void Every_packed_zip_passes_microsofts_schema()
        {
            using (var fixture = new PackerFixture())
            {
                foreach (var managed in new[] { false, true })
                foreach (var zip in new[] { fixture.Pack(managed), fixture.PackService(managed) })
                {
                    Assert.Empty(Schema().Validate(Path.GetFileName(zip), Customizations(zip)));
                    Assert.Empty(PackageInspector.Inspect(zip, Schema()));
                }
            }
        }

        [NeedsSolutionSchemaFact]
        public void Only_the_listed_newer_elements_are_set_aside_and_each_is_needed()
        {
            using (var fixture = new PackerFixture())
            {
                var asWritten = Schema().ValidateAsWritten("customizations.xml", XDocument.Parse(Customizations(fixture.Pack(managed: false)).ToString(), LoadOptions.SetLineInfo));
                var listed = SolutionSchema.NewerThanSchema.Select(n => n.Element).ToList();
                Assert.All(asWritten, i => Assert.Contains(listed, element => i.Message.Contains($"'{element}'")));
                Assert.All(listed, element => Assert.Contains(asWritten, i => i.Message.Contains($"'{element}'")));
            }
        }

        [NeedsSolutionSchemaFact]
        public void A_chart_data_description_outside_microsofts_chart_schema_is_refused()
        {
            using (var fixture = new PackerFixture())
            {
                var customizations = Customizations(fixture.Pack(managed: false));
                Assert.Empty(Schema().Validate("customizations.xml", customizations));
                var definition = customizations.Descendants("datadefinition").First();
                definition.Element("categorycollection").Remove();
                definition.Descendants("attribute").First().SetAttributeValue("aggregate", "median");
                var issues = Schema().Validate("customizations.xml", customizations).Select(i => i.Message).ToList();
                Assert.Contains(issues, i => i.StartsWith("schema (chart data description)") && i.Contains("categorycollection"));
                Assert.Contains(issues, i => i.StartsWith("schema (chart query)") && i.Contains("median"));
            }
        }

        [NeedsSolutionSchemaFact]
        public void The_schema_rejects_the_old_section_order()
        {
            using (var fixture = new PackerFixture())
            {
                var customizations = Customizations(fixture.Pack(managed: false));
                var steps = customizations.Root.Element("SdkMessageProcessingSteps");
                steps.Remove();
                customizations.Root.Add(steps);
                Assert.Contains(Schema().Validate("customizations.xml", customizations), i => i.Message.Contains("invalid child element 'SdkMessageProcessingSteps'"));
            }
        }
    }
}
