using System;
using CrmExtensions.Cli.Connection;
using CrmExtensions.Cli.Failures;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>
    /// Which connection a verb uses, first found wins: --connection, else CRMEXT_CONNECTION, else --profile, else the
    /// selected profile. A connection string given for this run beats a saved profile, so pipelines that set the
    /// variable keep working on a machine where someone selected a profile.
    /// </summary>
    public static class ConnectionSource
    {
        public const string Precedence = "--connection, else " + DataverseConnection.EnvironmentVariable + ", else --profile, else the profile crmext auth select chose";

        /// <summary>The connection string and where it came from (said to the admin; never the string itself, which may hold a secret).</summary>
        public static (string ConnectionString, string Origin) Resolve(string connection, string profile, Func<string, string> environment, ProfileStore store)
        {
            if (!string.IsNullOrWhiteSpace(connection)) return (connection, "--connection");
            var variable = environment(DataverseConnection.EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(variable)) return (variable, DataverseConnection.EnvironmentVariable);
            var name = string.IsNullOrWhiteSpace(profile) ? store.Selected : profile;
            if (name == null)
                throw new VerbFailure($"no connection: pass --connection or set {DataverseConnection.EnvironmentVariable}, or create a profile with crmext auth create.",
                    "e.g. crmext auth create --name prod --url https://contoso.crm.dynamics.com --kind interactive (README, The admin's CLI, lists the kinds).");
            return (store.ConnectionString(name), $"profile '{name}'");
        }
    }
}
