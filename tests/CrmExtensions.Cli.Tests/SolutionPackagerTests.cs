using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Cli.Packing;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// Microsoft's own tool is the judge of the package, not our validator: SolutionPackager extracts every zip we ship and
    /// packs what it extracted, and packs Solution/src with a /map to the built files, each without error or warning
    /// beyond the one Microsoft's own exports raise. Nothing may be lost on the way.
    /// </summary>
    public class SolutionPackagerTests
    {
        [NeedsSolutionPackagerFact]
        public void Every_zip_we_ship_extracts_and_packs_again_with_nothing_lost()
        {
            using (var fixture = new PackerFixture())
                foreach (var managed in new[] { false, true })
                foreach (var zip in new[] { fixture.Pack(managed), fixture.PackService(managed) })
                {
                    var name = Path.GetFileNameWithoutExtension(zip);
                    var folder = Path.Combine(fixture.Root, "extracted", name);
                    SolutionPackagerTool.Run("Extract", zip, folder, managed);
                    var repacked = Path.Combine(fixture.Root, $"repacked-{name}.zip");
                    SolutionPackagerTool.Run("Pack", repacked, folder, managed);
                    Assert.Equal(Parts(zip), Parts(repacked));
                    Assert.Equal(RootComponents(zip), RootComponents(repacked));
                }
        }

        [NeedsSolutionPackagerFact]
        public void The_source_folders_pack_with_a_map_to_the_built_files()
        {
            using (var fixture = new PackerFixture())
            {
                var service = Path.Combine(fixture.Root, "service-from-source.zip");
                SolutionPackagerTool.Run("Pack", service, fixture.ServiceSource, managed: false);
                Assert.Equal(Parts(fixture.PackService(managed: false)), Parts(service));
                var map = Path.Combine(fixture.Root, "map.xml");
                SolutionPackagerMap.For(fixture.Load(), fixture.Build()).Save(map);
                var packed = Path.Combine(fixture.Root, "from-source.zip");
                SolutionPackagerTool.Run("Pack", packed, fixture.Source, managed: false, map: map);
                Assert.Equal(Parts(fixture.Pack(managed: false)), Parts(packed));
                using (var zip = ZipFile.OpenRead(packed))
                {
                    var plugins = zip.Entries.Single(e => e.FullName.EndsWith("/CrmExtensions.Plugins.dll", StringComparison.Ordinal));
                    Assert.Equal(new FileInfo(fixture.PluginAssembly).Length, plugins.Length);
                }
            }
        }

        /// <summary>The zip's parts but [Content_Types].xml (which each writer words its own way).</summary>
        private static string[] Parts(string zip)
        {
            using (var archive = ZipFile.OpenRead(zip))
                return archive.Entries.Select(e => e.FullName).Where(n => n != "[Content_Types].xml").OrderBy(n => n, StringComparer.Ordinal).ToArray();
        }

        private static string[] RootComponents(string zip)
        {
            using (var archive = ZipFile.OpenRead(zip))
            using (var stream = archive.GetEntry("solution.xml").Open())
                return XDocument.Load(stream).Descendants("RootComponent").Select(r => r.ToString(SaveOptions.DisableFormatting)).OrderBy(r => r, StringComparer.Ordinal).ToArray();
        }
    }
}
