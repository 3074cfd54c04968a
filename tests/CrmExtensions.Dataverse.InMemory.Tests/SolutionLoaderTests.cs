using System;
using System.IO;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    public class SolutionLoaderTests
    {
        private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "solution");

        [Fact]
        public void Steps_and_custom_apis_are_read_from_solution_source_and_fire()
        {
            var host = new InMemoryDataverse();
            var loaded = host.LoadSolution(Fixture, typeof(RecordOnly).Assembly);

            var step = loaded.Steps.Single();
            Assert.Equal("Update", step.Message);
            Assert.Equal(PipelineStage.PostOperation, step.Stage);
            Assert.Equal(2, step.Rank);
            Assert.Equal("from-solution", step.UnsecureConfiguration);
            Assert.True(step.FilteringAttributes.SetEquals(new[] { "name", "revenue" }));
            Assert.Equal("PreImage", step.Images.Single().Alias);

            var recorder = Recorder.New();
            step.UnsecureConfiguration = recorder.Key;
            var account = new Entity("account") { ["name"] = "Old", ["telephone1"] = "1" };
            host.Seed(account);
            host.GetService().Update(new Entity("account", account.Id) { ["telephone1"] = "2" });
            Assert.Empty(recorder.Events);
            host.GetService().Update(new Entity("account", account.Id) { ["name"] = "New" });
            Assert.Equal("Old", recorder.Contexts.Single().PreEntityImages["PreImage"].GetAttributeValue<string>("name"));

            var api = loaded.CustomApis.Single();
            Assert.Equal("Text", api.RequestParameters.Single().UniqueName);
            Assert.Equal("HI@30", host.GetService().Execute(new OrganizationRequest("cx_Echo") { ["Text"] = "hi" })["Echo"]);
        }

        private const string Update = "<SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>";
        private const string Create = "<SdkMessageId>9ebdbb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>";
        private const string Delete = "<SdkMessageId>a1bdbb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>";
        private const string FixtureAssembly = ", CrmExtensions.Dataverse.InMemory.Tests, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null";
        private const string FixtureTypeId = "<PluginTypeId>0b0f6c55-1f43-4f7e-9d55-3d3f1a2b00b1</PluginTypeId>";
        private const string RecordOnlyType = "<PluginTypeName>CrmExtensions.Dataverse.InMemory.Tests.RecordOnly" + FixtureAssembly + "</PluginTypeName>" + FixtureTypeId;
        private const string StepX = "<SdkMessageProcessingStep Name='x' SdkMessageProcessingStepId='{00000000-0000-0000-0000-0000000000a1}'>";
        private const string Sync40 = "<Stage>40</Stage><Mode>0</Mode>";
        private const string End = "</SdkMessageProcessingStep>";

        private const string ImageStart = "<SdkMessageProcessingStepImages><SdkMessageProcessingStepImage><EntityAlias>Image</EntityAlias>";
        private const string ImageEnd = "</SdkMessageProcessingStepImage></SdkMessageProcessingStepImages>";
        private const string PostImageOfTarget = ImageStart + "<ImageType>1</ImageType><MessagePropertyName>Target</MessagePropertyName>" + ImageEnd;
        private const string PreImageOfId = ImageStart + "<ImageType>0</ImageType><MessagePropertyName>Id</MessagePropertyName>" + ImageEnd;

        [Theory]
        [InlineData("<SdkMessageProcessingStep Name='x'>" + Update, "malformed XML")]
        [InlineData("<SdkMessageProcessingStep Name='x'><SdkMessageId>00000000-0000-0000-0000-000000000001</SdkMessageId></SdkMessageProcessingStep>", "is not a platform message")]
        [InlineData(StepX + Update + "<PluginTypeName>CrmExtensions.Dataverse.InMemory.Tests.RecordOnly</PluginTypeName>" +
            "<PluginTypeId>CrmExtensions.Dataverse.InMemory.Tests.RecordOnly</PluginTypeId>" + Sync40 + End,
            "plug-in type 'CrmExtensions.Dataverse.InMemory.Tests.RecordOnly' is not defined under PluginAssemblies/")]
        [InlineData(StepX + Update + "<PluginTypeName>CrmExtensions.Dataverse.InMemory.Tests.EchoApi" + FixtureAssembly + "</PluginTypeName>" + FixtureTypeId + Sync40 + End,
            "is not the plug-in type 0b0f6c55-1f43-4f7e-9d55-3d3f1a2b00b1")]
        [InlineData(StepX + Update + RecordOnlyType + "<Stage>20</Stage><Mode>1</Mode>" + End, "asynchronous steps must be registered on PostOperation")]
        [InlineData(StepX + Update + RecordOnlyType + "<Stage>later</Stage><Mode>0</Mode>" + End, "<Stage> must be a whole number, not 'later'")]
        [InlineData(StepX + Create + RecordOnlyType + Sync40 + PostImageOfTarget + End, "image 'Image' of a Create step is taken from 'Id', not 'Target'")]
        [InlineData(StepX + Create + RecordOnlyType + Sync40 + PreImageOfId + End, "a Create step has no pre-image")]
        [InlineData(StepX + Delete + RecordOnlyType + Sync40 + PostImageOfTarget + End, "post-image 'Image' needs a PostOperation step of a message that leaves a record")]
        public void Broken_registrations_get_a_message_naming_file_and_problem(string xml, string expected)
        {
            var dir = Path.Combine(Path.GetTempPath(), "cx-loader-" + Guid.NewGuid().ToString("N"));
            CopyPluginAssemblies(dir);
            Directory.CreateDirectory(Path.Combine(dir, "SdkMessageProcessingSteps"));
            var file = Path.Combine(dir, "SdkMessageProcessingSteps", "{step}.xml");
            File.WriteAllText(file, xml);
            try
            {
                var error = Assert.Throws<InvalidDataException>(() => SolutionRegistrationLoader.Load(dir, typeof(RecordOnly).Assembly));
                Assert.Contains(expected, error.Message);
                Assert.StartsWith(file, error.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void A_custom_api_naming_its_plugin_type_by_class_name_is_refused_as_an_import_would()
        {
            var dir = Path.Combine(Path.GetTempPath(), "cx-loader-" + Guid.NewGuid().ToString("N"));
            CopyPluginAssemblies(dir);
            var api = Path.Combine(dir, "customapis", "cx_Echo");
            Directory.CreateDirectory(api);
            File.WriteAllText(Path.Combine(api, "customapi.xml"), File.ReadAllText(Path.Combine(Fixture, "customapis", "cx_Echo", "customapi.xml"))
                .Replace("0b0f6c55-1f43-4f7e-9d55-3d3f1a2b00b2", "CrmExtensions.Dataverse.InMemory.Tests.EchoApi"));
            try
            {
                var error = Assert.Throws<InvalidDataException>(() => SolutionRegistrationLoader.Load(dir, typeof(RecordOnly).Assembly));
                Assert.Contains("plug-in type 'CrmExtensions.Dataverse.InMemory.Tests.EchoApi' is not defined under PluginAssemblies/", error.Message);
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        private static void CopyPluginAssemblies(string dir)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Fixture, "PluginAssemblies"), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(dir, Path.GetRelativePath(Fixture, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(file, target);
            }
        }
    }
}
