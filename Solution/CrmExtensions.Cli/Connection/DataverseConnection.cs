using System;
using CrmExtensions.Cli.Failures;
using Microsoft.PowerPlatform.Dataverse.Client;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Connection
{
    /// <summary>
    /// The one place crmext talks to a live org: Microsoft.PowerPlatform.Dataverse.Client's ServiceClient from a
    /// connection string, the way Dataverse tools take them (AuthType=OAuth for a person, ClientSecret or Certificate for
    /// an application user). Every verb works on the IOrganizationService it returns.
    /// </summary>
    public static class DataverseConnection
    {
        /// <summary>Where a connection string is read when --connection is not given (keeps secrets off the command line).</summary>
        public const string EnvironmentVariable = "CRMEXT_CONNECTION";

        private const string Hint = "check Url (https://<org>.crm.dynamics.com), AuthType and the credentials; --verbose shows what ServiceClient said.";

        public static IOrganizationService Open(string connectionString)
        {
            ServiceClient client;
            try
            {
                client = new ServiceClient(connectionString);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // ServiceClient wraps the cause (a bad URL, an unknown authority, a refused token) in layers of its own.
                throw new VerbFailure("could not connect to Dataverse: " + FailureReport.Innermost(ex).Message, Hint, ExitCode.BadInput, ex);
            }
            if (client.IsReady) return client;
            var reason = client.LastException != null ? FailureReport.Innermost(client.LastException).Message : client.LastError;
            client.Dispose();
            throw new VerbFailure("could not connect to Dataverse: " + FirstLine(reason), Hint);
        }

        private static string FirstLine(string text) => (text ?? "no reason given").Trim().Split('\n')[0].Trim();
    }
}
