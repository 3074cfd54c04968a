using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Plugins.CustomApis.Contracts;
using Newtonsoft.Json.Linq;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// The nightly refresh ships as a solution-aware cloud flow: its definition calls the real Custom API with parameters
    /// the contract declares, through the connection reference the solution carries, and it travels in the zip.
    /// </summary>
    public class NightlyFlowTests
    {
        private static readonly RepositoryLayout Layout = RepositoryLayout.Find();

        private static (XElement Data, JObject Definition) Flow()
        {
            var data = Directory.GetFiles(Path.Combine(Layout.SolutionSource, "Workflows"), "*.json.data.xml").Select(f => XDocument.Load(f).Root).Single();
            var json = JObject.Parse(File.ReadAllText(Path.Combine(Layout.SolutionSource, ((string)data.Element("JsonFileName")).TrimStart('/'))));
            return (data, json);
        }

        [Fact]
        public void The_flow_starts_jobs_through_the_custom_api_with_declared_parameters_only()
        {
            var (data, flow) = Flow();
            Assert.Equal("5", (string)data.Element("Category")); // a modern (cloud) flow
            Assert.Equal("0", (string)data.Element("StateCode")); // ships off: the admin sets the connection and turns it on
            var definition = (JObject)flow["properties"]["definition"];
            Assert.Equal("Recurrence", (string)definition["triggers"].Values().Single()["type"]);
            Assert.Equal("Day", (string)definition["triggers"].Values().Single()["recurrence"]["frequency"]);

            var declared = typeof(StartRecalculationRequest).GetProperties().Where(p => p.GetCustomAttributes(typeof(ParameterAttribute), true).Any()).Select(p => p.Name).ToList();
            var actions = definition["actions"].Values().ToList();
            Assert.Equal(2, actions.Count);
            foreach (var action in actions)
            {
                Assert.Equal("PerformUnboundAction", (string)action["inputs"]["host"]["operationId"]);
                var parameters = (JObject)action["inputs"]["parameters"];
                Assert.Equal(StartRecalculationRequest.ApiName, (string)parameters["actionName"]);
                Assert.All(parameters.Properties().Where(p => p.Name != "actionName"), p => Assert.Contains(p.Name.Substring("item/".Length), declared));
                // Every customer read in full each night, so a fact an event never delivered is restored (NightlyRepairTests).
                Assert.True((bool)parameters["item/Rebuild"]);
                Assert.Null(parameters["item/EvaluatedBefore"]);
            }
            Assert.Equal(new[] { "account", "contact" }, actions.Select(a => (string)a["inputs"]["parameters"]["item/TableName"]));
        }

        [Fact]
        public void The_flow_uses_the_dataverse_connection_reference_the_solution_carries()
        {
            var (_, flow) = Flow();
            var references = XDocument.Load(Path.Combine(Layout.SolutionSource, "Other", "Customizations.xml")).Root.Element("connectionreferences").Elements("connectionreference").ToList();
            foreach (var used in ((JObject)flow["properties"]["connectionReferences"]).Properties())
            {
                var name = (string)used.Value["connection"]["connectionReferenceLogicalName"];
                var reference = Assert.Single(references, r => (string)r.Attribute("connectionreferencelogicalname") == name);
                Assert.Equal("/providers/Microsoft.PowerApps/apis/" + (string)used.Value["api"]["name"], (string)reference.Element("connectorid"));
            }
        }

        [Fact]
        public void The_zip_carries_the_flow_its_definition_and_its_connection_reference()
        {
            var (data, _) = Flow();
            using (var fixture = new PackerFixture())
            using (var zip = ZipFile.OpenRead(fixture.Pack(managed: true)))
            {
                var json = ((string)data.Element("JsonFileName")).TrimStart('/');
                Assert.Contains(zip.Entries, e => e.FullName == json);
                var customizations = XDocument.Load(zip.GetEntry("customizations.xml").Open()).Root;
                Assert.Equal((string)data.Attribute("WorkflowId"), (string)customizations.Element("Workflows").Element("Workflow").Attribute("WorkflowId"));
                Assert.Single(customizations.Element("connectionreferences").Elements("connectionreference"));
                var roots = XDocument.Load(zip.GetEntry("solution.xml").Open()).Descendants("RootComponent");
                Assert.Contains(roots, r => (string)r.Attribute("type") == "29" && Guid.Parse((string)r.Attribute("id")) == Guid.Parse((string)data.Attribute("WorkflowId")));
            }
        }
    }
}
