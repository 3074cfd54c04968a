using System;
using System.Data.Common;
using System.Security.Cryptography.X509Certificates;
using CrmExtensions.Cli.Failures;
using Microsoft.PowerPlatform.Dataverse.Client;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Connection
{
    /// <summary>
    /// The one place crmext talks to a live org: Microsoft.PowerPlatform.Dataverse.Client's ServiceClient from a
    /// connection string, the way Dataverse tools take them (AuthType=OAuth for a person, ClientSecret or Certificate for
    /// an application user). Every verb works on the IOrganizationService it returns. Two forms are crmext's own, because
    /// ServiceClient's connection strings lack them: AuthType=DeviceCode (AppId, TenantId) and AuthType=Certificate with
    /// CertificateFile (a .pfx, the usual form on Linux, which has no Windows certificate store) and CertificatePassword.
    /// </summary>
    public static class DataverseConnection
    {
        /// <summary>Where a connection string is read when --connection is not given (keeps secrets off the command line).</summary>
        public const string EnvironmentVariable = "CRMEXT_CONNECTION";

        private const string Hint = "check the Url (https://<org>.crm.dynamics.com), AuthType and the credentials (crmext auth list shows the profiles, * the selected one); " +
            "--verbose shows what ServiceClient said.";

        public static IOrganizationService Open(string connectionString)
        {
            ServiceClient client;
            try
            {
                client = Client(connectionString);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                throw Failure(ex, null);
            }
            if (client.IsReady) return client;
            var failure = Failure(client.LastException, client.LastError);
            client.Dispose();
            throw failure;
        }

        /// <summary>
        /// One line for a connection that failed: ServiceClient wraps the cause (a bad URL, an unknown authority, a refused
        /// token, an unreachable host) in layers of its own, and MSAL's messages run over several lines.
        /// </summary>
        private static VerbFailure Failure(Exception ex, string lastError)
        {
            var reason = ex != null ? FailureReport.Innermost(ex).Message : lastError;
            var hint = FailureReport.Unreachable(ex) != null ? FailureReport.NetworkHint : OrgRefusal.Find(ex)?.Login == true ? FailureReport.CredentialsHint : Hint;
            return new VerbFailure("could not connect to Dataverse: " + OrgRefusal.FirstLine(reason), hint, ExitCode.BadInput, ex);
        }

        private static ServiceClient Client(string connectionString)
        {
            var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
            string Part(string key) => parts.TryGetValue(key, out var value) ? value as string : null;
            var url = Part("Url") is string text ? new Uri(text) : null;
            if (string.Equals(Part("AuthType"), "DeviceCode", StringComparison.OrdinalIgnoreCase))
                return new ServiceClient(url, new DeviceCodeLogin(url, Part("AppId"), Part("TenantId"), Console.Error).Token, true);
            if (string.Equals(Part("AuthType"), "Certificate", StringComparison.OrdinalIgnoreCase) && Part("CertificateFile") is string file)
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(file, Part("CertificatePassword"));
                return new ServiceClient(certificate, StoreName.My, certificate.Thumbprint, url, true, null, Part("ClientId"), new Uri("http://localhost"), null);
            }
            return new ServiceClient(connectionString);
        }
    }
}
