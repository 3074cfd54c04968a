using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Cli.Generation;
using CrmExtensions.Plugins.CustomApis;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Infrastructure;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>Steps, Custom APIs and plug-in types are declared once in the plug-in assembly; Solution/src is generated from them.</summary>
    public class GenerationTests
    {
        [Fact]
        public void The_declarations_give_every_step_and_custom_api_the_solution_ships()
        {
            var plugins = typeof(PluginBase).Assembly;
            Assert.Equal(60, Declarations.Steps(plugins).Count);
            Assert.Equal(60, Declarations.Steps(plugins).Select(s => s.Name).Distinct().Count());
            var apis = Declarations.CustomApis(plugins);
            Assert.Equal(new[] { CalibrateSettingsRequest.ApiName, PreviewTierRequest.ApiName, RecalculateCustomerRequest.ApiName, StartRecalculationRequest.ApiName, ValueThresholdsRequest.ApiName },
                apis.Select(a => a.UniqueName).OrderBy(n => n, StringComparer.Ordinal));
            var start = apis.Single(a => a.PluginType == typeof(StartRecalculationApi));
            Assert.Equal(new[] { "Calibrate", "EvaluatedBefore", "Filter", "Name", "PageSize", "Rebuild", "TableName" },
                start.RequestParameters.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.All(start.RequestParameters, p => Assert.True(p.IsOptional));
            Assert.Equal(7, start.RequestParameters.Single(p => p.Name == "PageSize").Type);
            Assert.Equal(12, start.ResponseProperties.Single(p => p.Name == "JobId").Type);
            Assert.Equal(RecalculateCustomerRequest.BoundTo, apis.Single(a => a.UniqueName == RecalculateCustomerRequest.ApiName).BoundTable);
        }

        [Fact]
        public void A_custom_api_names_its_plugin_type_by_the_id_the_plugin_assembly_gives_it()
        {
            using (var fixture = new PackerFixture())
            {
                var source = fixture.Load();
                var types = source.Under("PluginAssemblies").SelectMany(a => a.Value.Descendants("PluginType"))
                    .ToDictionary(t => (string)t.Attribute("PluginTypeId"), t => (string)t.Attribute("Name"));
                var api = source.Get("customapis/cx_PreviewTier/customapi.xml").Root;
                Assert.Equal(typeof(PreviewTierApi).FullName, types[(string)api.Element("plugintypeid").Element("plugintypeid")]);
                foreach (var step in source.Under("SdkMessageProcessingSteps").Select(s => s.Value.Root))
                    Assert.StartsWith(types[(string)step.Element("PluginTypeId")] + ",", (string)step.Element("PluginTypeName"));
            }
        }

        [Fact]
        public void Create_steps_take_their_images_from_Id_and_the_others_from_their_message_parameter()
        {
            using (var fixture = new PackerFixture())
            {
                var images = fixture.Load().Under("SdkMessageProcessingSteps").Select(s => s.Value.Root)
                    .SelectMany(s => s.Descendants("MessagePropertyName").Select(p => ((string)s.Attribute("Name")).Split(": ")[1].Split(' ')[0] + " " + (string)p))
                    .Distinct().OrderBy(x => x).ToList();
                Assert.Equal(new[] { "Create Id", "Delete Target", "SetState EntityMoniker", "Update Target" }, images);
            }
        }

        [Fact]
        public void Generate_restores_what_was_edited_and_removes_what_nobody_declares()
        {
            using (var fixture = new PackerFixture())
            {
                var step = fixture.FirstFile("SdkMessageProcessingSteps", "ValidateSettings: Update");
                fixture.Edit(step, s => s.Replace("<Rank>1</Rank>", "<Rank>3</Rank>"));
                File.Delete(fixture.File("customapis/cx_StartRecalculation/customapirequestparameters/Rebuild/customapirequestparameter.xml"));
                var stale = fixture.File("SdkMessageProcessingSteps/{00000000-0000-0000-0000-000000000001}.xml");
                File.Copy(fixture.File(step), stale);
                // A retired Custom API: its files go, and so do its folders (an empty one would read as a broken API).
                var retired = fixture.File("customapis/cx_Retired/customapirequestparameters/Old");
                Directory.CreateDirectory(retired);
                File.Copy(fixture.File("customapis/cx_StartRecalculation/customapirequestparameters/PageSize/customapirequestparameter.xml"), Path.Combine(retired, "customapirequestparameter.xml"));

                var changed = fixture.Generated().Write().Select(p => Path.GetFileName(p)).ToList();

                Assert.Contains(Path.GetFileName(step), changed);
                Assert.Contains("customapirequestparameter.xml", changed);
                Assert.False(File.Exists(stale));
                Assert.False(Directory.Exists(fixture.File("customapis/cx_Retired")));
                Assert.Empty(fixture.Generated().Compare());
                Assert.Equal("1", (string)XDocument.Load(fixture.File(step)).Root.Element("Rank"));
            }
        }

        [Fact]
        public void Ids_derive_from_names_so_a_regenerated_component_keeps_its_id()
        {
            var id = StableId.For("step", "CrmExtensions.Plugins.Steps.ValidateSettings: Create of cx_setting");
            Assert.Equal(id, StableId.For("step", "CrmExtensions.Plugins.Steps.ValidateSettings: Create of cx_setting"));
            Assert.NotEqual(id, StableId.For("step", "CrmExtensions.Plugins.Steps.ValidateSettings: Update of cx_setting"));
            Assert.NotEqual(id, StableId.For("stepimage", "CrmExtensions.Plugins.Steps.ValidateSettings: Create of cx_setting"));
            Assert.Equal('5', id.ToString("D")[14]);
        }
    }
}
