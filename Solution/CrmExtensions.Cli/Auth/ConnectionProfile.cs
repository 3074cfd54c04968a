using System.Data.Common;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>
    /// A named connection like a `pac auth` profile: the org's URL and how to sign in to it. It holds no secret: an
    /// application user's secret is in the OS's store (see <see cref="SecretStores"/>) or in the environment variable
    /// <see cref="SecretVariable"/> names.
    /// </summary>
    public sealed class ConnectionProfile
    {
        /// <summary>Microsoft's sample app registration for a person's login, the one Dataverse's samples use; pass --client-id for your own.</summary>
        public const string SampleAppId = "51f81489-12ee-4a9e-aaae-a2591f45987d", SampleRedirectUri = "app://58145B91-0C36-4500-8554-080854F2AC97";

        public string Name { get; set; }
        public string Url { get; set; }
        public string Kind { get; set; }
        public string ClientId { get; set; }
        public string TenantId { get; set; }
        public string Username { get; set; }
        public string CertificateFile { get; set; }

        /// <summary>When set, the secret is read from this environment variable at each connection and stored nowhere.</summary>
        public string SecretVariable { get; set; }

        /// <summary>The connection string <see cref="Connection.DataverseConnection"/> opens; <paramref name="secret"/> is null for a person.</summary>
        public string ConnectionString(string secret)
        {
            var kind = LoginKinds.Parse(Kind);
            // ServiceClient's AuthType for each kind; DeviceCode is crmext's own (see DataverseConnection).
            var builder = new DbConnectionStringBuilder { ["AuthType"] = kind == LoginKind.Interactive ? "OAuth" : kind.ToString(), ["Url"] = Url };
            if (kind.TakesSecret()) builder["ClientId"] = ClientId;
            else builder["AppId"] = ClientId ?? SampleAppId;
            switch (kind)
            {
                case LoginKind.Interactive:
                    if (!string.IsNullOrEmpty(Username)) builder["Username"] = Username;
                    builder["RedirectUri"] = SampleRedirectUri;
                    builder["LoginPrompt"] = "Auto";
                    break;
                case LoginKind.DeviceCode:
                    if (!string.IsNullOrEmpty(TenantId)) builder["TenantId"] = TenantId;
                    break;
                case LoginKind.ClientSecret:
                    builder["ClientSecret"] = secret;
                    break;
                case LoginKind.Certificate:
                    builder["CertificateFile"] = CertificateFile;
                    if (!string.IsNullOrEmpty(secret)) builder["CertificatePassword"] = secret;
                    break;
            }
            return builder.ConnectionString;
        }
    }
}
