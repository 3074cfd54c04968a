using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Text.RegularExpressions;
using CrmExtensions.Cli.Auth;
using CrmExtensions.Cli.Connection;
using CrmExtensions.Cli.Failures;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>auth create|list|select|delete: named connection profiles like `pac auth`, so an admin types no connection string.</summary>
    public static class AuthVerb
    {
        // A name becomes a file name and a Keychain account: no path separators, no spaces.
        private static readonly Regex ProfileName = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
        private static readonly Regex VariableName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$");

        public static Command Create(CliContext context, Func<ProfileStore> store)
        {
            var auth = new Command("auth", $"Connection profiles like pac auth; a verb on an org uses {ConnectionSource.Precedence}")
            {
                CreateVerb(context, store), ListVerb(context, store), NameVerb("select", "Make a profile the one verbs use by default", context, store, (s, n) => s.Select(n), "selected"),
                NameVerb("delete", "Delete a profile and its stored secret", context, store, (s, n) => s.Delete(n), "deleted"),
            };
            return auth;
        }

        /// <summary>An option or argument naming a profile, checked while the command line is parsed.</summary>
        public static Option<string> ProfileNameOption(string name, string description)
        {
            var option = new Option<string>(name) { Description = description };
            option.Validators.Add(r => Check(r.GetValueOrDefault<string>(), name, r));
            return option;
        }

        private static Command CreateVerb(CliContext context, Func<ProfileStore> store)
        {
            var name = ProfileNameOption("--name", "Name of the profile (letters, digits, . _ -)");
            name.Required = true;
            var url = new Option<string>("--url") { Description = "The org's URL, e.g. https://contoso.crm.dynamics.com", Required = true };
            url.Validators.Add(r =>
            {
                var value = r.GetValueOrDefault<string>();
                if (value != null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                    r.AddError($"--url must be the org's https address, e.g. https://contoso.crm.dynamics.com, not '{value}'.");
            });
            var kind = new Option<string>("--kind") { Description = "How to sign in: interactive or device-code (a person), client-secret or certificate (an application user)", Required = true }
                .OneOf(LoginKinds.Names);
            var clientId = new Option<string>("--client-id")
            {
                Description = $"The app registration's id (required for an application user; a person's login defaults to Microsoft's sample app {ConnectionProfile.SampleAppId})",
            };
            clientId.Validators.Add(r =>
            {
                var value = r.GetValueOrDefault<string>();
                if (value != null && !Guid.TryParse(value, out _)) r.AddError($"--client-id must be the app registration's id (a GUID), not '{value}'.");
            });
            var tenant = new Option<string>("--tenant") { Description = "Tenant id or domain for device-code login (default: organizations)" };
            var username = new Option<string>("--username") { Description = "The person's sign-in name, suggested at interactive login" };
            var certificate = new Option<string>("--certificate-file") { Description = "The application user's certificate, a .pfx file (its password through --secret or --secret-env)" };
            certificate.Validators.Add(r =>
            {
                var value = r.GetValueOrDefault<string>();
                if (value != null && !File.Exists(value)) r.AddError($"--certificate-file: no file at {value}.");
            });
            var secret = new Option<string>("--secret")
            {
                Description = "The client secret or the certificate's password, kept in the OS's store (DPAPI, Keychain; an owner-only file elsewhere, with a warning)",
            };
            var secretEnv = new Option<string>("--secret-env")
            {
                Description = "Read the secret from this environment variable at each connection instead; nothing is stored (recommended for pipelines)",
            };
            secretEnv.Validators.Add(r =>
            {
                var value = r.GetValueOrDefault<string>();
                if (value != null && !VariableName.IsMatch(value)) r.AddError($"--secret-env must name an environment variable (letters, digits, _), not '{value}'.");
            });
            var noVerify = new Option<bool>("--no-verify")
            {
                Description = "Save the profile without signing in to test it (offline, or a --secret-env variable only the pipeline sets)",
            };
            var create = new Command("create", "Sign in, say which org answered, and save a connection profile; the first one becomes the selected one")
                { name, url, kind, clientId, tenant, username, certificate, secret, secretEnv, noVerify };
            create.Excludes(secret, secretEnv);
            create.Validators.Add(r =>
            {
                var value = r.GetValue(kind);
                if (value == null || Array.IndexOf(LoginKinds.Names, value) < 0) return;
                var login = LoginKinds.Parse(value);
                if (login.TakesSecret() && r.GetValue(clientId) == null) r.AddError($"--kind {value} needs --client-id, the application user's app registration.");
                if (login == LoginKind.ClientSecret && r.GetValue(secret) == null && r.GetValue(secretEnv) == null)
                    r.AddError("--kind client-secret needs --secret or --secret-env.");
                if (login == LoginKind.Certificate && r.GetValue(certificate) == null) r.AddError("--kind certificate needs --certificate-file, the .pfx file.");
                if (login != LoginKind.Certificate && r.GetValue(certificate) != null) r.AddError($"--certificate-file is for --kind certificate, not {value}.");
                if (!login.TakesSecret() && (r.GetValue(secret) != null || r.GetValue(secretEnv) != null))
                    r.AddError($"--kind {value} signs a person in: it takes no --secret or --secret-env.");
                if (login != LoginKind.DeviceCode && r.GetValue(tenant) != null) r.AddError($"--tenant is for --kind device-code, not {value}.");
            });
            create.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var profile = new ConnectionProfile
                {
                    Name = r.GetValue(name), Url = r.GetValue(url).TrimEnd('/'), Kind = r.GetValue(kind), ClientId = r.GetValue(clientId), TenantId = r.GetValue(tenant),
                    Username = r.GetValue(username), SecretVariable = r.GetValue(secretEnv),
                    CertificateFile = r.GetValue(certificate) is string file ? Path.GetFullPath(file) : null,
                };
                var profiles = store();
                var stored = r.GetValue(secret);
                profiles.RefuseExisting(profile.Name);
                if (!r.GetValue(noVerify)) Verify(context, profile, stored);
                profiles.Add(profile, stored);
                context.Output.WriteLine($"Saved profile '{profile.Name}' ({profile.Kind}, {profile.Url}){(profiles.Selected == profile.Name ? ", selected" : "")}.");
                if (stored != null && profiles.Secrets.Warning != null) context.Error.WriteLine("warning: " + profiles.Secrets.Warning);
                return ExitCode.Success;
            }));
            return create;
        }

        /// <summary>Signs in as the profile will and asks who it is, so a wrong URL or credential shows now, not in the first verb.</summary>
        private static void Verify(CliContext context, ConnectionProfile profile, string stored)
        {
            var secret = stored;
            if (profile.SecretVariable != null)
            {
                secret = Environment.GetEnvironmentVariable(profile.SecretVariable);
                if (string.IsNullOrEmpty(secret))
                    throw new VerbFailure($"{profile.SecretVariable} is not set here, so the profile's connection cannot be tested.",
                        $"set {profile.SecretVariable} and run again, or pass --no-verify to save the profile untested.");
            }
            var service = context.Connect(profile.ConnectionString(secret));
            try
            {
                context.Output.WriteLine($"Connected to {OrgIdentity.Describe(service)}.");
            }
            finally
            {
                (service as IDisposable)?.Dispose();
            }
        }

        private static Command ListVerb(CliContext context, Func<ProfileStore> store)
        {
            var list = new Command("list", "List the profiles; * marks the selected one");
            list.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var profiles = store();
                if (profiles.List().Count == 0) context.Output.WriteLine($"No profiles in {profiles.Folder}: crmext auth create adds one.");
                foreach (var p in profiles.List())
                {
                    var secret = p.SecretVariable != null ? $", secret from ${p.SecretVariable}" : "";
                    context.Output.WriteLine($"{(p.Name == profiles.Selected ? "*" : " ")} {p.Name,-20} {p.Kind,-14} {p.Url}{secret}");
                }
                return ExitCode.Success;
            }));
            return list;
        }

        private static Command NameVerb(string verb, string description, CliContext context, Func<ProfileStore> store, Action<ProfileStore, string> act, string done)
        {
            var name = new Argument<string>("name") { Description = "The profile's name" };
            name.Validators.Add(r => Check(r.GetValueOrDefault<string>(), "name", r));
            var command = new Command(verb, description) { name };
            command.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                act(store(), r.GetValue(name));
                context.Output.WriteLine($"Profile '{r.GetValue(name)}' {done}.");
                return ExitCode.Success;
            }));
            return command;
        }

        private static void Check(string value, string what, SymbolResult result)
        {
            if (value != null && !ProfileName.IsMatch(value))
                result.AddError($"{what} '{value}' is not a profile name: letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit.");
        }
    }
}
