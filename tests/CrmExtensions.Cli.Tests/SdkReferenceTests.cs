using System;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// What Dataverse loads must bind to the SDK the sandbox provides: Microsoft.Xrm.Sdk 9.0.0.0 signed by Microsoft,
    /// compiled from Microsoft.CrmSdk.CoreAssemblies, and never a copy of it next to our assemblies.
    /// </summary>
    public class SdkReferenceTests
    {
        private const string MicrosoftToken = "31bf3856ad364e35";

        [Fact]
        public void The_net462_plugin_assembly_references_microsofts_signed_sdk()
        {
            using (var fixture = new PackerFixture())
            {
                var references = References(fixture.PluginAssembly);
                Assert.Contains("Microsoft.Xrm.Sdk, 9.0.0.0, " + MicrosoftToken, references);
                Assert.All(references.Where(r => r.StartsWith("Microsoft.Xrm.", StringComparison.Ordinal) || r.StartsWith("Microsoft.Crm.", StringComparison.Ordinal)),
                    r => Assert.EndsWith(", 9.0.0.0, " + MicrosoftToken, r));
            }
        }

        [Fact]
        public void The_net462_build_output_carries_no_sdk_assembly_to_package()
        {
            using (var fixture = new PackerFixture())
            {
                var files = Directory.GetFiles(Path.GetDirectoryName(fixture.PluginAssembly), "*.dll").Select(Path.GetFileName).ToList();
                Assert.DoesNotContain(files, f => f.StartsWith("Microsoft.Xrm.", StringComparison.Ordinal) || f.StartsWith("Microsoft.Crm.", StringComparison.Ordinal));
            }
        }

        /// <summary>
        /// The domain core may reference nothing but the .NET Framework 4.6.2 (signed by Microsoft): no JSON library, no
        /// System.ValueTuple, which 4.6.2 lacks. Nor does the plugin assembly reference a JSON library.
        /// </summary>
        [Fact]
        public void The_net462_domain_assembly_references_only_the_framework_and_no_assembly_references_newtonsoft()
        {
            using (var fixture = new PackerFixture())
            {
                var framework = new[] { "mscorlib", "System", "System.Core", "System.Runtime.Serialization", "System.Xml", "System.Xml.Linq" };
                var domain = References(Path.Combine(Path.GetDirectoryName(fixture.PluginAssembly), "CrmExtensions.Domain.dll"));
                Assert.All(domain, r => Assert.Contains(r.Split(',')[0], framework));
                Assert.All(domain, r => Assert.True(r.EndsWith(", 4.0.0.0, b77a5c561934e089", StringComparison.Ordinal) || r.EndsWith(", 4.0.0.0, " + MicrosoftToken, StringComparison.Ordinal), r));
                Assert.DoesNotContain(References(fixture.PluginAssembly), r => r.StartsWith("Newtonsoft.", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void The_workflow_assembly_is_signed_and_references_only_the_framework_and_microsofts_sdk()
        {
            using (var fixture = new PackerFixture())
            {
                var workflow = new PluginAssemblyInfo(fixture.WorkflowAssembly);
                Assert.NotEmpty(workflow.PublicKeyToken);
                var references = References(fixture.WorkflowAssembly);
                Assert.Contains("Microsoft.Xrm.Sdk.Workflow, 9.0.0.0, " + MicrosoftToken, references);
                Assert.DoesNotContain(references, r => r.StartsWith("Newtonsoft.", StringComparison.Ordinal) || r.StartsWith("CrmExtensions.", StringComparison.Ordinal));
                Assert.Empty(new PluginAssemblyInfo(fixture.PluginAssembly).TypesDerivedFrom("System.Activities.CodeActivity"));
                Assert.Equal(3, workflow.TypesDerivedFrom("System.Activities.CodeActivity").Count());
            }
        }

        private static string[] References(string assembly)
        {
            using (var stream = File.OpenRead(assembly))
            using (var pe = new PEReader(stream))
            {
                var reader = pe.GetMetadataReader();
                return reader.AssemblyReferences.Select(h =>
                {
                    var reference = reader.GetAssemblyReference(h);
                    var token = reader.GetBlobBytes(reference.PublicKeyOrToken);
                    return $"{reader.GetString(reference.Name)}, {reference.Version}, {string.Concat(token.Select(b => b.ToString("x2")))}";
                }).ToArray();
            }
        }
    }
}
