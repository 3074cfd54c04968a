using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Auth;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Dataverse.InMemory;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// crmext auth: profiles saved, listed, selected and deleted in a config folder of the test's own; secrets kept out
    /// of profiles.json; the connection string each kind of login gives ServiceClient; which connection a verb uses.
    /// </summary>
    public sealed class AuthProfileTests : IDisposable
    {
        private const string Url = "https://contoso.crm.dynamics.com", AppId = "0f3c2b1a-1111-2222-3333-444455556666";
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "crmext-auth-" + Guid.NewGuid().ToString("N"));
        private readonly MemorySecretStore _secrets = new MemorySecretStore();
        private readonly InMemoryDataverse _org = new InMemoryDataverse(new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc)) { OrganizationName = "contoso" };
        private readonly List<string> _connections = new List<string>();
        private Func<IOrganizationService> _connect;
        private ProfileStore _store;

        public AuthProfileTests()
        {
            _store = new ProfileStore(_folder, _secrets);
            _connect = () => _org.GetService();
        }

        public void Dispose()
        {
            if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
        }

        private string ProfilesJson => File.ReadAllText(Path.Combine(_folder, "profiles.json"));

        private (int Code, string Output) Auth(params string[] args)
        {
            var writer = new StringWriter();
            var context = CliContext.ForWriter(writer, connectionString =>
            {
                _connections.Add(connectionString);
                return _connect();
            }, _ => { });
            var root = CrmextCommand.Root("test");
            root.Subcommands.Add(AuthVerb.Create(context, () => _store));
            return (CrmextCommand.Run(root, CrmextCommand.Name, context, new[] { "auth" }.Concat(args).ToArray()), writer.ToString());
        }

        [Fact]
        public void Create_list_select_delete_round_trip()
        {
            Assert.Equal(0, Auth("create", "--name", "dev", "--url", Url, "--kind", "interactive").Code);
            Assert.Equal(0, Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret", "s3cr3t").Code);
            var (_, list) = Auth("list");
            Assert.Contains("* dev ", list);
            Assert.Contains("  ci ", list);

            Assert.Equal(0, Auth("select", "ci").Code);
            Assert.Contains("* ci ", Auth("list").Output);
            Assert.Equal("ci", new ProfileStore(_folder, _secrets).Selected);

            Assert.Equal(0, Auth("delete", "ci").Code);
            list = Auth("list").Output;
            Assert.DoesNotContain("ci", list);
            Assert.Null(_secrets.Read("ci"));
            Assert.Null(_store.Selected);
            Assert.Equal(0, Auth("delete", "dev").Code);
            Assert.Contains("No profiles", Auth("list").Output);
        }

        [Fact]
        public void A_secret_goes_to_the_store_not_to_profiles_json()
        {
            var (code, output) = Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret", "s3cr3t-value");
            Assert.Equal(0, code);
            Assert.DoesNotContain("s3cr3t-value", ProfilesJson);
            Assert.Equal("s3cr3t-value", _secrets.Read("ci"));
            Assert.DoesNotContain("warning:", output);
        }

        [Fact]
        public void Without_a_store_the_secret_is_an_owner_only_file_and_a_warning_says_so()
        {
            if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()) return;
            var secrets = SecretStores.ForThisMachine(_folder);
            Assert.IsType<OwnerOnlyFileSecretStore>(secrets);
            _store = new ProfileStore(_folder, secrets);
            var (code, output) = Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret", "s3cr3t-value");
            Assert.Equal(0, code);
            Assert.Contains("warning: this system offers crmext no secret store", output);
            Assert.DoesNotContain("s3cr3t-value", ProfilesJson);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "secrets", "ci")));
            Assert.Contains("ClientSecret=s3cr3t-value", _store.ConnectionString("ci"), StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void Create_signs_in_first_and_says_which_org_answered_before_it_saves()
        {
            var (code, output) = Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret", "s3cr3t");
            Assert.Equal(0, code);
            Assert.Equal("s3cr3t", Parse(Assert.Single(_connections))["clientsecret"]);
            var lines = output.Replace("\r", "").Split('\n');
            Assert.Equal($"Connected to contoso (contoso, version 9.2.0.0) as user {_org.SystemUserId}.", lines[0]);
            Assert.StartsWith("Saved profile 'ci'", lines[1]);
        }

        [LocalOrgFact]
        public void A_login_the_org_refuses_saves_nothing_and_says_to_check_the_credentials()
        {
            using (var org = LocalOrg.RefusingTheLogin())
            {
                _connect = org.Client;
                var (code, output) = Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret", "expired");
                Assert.Equal(ExitCode.BadInput, code);
                Assert.Contains("error: the org refused the login: The HTTP request is unauthorized", output);
                Assert.Contains("hint: check the credentials", output);
                Assert.DoesNotContain("   at ", output);
                Assert.Empty(_store.List());
                Assert.Null(_secrets.Read("ci"));
            }
        }

        [Fact]
        public void A_client_secret_missing_from_the_store_is_named_with_how_to_fix_it()
        {
            Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret", "s3cr3t");
            _secrets.Delete("ci");
            var missing = Assert.Throws<VerbFailure>(() => ConnectionSource.Resolve(null, "ci", _ => null, _store));
            Assert.Equal(ExitCode.BadInput, missing.ExitCode);
            Assert.Equal("profile 'ci' has no client secret in this machine's secret store (removed, or the profile came from another machine).", missing.Message);
            Assert.Contains("crmext auth delete ci, then crmext auth create it again with --secret", missing.Hint);
        }

        [Theory]
        [InlineData("interactive", "", "AuthType=OAuth;Username=ann@contoso.com;AppId=" + ConnectionProfile.SampleAppId + ";RedirectUri=" + ConnectionProfile.SampleRedirectUri + ";LoginPrompt=Auto")]
        [InlineData("device-code", "--tenant contoso.onmicrosoft.com", "AuthType=DeviceCode;AppId=" + ConnectionProfile.SampleAppId + ";TenantId=contoso.onmicrosoft.com")]
        [InlineData("client-secret", "--client-id " + AppId + " --secret a;b=c", "AuthType=ClientSecret;ClientId=" + AppId + ";ClientSecret=\"a;b=c\"")]
        [InlineData("certificate", "--client-id " + AppId + " --secret pw", "AuthType=Certificate;ClientId=" + AppId + ";CertificateFile={pfx};CertificatePassword=pw")]
        public void Each_kind_of_login_gives_its_connection_string(string kind, string options, string expected)
        {
            var pfx = Path.Combine(_folder, "app.pfx");
            Directory.CreateDirectory(_folder);
            File.WriteAllText(pfx, "");
            var args = new List<string> { "create", "--name", "p", "--url", Url + "/", "--kind", kind };
            if (kind == "interactive") args.AddRange(new[] { "--username", "ann@contoso.com" });
            if (kind == "certificate") args.AddRange(new[] { "--certificate-file", pfx });
            args.AddRange(options.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(0, Auth(args.ToArray()).Code);
            Assert.Equal(Parse(expected.Replace("{pfx}", pfx) + ";Url=" + Url), Parse(_store.ConnectionString("p")));
        }

        /// <summary>The key/value pairs of a connection string, split as ServiceClient splits them (a quoted secret kept whole).</summary>
        private static Dictionary<string, string> Parse(string connectionString)
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.Keys.Cast<string>().ToDictionary(k => k.ToLowerInvariant(), k => (string)builder[k]);
        }

        [Fact]
        public void A_secret_from_an_environment_variable_is_read_at_each_connection_and_stored_nowhere()
        {
            var variable = "CRMEXT_TEST_SECRET_" + Guid.NewGuid().ToString("N");
            var (unset, refusal) = Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret-env", variable);
            Assert.Equal(ExitCode.BadInput, unset);
            Assert.Contains($"error: {variable} is not set here, so the profile's connection cannot be tested.", refusal);
            Assert.Contains("--no-verify", refusal);
            Assert.Empty(_connections);
            Assert.Equal(0, Auth("create", "--name", "ci", "--url", Url, "--kind", "client-secret", "--client-id", AppId, "--secret-env", variable, "--no-verify").Code);
            Assert.Empty(_connections);
            Assert.Null(_secrets.Read("ci"));
            var missing = Assert.Throws<VerbFailure>(() => _store.ConnectionString("ci"));
            Assert.Contains(variable + ", which is not set", missing.Message);
            Environment.SetEnvironmentVariable(variable, "from-the-pipeline");
            try
            {
                Assert.Equal("from-the-pipeline", Parse(_store.ConnectionString("ci"))["clientsecret"]);
            }
            finally
            {
                Environment.SetEnvironmentVariable(variable, null);
            }
            Assert.Contains("secret from $" + variable, Auth("list").Output);
        }

        [Fact]
        public void A_verb_uses_the_connection_option_else_the_variable_else_the_named_profile_else_the_selected_one()
        {
            Auth("create", "--name", "first", "--url", "https://first.crm.dynamics.com", "--kind", "interactive");
            Auth("create", "--name", "second", "--url", "https://second.crm.dynamics.com", "--kind", "interactive");
            var variable = new Dictionary<string, string> { ["CRMEXT_CONNECTION"] = "AuthType=OAuth;Url=https://variable" };
            Func<string, string> none = _ => null;

            Assert.Equal(("Url=https://option", "--connection"), ConnectionSource.Resolve("Url=https://option", "second", variable.GetValueOrDefault, _store));
            Assert.Equal(("AuthType=OAuth;Url=https://variable", "CRMEXT_CONNECTION"), ConnectionSource.Resolve(null, "second", variable.GetValueOrDefault, _store));
            Assert.Contains("https://second.", ConnectionSource.Resolve(null, "second", none, _store).ConnectionString);
            Assert.Equal("profile 'first'", ConnectionSource.Resolve(null, null, none, _store).Origin);
            Assert.Contains("https://first.", ConnectionSource.Resolve(null, null, none, _store).ConnectionString);

            Assert.Contains("no connection profile named 'third'", Assert.Throws<VerbFailure>(() => ConnectionSource.Resolve(null, "third", none, _store)).Message);
            var empty = new ProfileStore(Path.Combine(_folder, "empty"), _secrets);
            Assert.Contains("crmext auth create", Assert.Throws<VerbFailure>(() => ConnectionSource.Resolve(null, null, none, empty)).Message);
        }

        [Theory]
        [InlineData("create --name p --kind interactive", "--url")]
        [InlineData("create --name p --url http://contoso.crm.dynamics.com --kind interactive", "--url must be the org's https address")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind password", "--kind takes interactive or device-code or client-secret or certificate")]
        [InlineData("create --name ../p --url https://x.crm.dynamics.com --kind interactive", "'../p' is not a profile name")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind client-secret --secret s", "--kind client-secret needs --client-id")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind client-secret --client-id " + AppId, "--kind client-secret needs --secret or --secret-env")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind client-secret --client-id app --secret s", "--client-id must be the app registration's id")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind client-secret --client-id " + AppId + " --secret s --secret-env S",
            "--secret and --secret-env contradict")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind client-secret --client-id " + AppId + " --secret-env 1-X", "--secret-env must name an environment variable")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind interactive --secret s", "takes no --secret")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind certificate --client-id " + AppId, "--kind certificate needs --certificate-file")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind certificate --client-id " + AppId + " --certificate-file /nowhere/app.pfx",
            "--certificate-file: no file at /nowhere/app.pfx")]
        [InlineData("create --name p --url https://x.crm.dynamics.com --kind interactive --tenant t", "--tenant is for --kind device-code")]
        [InlineData("select nobody", "no connection profile named 'nobody'")]
        [InlineData("delete nobody", "no connection profile named 'nobody'")]
        public void Bad_input_exits_2_with_one_line_and_a_hint_and_saves_nothing(string args, string expected)
        {
            var (code, output) = Auth(args.Split(' '));
            Assert.Equal(ExitCode.BadInput, code);
            Assert.Contains("error: ", output);
            Assert.Contains(expected, output);
            Assert.Contains("hint: ", output);
            Assert.DoesNotContain("   at ", output);
            Assert.False(File.Exists(Path.Combine(_folder, "profiles.json")));
        }

        [Fact]
        public void A_second_profile_of_the_same_name_is_refused()
        {
            Auth("create", "--name", "dev", "--url", Url, "--kind", "interactive");
            var (code, output) = Auth("create", "--name", "dev", "--url", Url, "--kind", "device-code");
            Assert.Equal(ExitCode.BadInput, code);
            Assert.Contains("error: a profile named 'dev' exists.", output);
            Assert.Contains("hint: crmext auth delete dev first", output);
        }

        [Fact]
        public void Verbs_on_an_org_take_profile_say_the_precedence_and_check_the_name_before_connecting()
        {
            var writer = new StringWriter();
            var connections = 0;
            var context = CliContext.ForWriter(writer, _ => { connections++; throw new InvalidOperationException("no org"); }, _ => { });
            var code = CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context, new[] { "report", "--profile", "a/b" });
            Assert.Equal(ExitCode.BadInput, code);
            Assert.Contains("'a/b' is not a profile name", writer.ToString());
            Assert.Equal(0, connections);

            var help = new StringWriter();
            var helpContext = CliContext.ForWriter(help, _ => null, _ => { });
            CrmextCommand.Run(CrmextCommand.Create(helpContext), CrmextCommand.Name, helpContext, new[] { "recalc", "--help" });
            Assert.Contains("--profile", help.ToString());
            Assert.Contains("else CRMEXT_CONNECTION, else --profile, else the profile crmext auth select chose", help.ToString());
        }

        /// <summary>Stands for the OS's store (DPAPI, Keychain), which this test machine may not have.</summary>
        private sealed class MemorySecretStore : ISecretStore
        {
            private readonly Dictionary<string, string> _secrets = new Dictionary<string, string>();
            public string Warning => null;
            public void Save(string profile, string secret) => _secrets[profile] = secret;
            public string Read(string profile) => _secrets.GetValueOrDefault(profile);
            public void Delete(string profile) => _secrets.Remove(profile);
        }
    }
}
