using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// Microsoft's plug-in guidance: no batch request types in plug-ins and workflow activities. Both assemblies the
    /// solution carries into Dataverse (the domain is compiled into the plug-in assembly) are scanned for a reference to a batch request class and for
    /// a batch message named as a string (an untyped OrganizationRequest("ExecuteMultiple")).
    /// </summary>
    public class BatchRequestTests
    {
        private static readonly string[] BatchMessages = { "ExecuteMultiple", "ExecuteTransaction", "CreateMultiple", "UpdateMultiple", "UpsertMultiple", "DeleteMultiple" };

        /// <summary>Type references to a batch request class and string literals naming a batch message, as "where: what".</summary>
        public static IReadOnlyList<string> BatchUses(string assembly)
        {
            var found = new List<string>();
            using (var stream = File.OpenRead(assembly))
            using (var pe = new PEReader(stream))
            {
                var reader = pe.GetMetadataReader();
                foreach (var handle in reader.TypeReferences)
                {
                    var type = reader.GetTypeReference(handle);
                    var name = reader.GetString(type.Name);
                    if (BatchMessages.Any(m => name == m + "Request")) found.Add($"type reference: {reader.GetString(type.Namespace)}.{name}");
                }
                for (var offset = 1; offset < reader.GetHeapSize(HeapIndex.UserString);)
                {
                    var handle = MetadataTokens.UserStringHandle(offset);
                    var text = reader.GetUserString(handle);
                    if (BatchMessages.Contains(text)) found.Add($"string literal: \"{text}\"");
                    var next = reader.GetNextHandle(handle);
                    if (next.IsNil) break;
                    offset = MetadataTokens.GetHeapOffset(next);
                }
            }
            return found;
        }

        [Fact]
        public void No_assembly_that_runs_inside_dataverse_uses_a_batch_request()
        {
            using (var fixture = new PackerFixture())
            {
                var assemblies = new[] { fixture.PluginAssembly, fixture.WorkflowAssembly };
                Assert.All(assemblies, a => Assert.True(File.Exists(a), a + " was not built"));
                foreach (var assembly in assemblies) Assert.Equal(new string[0], BatchUses(assembly).Select(u => Path.GetFileName(assembly) + ": " + u));
            }
        }

        [Fact]
        public void The_scan_finds_a_batch_request_where_one_is_used()
        {
            // The in-memory host implements ExecuteMultiple, so it names the request class: the scan must see it.
            var host = typeof(CrmExtensions.Dataverse.InMemory.InMemoryDataverse).Assembly.Location;
            Assert.Contains(BatchUses(host), u => u.Contains("ExecuteMultipleRequest") || u.Contains("\"ExecuteMultiple\""));
        }
    }
}
