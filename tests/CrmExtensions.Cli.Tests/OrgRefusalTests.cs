using System;
using System.IO;
using System.Linq;
using System.ServiceModel.Security;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Plugins.Model;
using Microsoft.PowerPlatform.Dataverse.Client.Utils;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// A request or a login the org refuses ends the same way however it arrives: the host's fault, the
    /// DataverseOperationException of ServiceClient's Web API calls, ServiceClient's own SOAP fault or WCF's 401. Exit 2
    /// (deploy: the import failed, 1), the org's words in one line, a hint, no stack trace.
    /// </summary>
    public class OrgRefusalTests
    {
        private const string Connection = "AuthType=ClientSecret;Url=https://test.crm.dynamics.com;ClientId=x;ClientSecret=y";
        private readonly InMemoryDataverse _host = new InMemoryDataverse(new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc));

        public OrgRefusalTests() => ProductFolders.LoadInto(_host, RepositoryLayout.Find().SolutionSource);

        private static (int Code, string Output) Run(Func<IOrganizationService> org, params string[] args)
        {
            var writer = new StringWriter();
            var context = CliContext.ForWriter(writer, _ => org(), _ => { }, RepositoryLayout.Find());
            return (CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context, args), writer.ToString());
        }

        /// <summary>The host's service as the tests use it, or as ServiceClient's Web API calls would deliver its refusals.</summary>
        private IOrganizationService Service(bool webApi, Guid? user = null) => webApi ? new WebApiService(_host.GetService(user)) : _host.GetService(user);

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Recalc_following_a_job_the_org_does_not_have(bool webApi)
        {
            var job = Guid.NewGuid();
            var (code, output) = Run(() => Service(webApi), "recalc", "-c", Connection, "--follow", job.ToString());
            Assert.Equal(ExitCode.BadInput, code);
            VerbFailureTests.AssertOneClearLine(output, $"error: the org refused the request: cx_recalculationjob With Id = {job} Does Not Exist\n");
            Assert.Contains("hint: check the options against --help; the refused request changed nothing.", output);
        }

        [Theory]
        [InlineData(false, PlatformErrors.RequestsLimitExceeded, "Number of requests exceeded the limit of 6000 over time window of 300 seconds.")]
        [InlineData(true, PlatformErrors.RequestsLimitExceeded, "Number of requests exceeded the limit of 6000 over time window of 300 seconds.")]
        [InlineData(false, PlatformErrors.SqlTimeout, "SQL timeout expired.")]
        public void A_busy_org_is_work_that_failed_and_may_pass_later(bool webApi, int errorCode, string message)
        {
            _host.FaultInjector = (request, scope) => request.RequestName == "RetrieveMultiple" ? new DataverseFaultException(errorCode, message) : null;
            var (code, output) = Run(() => Service(webApi), "report", "-c", Connection);
            Assert.Equal(ExitCode.WorkFailed, code);
            VerbFailureTests.AssertOneClearLine(output, "error: the org was busy: " + message);
            Assert.Contains("hint: " + FailureReport.BusyHint, output);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Report_by_a_user_without_the_roles_to_read_accounts(bool webApi)
        {
            var user = _host.AddUser("Ann Analyst");
            var (code, output) = Run(() => Service(webApi, user), "report", "-c", Connection);
            Assert.Equal(ExitCode.BadInput, code);
            VerbFailureTests.AssertOneClearLine(output, $"error: the org refused the request: Principal user (Id={user}, type=8, roleCount=0), is missing prvRead");
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Deploy_of_a_file_the_org_refuses_as_a_solution_is_a_failed_import(bool webApi)
        {
            var notAZip = Path.GetTempFileName();
            File.WriteAllText(notAZip, "not a solution");
            try
            {
                var (code, output) = Run(() => Service(webApi), "deploy", "-c", Connection, "--zip", notAZip, "--publish-changes");
                Assert.Equal(ExitCode.WorkFailed, code);
                Assert.Contains($"The import of {Path.GetFileName(notAZip)} failed: The solution file is not a zip", output);
                Assert.DoesNotContain("Exception", output);
                Assert.Equal(0, _host.Calls.For("PublishAllXml"));
            }
            finally
            {
                File.Delete(notAZip);
            }
        }

        [LocalOrgFact]
        public void A_soap_fault_service_client_receives_is_the_same_refusal()
        {
            const string refused = "Principal user (Id=2f1e6c1a-0000-0000-0000-000000000001, type=8, roleCount=0), is missing prvReadaccount privilege";
            using (var org = LocalOrg.Refusing(ErrorCodes.PrincipalPrivilegeDenied, refused))
            {
                var (code, output) = Run(org.Client, "report", "-c", Connection);
                Assert.Equal(ExitCode.BadInput, code);
                VerbFailureTests.AssertOneClearLine(output, "error: the org refused the request: " + refused);
            }
        }

        [LocalOrgFact]
        public void A_token_the_org_refuses_is_a_refused_login_with_a_hint_on_the_credentials()
        {
            using (var org = LocalOrg.RefusingTheLogin())
            {
                foreach (var verb in new[] { new[] { "report" }, new[] { "recalc" }, new[] { "deploy", "--zip", typeof(OrgRefusalTests).Assembly.Location } })
                {
                    var (code, output) = Run(org.Client, verb.Take(1).Concat(new[] { "-c", Connection }).Concat(verb.Skip(1)).ToArray());
                    Assert.Equal(ExitCode.BadInput, code);
                    VerbFailureTests.AssertOneClearLine(output, "error: the org refused the login: The HTTP request is unauthorized");
                    Assert.Contains("hint: check the credentials: crmext auth list shows the profiles", output);
                    Assert.Equal(2, output.Trim().Split('\n').Length);
                }
            }
        }

        [Fact]
        public void A_refusal_is_found_inside_what_a_library_wraps_it_in()
        {
            var login = new DataverseOperationException("Failed to connect", new AggregateException(new MessageSecurityException("The HTTP request is unauthorized")));
            Assert.True(OrgRefusal.Find(login).Login);
            var fault = new DataverseFaultException(ErrorCodes.ObjectDoesNotExist, "account With Id = 1 Does Not Exist\n   at the server");
            var request = OrgRefusal.Find(new InvalidOperationException("wrapped", fault));
            Assert.False(request.Login);
            Assert.Equal("account With Id = 1 Does Not Exist", request.Message);
            Assert.Null(OrgRefusal.Find(new InvalidOperationException("a bug")));
        }
    }
}
