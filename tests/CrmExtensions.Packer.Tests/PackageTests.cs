using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace CrmExtensions.Packer.Tests
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
                var zipPath = new SolutionPacker(fixture.Load(), fixture.Plugins(), fixture.WebResources).Pack(Path.Combine(fixture.Root, "out"), managed);
                Assert.Equal(managed ? "CrmExtensions_1_0_0_0_managed.zip" : "CrmExtensions_1_0_0_0.zip", Path.GetFileName(zipPath));
                Assert.Empty(PackageInspector.Inspect(zipPath));

                using (var zip = ZipFile.OpenRead(zipPath))
                {
                    var names = zip.Entries.Select(e => e.FullName).ToList();
                    Assert.Contains("[Content_Types].xml", names);
                    var solution = XDocument.Load(zip.GetEntry("solution.xml").Open()).Root.Element("SolutionManifest");
                    Assert.Equal("CrmExtensions", (string)solution.Element("UniqueName"));
                    Assert.Equal(managed ? "1" : "0", (string)solution.Element("Managed"));
                    Assert.Equal("1.0.0.0", (string)solution.Element("Version"));

                    var customizations = XDocument.Load(zip.GetEntry("customizations.xml").Open()).Root;
                    Assert.Equal(34, customizations.Element("SdkMessageProcessingSteps").Elements("SdkMessageProcessingStep").Count());
                    Assert.Equal(7, customizations.Element("optionsets").Elements("optionset").Count());
                    Assert.Equal(2, customizations.Element("Roles").Elements("Role").Count());
                    var account = customizations.Element("Entities").Elements("Entity").Single(e => (string)e.Element("Name") == "account");
                    Assert.NotNull(account.Element("FormXml"));
                    Assert.NotNull(account.Element("RibbonDiffXml"));
                    Assert.Equal(3, account.Element("SavedQueries").Descendants("savedquery").Count());
                    Assert.Contains(account.Descendants("attribute"), a => (string)a.Element("LogicalName") == "cx_tier");
                    foreach (var resource in customizations.Element("WebResources").Elements("WebResource"))
                        Assert.Contains(((string)resource.Element("FileName")).TrimStart('/'), names);

                    Assert.Equal(4, names.Count(n => n.StartsWith("customapis/") && n.EndsWith("/customapi.xml")));
                    var nupkg = names.Single(n => n.StartsWith("pluginpackages/cx_CrmExtensions/package/") && n.EndsWith(".nupkg"));
                    using (var package = new ZipArchive(zip.GetEntry(nupkg).Open()))
                    {
                        var libs = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("lib/")).OrderBy(n => n).ToList();
                        Assert.Equal(new[] { "lib/net462/CrmExtensions.Domain.dll", "lib/net462/CrmExtensions.Plugins.dll", "lib/net462/Newtonsoft.Json.dll" }, libs);
                        Assert.Contains(package.Entries, e => e.FullName == "cx_CrmExtensions.nuspec");
                    }
                }
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
                var issues = PackageInspector.Inspect(path).Select(i => i.ToString()).ToList();
                Assert.Contains(issues, i => i.Contains("missing customizations.xml"));
                Assert.Contains(issues, i => i.Contains("broken.zip:solution.xml") && i.Contains("malformed XML"));
            }
        }
    }
}
