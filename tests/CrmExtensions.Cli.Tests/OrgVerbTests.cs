using System;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Cli.Deployment;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// The verbs that work on an org, run as a user would type them, against the in-memory host with the solution's
    /// registrations: the connection hands back the host's service, and each wait lets its asynchronous service run two system jobs.
    /// </summary>
    public class OrgVerbTests
    {
        private const string Connection = "AuthType=ClientSecret;Url=https://test.crm.dynamics.com;ClientId=x;ClientSecret=y";
        private static readonly DateTime AsOf = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        private static readonly RepositoryLayout Layout = RepositoryLayout.Find();
        private readonly InMemoryDataverse _host = new InMemoryDataverse(AsOf);

        public OrgVerbTests()
        {
            ProductFolders.LoadInto(_host, Layout.SolutionSource);
            _host.AsyncWorkers = 2;
            for (var i = 0; i < 40; i++)
            {
                var account = new Entity(Account.EntityLogicalName) { [Account.Name] = "Customer " + i };
                _host.Seed(account);
                for (var m = 0; m < 1 + i % 6; m++)
                    _host.Seed(new Entity(SalesOrder.EntityLogicalName)
                    {
                        [SalesOrder.Customer] = account.ToEntityReference(),
                        [SalesOrder.TotalAmount] = new Money(300m + 400m * (i % 9)),
                        [SalesOrder.TotalDiscountAmount] = new Money(0m),
                        [Common.OverriddenCreatedOn] = AsOf.AddMonths(-2 * m).AddDays(-1),
                    });
            }
        }

        private (int Code, string Output) Run(params string[] args) => Run(_host, args);

        private static (int Code, string Output) Run(InMemoryDataverse host, params string[] args)
        {
            var writer = new StringWriter();
            var context = CliContext.ForWriter(writer, connectionString =>
            {
                Assert.Equal(Connection, connectionString);
                return host.GetService();
            }, _ => host.ProcessAsyncQueue(maxJobs: 2), Layout);
            var code = CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context, args);
            return (code, writer.ToString());
        }

        private int Evaluated() => _host.Store.Rows(Account.EntityLogicalName).Count(a => a.Contains(CustomerColumns.LastEvaluatedOn));

        [Fact]
        public void Recalc_starts_a_job_follows_it_to_the_end_and_says_how_it_went()
        {
            var (code, output) = Run("recalc", "--connection", Connection, "--page-size", "10", "--name", "First evaluation");

            Assert.Equal(0, code);
            Assert.Contains("Started recalculation job", output);
            // Each wait lets two system jobs run: the lines show the pages being done.
            Assert.Contains("First evaluation: Queued, 0/0 customers", output);
            Assert.Contains("First evaluation: Running, 10/40 customers (0 failed), 1/4 pages", output);
            Assert.Contains("Completed: 40 of 40 customers done, 0 failed, 4 pages", output);
            Assert.Equal(40, Evaluated());
        }

        [Fact]
        public void Recalc_prints_the_failures_and_exits_non_zero_when_customers_failed()
        {
            var bad = _host.Store.Rows(Account.EntityLogicalName).First();
            _host.Seed(new Entity(CxSurveyResponse.EntityLogicalName)
            {
                [CxSurveyResponse.Customer] = bad.ToEntityReference(),
                [CxSurveyResponse.Score] = 9m,
                [CxSurveyResponse.AnsweredOn] = AsOf.AddDays(-2),
            });

            var (code, output) = Run("recalc", "-c", Connection);

            Assert.Equal(1, code);
            Assert.Contains("CompletedWithFailures: 39 of 40 customers done, 1 failed", output);
            Assert.Contains("First errors:", output);
            Assert.Contains($"account {bad.Id}: Survey score 9 is outside 0–5", output);
        }

        [Fact]
        public void Recalc_can_start_without_waiting_and_follow_the_job_later()
        {
            var (code, output) = Run("recalc", "-c", Connection, "--no-wait");
            Assert.Equal(0, code);
            Assert.Equal(0, Evaluated());
            var id = output.Trim().Split(' ').Last().TrimEnd('.');

            var (followed, report) = Run("recalc", "-c", Connection, "--follow", id);
            Assert.Equal(0, followed);
            Assert.Contains("Completed: 40 of 40 customers done", report);
            Assert.Equal(40, Evaluated());
        }

        [Fact]
        public void Recalc_refreshes_only_customers_not_evaluated_for_the_hours_given()
        {
            Run("recalc", "-c", Connection);
            // The refresh's cut-off is the real clock's now minus the hours; everyone was evaluated on the host's date.
            var (code, output) = Run("recalc", "-c", Connection, "--not-evaluated-for", "1");
            Assert.Equal(0, code);
            Assert.Contains(AsOf < DateTime.UtcNow.AddHours(-1) ? "40 of 40 customers" : "0 of 0 customers", output);
        }

        [Fact]
        public void Report_reads_the_evaluated_customers_from_the_org()
        {
            Run("recalc", "-c", Connection);
            var (code, output) = Run("report", "-c", Connection);
            Assert.Equal(0, code);
            Assert.Contains("== Tier distribution and value matrix", output);
            Assert.Contains("== KPIs per lifecycle phase", output);
            var tiers = _host.Store.Rows(Account.EntityLogicalName).GroupBy(a => a.GetAttributeValue<OptionSetValue>(CustomerColumns.Tier).Value).ToDictionary(g => g.Key, g => g.Count());
            foreach (var tier in Enum.GetValues(typeof(Domain.Value.ValueTier)).Cast<Domain.Value.ValueTier>())
                Assert.Contains($"| {tier,-8} | {(tiers.TryGetValue(Choice.ToOption(tier), out var n) ? n : 0),-9} |", output);
        }

        [Fact]
        public void The_report_of_an_org_without_customer_service_says_complaints_are_not_tracked()
        {
            var salesOnly = new InMemoryDataverse(AsOf, new[] { PlatformApps.Sales, PlatformApps.ProductManagement });
            ProductFolders.LoadInto(salesOnly, Layout.SolutionSource);
            Assert.False(salesOnly.HasSolution(ProductSolutions.Service));
            var account = new Entity(Account.EntityLogicalName) { [Account.Name] = "Contoso" };
            salesOnly.Seed(account);
            Run(salesOnly, "recalc", "-c", Connection);
            var (code, output) = Run(salesOnly, "report", "-c", Connection);
            Assert.Equal(0, code);
            Assert.Contains("Complaints are not tracked in this org: CrmExtensionsService (complaints from cases) needs Dynamics 365 Customer Service", output);
            Assert.DoesNotContain("Complaints are not tracked", Run("report", "-c", Connection).Output);
        }

        [Fact]
        public void Deploy_imports_the_zip_in_the_background_waits_for_it_and_publishes()
        {
            using (var fixture = new PackerFixture())
            {
                var zip = fixture.Pack(managed: true);
                var (code, output) = Run("deploy", "-c", Connection, "--zip", zip, "--async", "--poll-seconds", "1", "--publish-changes");

                Assert.Equal(0, code);
                Assert.Contains("  0%\n  100%\nImported in", output.Replace("\r", ""));
                Assert.Contains("Published.", output);
                var solution = Assert.Single(_host.Store.Rows("solution"), s => (string)s["uniquename"] == "CrmExtensions");
                Assert.Equal("CrmExtensions", solution["uniquename"]);
                Assert.Equal("1.0.0.0", solution["version"]);
                Assert.True((bool)solution["ismanaged"]);
                Assert.Equal(1, _host.Calls.For("ExecuteAsync"));
                Assert.Equal(1, _host.Calls.For("PublishAllXml"));
            }
        }

        [Fact]
        public void Deploy_imports_the_core_then_the_service_part_and_skips_the_service_part_where_the_org_has_no_customer_service()
        {
            using (var fixture = new PackerFixture())
            {
                var zips = new[] { fixture.Pack(managed: true), fixture.PackService(managed: true) };
                var full = new InMemoryDataverse(AsOf);
                var salesOnly = new InMemoryDataverse(AsOf, new[] { PlatformApps.Sales, PlatformApps.ProductManagement });
                foreach (var org in new[] { full, salesOnly })
                {
                    var output = new StringWriter();
                    var context = CliContext.ForWriter(output, _ => org.GetService(), _ => org.ProcessAsyncQueue(), Layout);
                    Assert.Equal(0, DeployVerb.Deploy(context, org.GetService(), zips, new ImportSettings()));
                    Assert.Contains("Imported in", output.ToString());
                    Assert.True(org.HasSolution(ProductSolutions.Core));
                    Assert.Equal(org == full, org.HasSolution(ProductSolutions.Service));
                    if (org == salesOnly)
                        Assert.Contains("Not importing CrmExtensionsService: this org has no Dynamics 365 Customer Service (msdynce_Service). Everything else works", output.ToString());
                }
            }
        }

        [Fact]
        public void The_service_part_alone_is_refused_before_anything_is_imported()
        {
            using (var fixture = new PackerFixture())
            {
                var org = new InMemoryDataverse(AsOf);
                var output = new StringWriter();
                var context = CliContext.ForWriter(output, _ => org.GetService(), _ => org.ProcessAsyncQueue(), Layout);
                var refusal = Assert.Throws<VerbFailure>(() => DeployVerb.Deploy(context, org.GetService(), new[] { fixture.PackService(managed: true) }, new ImportSettings()));
                Assert.Equal(ExitCode.BadInput, refusal.ExitCode);
                Assert.Contains("CrmExtensionsService needs CrmExtensions, which this org does not have: nothing was imported", refusal.Message);
                Assert.Equal(0, org.Calls.For("ExecuteAsync"));
                // The org refuses it too, with the missing dependencies named, should a tool skip the check.
                var refused = Assert.ThrowsAny<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => org.GetService().Execute(
                    new Microsoft.Crm.Sdk.Messages.ImportSolutionRequest { CustomizationFile = File.ReadAllBytes(fixture.PackService(managed: true)) }));
                Assert.Contains("The following solution cannot be imported: CrmExtensionsService. Some dependencies are missing.", refused.Message);
                Assert.Contains("solution=\"CrmExtensions (1.0.0.0)\"", refused.Message);
            }
        }

        [Fact]
        public void Deploy_refuses_a_lower_version_than_the_installed_one_before_uploading_anything()
        {
            using (var fixture = new PackerFixture())
            {
                fixture.Edit("Other/Solution.xml", x => x.Replace("<Version>1.0.0.0</Version>", "<Version>2.0.0.0</Version>"));
                Assert.Equal(0, Run("deploy", "-c", Connection, "--zip", fixture.Pack(managed: true)).Code);
                fixture.Edit("Other/Solution.xml", x => x.Replace("<Version>2.0.0.0</Version>", "<Version>1.0.0.0</Version>"));
                var older = fixture.Pack(managed: true);
                var imports = _host.Calls.For("ImportSolution");

                var (code, output) = Run("deploy", "-c", Connection, "--zip", older, "--async");

                Assert.Equal(ExitCode.BadInput, code);
                var error = Assert.Single(output.Replace("\r", "").Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
                Assert.Equal("error: CrmExtensions 1.0.0.0 is older than the installed 2.0.0.0: Dataverse does not import a lower version; nothing was imported.", error);
                Assert.Contains("hint: deploy the zips of the installed version or a later one.", output);
                Assert.DoesNotContain("Importing", output);
                Assert.Equal(imports, _host.Calls.For("ImportSolution"));
                Assert.Equal(0, _host.Calls.For("ExecuteAsync"));
                Assert.Equal("2.0.0.0", Assert.Single(_host.Store.Rows("solution"), s => (string)s["uniquename"] == "CrmExtensions")["version"]);
            }
        }

        [Fact]
        public void Deploy_prints_the_component_an_import_fails_on_with_its_error_from_the_import_job_and_exits_1()
        {
            using (var fixture = new PackerFixture())
            {
                // A step whose plug-in type the assembly no longer defines (a class renamed without regenerating the steps).
                var step = fixture.FirstFile("SdkMessageProcessingSteps", "ValidateSettings");
                var name = (string)System.Xml.Linq.XDocument.Load(fixture.File(step)).Root.Attribute("Name");
                var missing = Guid.NewGuid();
                fixture.Edit(step, x => System.Text.RegularExpressions.Regex.Replace(x, "<PluginTypeId>[^<]*</PluginTypeId>", $"<PluginTypeId>{missing}</PluginTypeId>"));
                var org = new InMemoryDataverse(AsOf);

                var (code, output) = Run(org, "deploy", "-c", Connection, "--zip", fixture.Pack(managed: true), "--async", "--poll-seconds", "1", "--publish-changes");

                Assert.Equal(ExitCode.WorkFailed, code);
                Assert.Contains($"failed: plugintype With Id = {missing} Does Not Exist", output);
                Assert.Contains($"\n  SdkMessageProcessingStep {name}: plugintype With Id = {missing} Does Not Exist (0x80040217)\n", output.Replace("\r", ""));
                Assert.DoesNotContain("  entity ", output);
                Assert.False(org.HasSolution(ProductSolutions.Core));
                Assert.Equal(0, org.Calls.For("PublishAllXml"));
            }
        }

        [Fact]
        public void Deploy_reports_an_import_the_org_refuses_and_does_not_publish()
        {
            var notAZip = Path.GetTempFileName();
            File.WriteAllText(notAZip, "not a solution");
            try
            {
                var (code, output) = Run("deploy", "-c", Connection, "--zip", notAZip, "--publish-changes");
                Assert.Equal(1, code);
                Assert.Contains("failed: The solution file is not a zip", output);
                Assert.Equal(0, _host.Calls.For("PublishAllXml"));
            }
            finally
            {
                File.Delete(notAZip);
            }
        }

        [Fact]
        public void A_verb_on_an_org_without_a_connection_string_says_how_to_give_one()
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CrmExtensions.Cli.Connection.DataverseConnection.EnvironmentVariable))) return;
            var (code, output) = Run("report");
            Assert.Equal(2, code);
            Assert.Contains("error: no connection: pass --connection or set CRMEXT_CONNECTION", output);
        }
    }
}
