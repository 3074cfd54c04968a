using System;
using System.IO;
using CrmExtensions.Cli.Deployment;
using CrmExtensions.Dataverse.InMemory;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>deploy's import as the org reports it: the import job's progress in percent, and on failure its log's failing components.</summary>
    public class DeployImportTests
    {
        private static readonly DateTime AsOf = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

        [Fact]
        public void An_async_import_prints_the_import_jobs_progress_and_the_failing_components_of_its_log()
        {
            using (var fixture = new PackerFixture())
            {
                var org = new InMemoryDataverse(AsOf);
                var output = new StringWriter();
                var context = CliContext.ForWriter(output, _ => org.GetService(), _ => org.ProcessAsyncQueue(), fixture.Layout);
                // The service part without the core: the pre-flight would stop it, so the import goes straight to the org, which fails it.
                var imported = new SolutionImport(context, org.GetService(), new ImportSettings { Async = true }).Run(fixture.PackService(managed: true));

                Assert.False(imported);
                var text = output.ToString().Replace("\r", "");
                Assert.Contains("(async)...\n  0%\n  100%\n", text);
                Assert.Contains("failed: The following solution cannot be imported: CrmExtensionsService. Some dependencies are missing.", text);
                Assert.Contains("  solutionManifest CrmExtensionsService: The following solution cannot be imported", text);
                Assert.Contains("(0x80040203)", text);
            }
        }

        [Fact]
        public void A_waited_import_succeeds_with_every_table_logged_as_imported()
        {
            using (var fixture = new PackerFixture())
            {
                var org = new InMemoryDataverse(AsOf);
                var output = new StringWriter();
                var context = CliContext.ForWriter(output, _ => org.GetService(), _ => org.ProcessAsyncQueue(), fixture.Layout);
                Assert.True(new SolutionImport(context, org.GetService(), new ImportSettings()).Run(fixture.Pack(managed: false)));
                Assert.Contains("  100%\nImported in", output.ToString().Replace("\r", ""));
                Assert.True(org.HasSolution("CrmExtensions"));
            }
        }

        [Fact]
        public void The_import_log_names_each_failing_component_with_its_error_as_dataverse_writes_it()
        {
            const string data = "<importexportxml start=\"1\" stop=\"2\" progress=\"100\" processed=\"true\"><solutionManifests>" +
                "<solutionManifest languagecode=\"1033\" id=\"CrmExtensions\" LocalizedName=\"CrmExtensions\" processed=\"true\">" +
                "<result result=\"success\" errorcode=\"0\" errortext=\"\"/></solutionManifest>" +
                "</solutionManifests><entities><entity id=\"{1}\" LocalizedName=\"Account\" OriginalName=\"Account\" processed=\"true\">" +
                "<result result=\"success\" errorcode=\"0\" errortext=\"\"/></entity>" +
                "<entity id=\"{2}\" LocalizedName=\"Facts ledger\" OriginalName=\"Facts ledger\" processed=\"true\">" +
                "<result result=\"failure\" errorcode=\"0x80048403\" errortext=\"Attribute cx_ledger is a Memo, but a String type was specified.\"/></entity></entities>" +
                "<optionSets><optionSet id=\"cx_tier\" LocalizedName=\"Tier\">" +
                "<result result=\"failure\" errorcode=\"0x8004701C\" errortext=\"Option value 4 is used twice.\"/></optionSet></optionSets></importexportxml>";

            Assert.Equal(new[]
            {
                "entity Facts ledger: Attribute cx_ledger is a Memo, but a String type was specified. (0x80048403)",
                "optionSet Tier: Option value 4 is used twice. (0x8004701C)",
            }, ImportLog.Failures(data));
            Assert.Empty(ImportLog.Failures(null));
            Assert.Empty(ImportLog.Failures("not xml"));
        }
    }
}
