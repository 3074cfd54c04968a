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

        [Theory]
        [InlineData("<SdkMessageProcessingStep Name='x'><SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId>", "malformed XML")]
        [InlineData("<SdkMessageProcessingStep Name='x'><SdkMessageId>00000000-0000-0000-0000-000000000001</SdkMessageId></SdkMessageProcessingStep>", "is not a platform message")]
        [InlineData("<SdkMessageProcessingStep Name='x'><SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId><PluginTypeName>No.Such.Type, CrmExtensions.Dataverse.InMemory.Tests</PluginTypeName><Stage>40</Stage><Mode>0</Mode></SdkMessageProcessingStep>", "plugin type 'No.Such.Type' was not found")]
        [InlineData("<SdkMessageProcessingStep Name='x'><SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId><PluginTypeName>CrmExtensions.Dataverse.InMemory.Tests.RecordOnly</PluginTypeName><Stage>20</Stage><Mode>1</Mode></SdkMessageProcessingStep>", "asynchronous steps must be registered on PostOperation")]
        [InlineData("<SdkMessageProcessingStep Name='x'><SdkMessageId>20bebb1b-ea3e-db11-86a7-000a3a5473e8</SdkMessageId><PluginTypeName>CrmExtensions.Dataverse.InMemory.Tests.RecordOnly</PluginTypeName><Stage>later</Stage><Mode>0</Mode></SdkMessageProcessingStep>", "<Stage> must be a whole number, not 'later'")]
        public void Broken_registrations_get_a_message_naming_file_and_problem(string xml, string expected)
        {
            var dir = Path.Combine(Path.GetTempPath(), "cx-loader-" + Guid.NewGuid().ToString("N"));
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
    }
}
