using System;
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

        public static IOrganizationService Open(string connectionString)
        {
            var client = new ServiceClient(connectionString);
            if (!client.IsReady)
            {
                var reason = client.LastError;
                client.Dispose();
                throw new InvalidOperationException($"Could not connect to Dataverse: {reason}");
            }
            return client;
        }
    }
}
