using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CrmExtensions.Cli.Connection
{
    /// <summary>
    /// A person's login with a device code (MSAL), for a machine without a browser (SSH, a container): the person opens
    /// the address printed on another device and types the code. ServiceClient asks for a token through <see cref="Token"/>.
    /// </summary>
    public sealed class DeviceCodeLogin
    {
        private readonly IPublicClientApplication _app;
        private readonly string[] _scopes;
        private readonly TextWriter _prompt;

        public DeviceCodeLogin(Uri org, string appId, string tenant, TextWriter prompt)
        {
            _app = PublicClientApplicationBuilder.Create(appId).WithAuthority($"https://login.microsoftonline.com/{tenant ?? "organizations"}").WithDefaultRedirectUri().Build();
            _scopes = new[] { org.GetLeftPart(UriPartial.Authority) + "/.default" };
            _prompt = prompt;
        }

        /// <summary>The cached token while it lasts (ServiceClient asks again before each request), else a new device code.</summary>
        public async Task<string> Token(string instanceUri)
        {
            var account = (await _app.GetAccountsAsync()).FirstOrDefault();
            if (account != null)
            {
                try
                {
                    return (await _app.AcquireTokenSilent(_scopes, account).ExecuteAsync()).AccessToken;
                }
                catch (MsalUiRequiredException)
                {
                    // Expired or revoked: sign in again below.
                }
            }
            var result = await _app.AcquireTokenWithDeviceCode(_scopes, code =>
            {
                _prompt.WriteLine(code.Message);
                return Task.CompletedTask;
            }).ExecuteAsync();
            return result.AccessToken;
        }
    }
}
