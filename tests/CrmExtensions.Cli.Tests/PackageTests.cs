using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Cli.Validation;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    public class PackageTests
    {
        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void The_zip_has_the_parts_an_import_needs_and_they_cross_reference(bool managed)
        {
            using (var fixture = new PackerFixture())
            {
                var zipPath = fixture.Pack(managed);
                Assert.Equal(managed ? "CrmExtensions_1_0_0_0_managed.zip" : "CrmExtensions_1_0_0_0.zip", Path.GetFileName(zipPath));
                Assert.Empty(PackageInspector.Inspect(zipPath, schema: null));

                using (var zip = ZipFile.OpenRead(zipPath))
                {
                    var names = zip.Entries.Select(e => e.FullName).ToList();
                    Assert.Contains("[Content_Types].xml", names);
                    var solution = XDocument.Load(zip.GetEntry("solution.xml").Open()).Root.Element("SolutionManifest");
                    Assert.Equal("CrmExtensions", (string)solution.Element("UniqueName"));
                    Assert.Equal(managed ? "1" : "0", (string)solution.Element("Managed"));
                    Assert.Equal("1.0.0.0", (string)solution.Element("Version"));

                    var customizations = XDocument.Load(zip.GetEntry("customizations.xml").Open()).Root;
                    Assert.Equal(56, customizations.Element("SdkMessageProcessingSteps").Elements("SdkMessageProcessingStep").Count());
                    Assert.Equal(19, customizations.Element("optionsets").Elements("optionset").Count());
                    Assert.Equal(2, customizations.Element("Roles").Elements("Role").Count());
                    Assert.Null(customizations.Element("pluginpackages"));
                    var account = customizations.Element("Entities").Elements("Entity").Single(e => (string)e.Element("Name") == "account");
                    Assert.Single(account.Element("FormXml").Elements("forms"));
                    Assert.NotNull(account.Element("RibbonDiffXml").Element("CustomActions"));
                    Assert.Equal(6, account.Element("SavedQueries").Descendants("savedquery").Count());
                    Assert.Equal(3, account.Element("Visualizations").Elements("visualization").Count());
                    Assert.Single(customizations.Element("Dashboards").Elements("Dashboard"));
                    Assert.Equal("cx_CustomerValue", (string)customizations.Element("AppModules").Element("AppModule").Element("UniqueName"));
                    Assert.Equal("cx_CustomerValue", (string)customizations.Element("AppModuleSiteMaps").Element("AppModuleSiteMap").Element("SiteMapUniqueName"));
                    Assert.Contains(account.Descendants("attribute"), a => (string)a.Element("LogicalName") == "cx_tier");
                    Assert.Contains(customizations.Element("EntityRelationships").Elements(), r => (string)r.Attribute("Name") == "cx_surveyresponse_customer_contact");
                    var job = customizations.Element("Entities").Elements("Entity").Single(e => (string)e.Element("Name") == "cx_recalculationjob");
                    Assert.Single(job.Element("FormXml").Elements("forms"));
                    Assert.Single(job.Element("SavedQueries").Descendants("savedquery"));
                    foreach (var file in customizations.Descendants("FileName")) Assert.Contains(((string)file).TrimStart('/'), names);

                    var assemblies = customizations.Element("SolutionPluginAssemblies").Elements("PluginAssembly").ToList();
                    Assert.Equal(new[] { "CrmExtensions.Plugins", "CrmExtensions.Workflow" }, assemblies.Select(a => ((string)a.Attribute("FullName")).Split(',')[0]).OrderBy(n => n));
                    Assert.Contains(names, n => n.StartsWith("PluginAssemblies/CrmExtensionsWorkflow-") && n.EndsWith("/CrmExtensions.Workflow.dll"));

                    Assert.Equal(5, names.Count(n => n.StartsWith("customapis/") && n.EndsWith("/customapi.xml")));
                    Assert.DoesNotContain(names, n => n.StartsWith("pluginpackages/"));
                    Assert.Contains(names, n => n.StartsWith("PluginAssemblies/CrmExtensionsPlugins-") && n.EndsWith("/CrmExtensions.Plugins.dll"));
                    Assert.All(assemblies, a => Assert.Equal("0", (string)a.Element("SourceType")));
                    var types = XDocument.Load(zip.GetEntry("[Content_Types].xml").Open()).Root.Elements().Select(d => (string)d.Attribute("Extension")).ToList();
                    Assert.Equal(new[] { "xml", "json", "html", "js", "svg", "css", "dll" }.OrderBy(e => e), types.OrderBy(e => e));
                }
            }
        }

        [Fact]
        public void Cases_ship_in_their_own_solution_that_needs_the_core_and_customer_service()
        {
            using (var fixture = new PackerFixture())
            {
                string[] Requires(string zip)
                {
                    using (var archive = ZipFile.OpenRead(zip))
                        return XDocument.Load(archive.GetEntry("solution.xml").Open()).Descendants("Required")
                            .Select(r => (string)r.Attribute("schemaName") + " from " + ((string)r.Attribute("solution")).Split(' ')[0]).Distinct().OrderBy(r => r).ToArray();
                }
                var core = fixture.Pack(managed: true);
                Assert.Equal(new[] { "competitor from msdynce_Sales", "invoice from msdynce_Sales", "opportunityclose from msdynce_Sales", "orderclose from msdynce_Sales",
                    "product from msdynce_ProductManagement",
                    "salesorder from msdynce_Sales", "salesorderdetail from msdynce_Sales" }, Requires(core));
                var service = fixture.PackService(managed: true);
                Assert.Equal("CrmExtensionsService_1_0_0_0_managed.zip", Path.GetFileName(service));
                Assert.Equal(new[] { "CrmExtensions.Plugins.Steps.RecalculateCustomerOnChange from CrmExtensions", "incident from msdynce_Service",
                    "incidentresolution from msdynce_Service" }, Requires(service));
                using (var archive = ZipFile.OpenRead(service))
                {
                    var customizations = XDocument.Load(archive.GetEntry("customizations.xml").Open()).Root;
                    var steps = customizations.Element("SdkMessageProcessingSteps").Elements().Select(e => (string)e.Element("PrimaryEntity")).Distinct().OrderBy(t => t);
                    Assert.Equal(new[] { "incident", "incidentresolution" }, steps);
                    Assert.DoesNotContain(archive.Entries, e => e.FullName.EndsWith(".dll"));
                }
                Assert.Empty(PackageInspector.Inspect(service, schema: null));
            }
        }

        [Fact]
        public void A_part_whose_extension_has_no_content_type_is_reported()
        {
            using (var fixture = new PackerFixture())
            {
                var path = fixture.Pack(managed: false);
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
                {
                    // The content types before SolutionPackager was the judge: no svg, no css.
                    zip.GetEntry("[Content_Types].xml").Delete();
                    using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
                        writer.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"text/xml\" />" +
                            "<Default Extension=\"js\" ContentType=\"application/octet-stream\" /><Default Extension=\"html\" ContentType=\"application/octet-stream\" />" +
                            "<Default Extension=\"json\" ContentType=\"application/octet-stream\" /><Default Extension=\"dll\" ContentType=\"application/octet-stream\" /></Types>");
                }
                var issues = PackageInspector.Inspect(path, schema: null).Select(i => i.ToString()).ToList();
                Assert.Contains(issues, i => i.Contains("no content type for 'WebResources/cx_/icons/customerValue.svg'"));
                Assert.Contains(issues, i => i.Contains("no content type for 'WebResources/cx_/styles/fluent.css'"));
            }
        }

        [Fact]
        public void A_broken_zip_is_reported()
        {
            using (var fixture = new PackerFixture())
            {
                var path = Path.Combine(fixture.Root, "broken.zip");
                using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
                {
                    using (var writer = new StreamWriter(zip.CreateEntry("solution.xml").Open())) writer.Write("<ImportExportXml><SolutionManifest>");
                }
                var issues = PackageInspector.Inspect(path, schema: null).Select(i => i.ToString()).ToList();
                Assert.Contains(issues, i => i.Contains("missing customizations.xml"));
                Assert.Contains(issues, i => i.Contains("broken.zip:solution.xml") && i.Contains("malformed XML"));
            }
        }
    }
}
