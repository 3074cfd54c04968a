using System;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>How a profile signs in: a person (a browser or a device code) or an application user (a secret or a certificate).</summary>
    public enum LoginKind
    {
        Interactive,
        DeviceCode,
        ClientSecret,
        Certificate,
    }

    /// <summary>The names the command line and profiles.json use for a <see cref="LoginKind"/>.</summary>
    public static class LoginKinds
    {
        public static readonly string[] Names = { "interactive", "device-code", "client-secret", "certificate" };

        public static string Name(this LoginKind kind) => Names[(int)kind];

        public static LoginKind Parse(string name)
        {
            var index = Array.IndexOf(Names, name);
            if (index < 0) throw new ArgumentException($"the kind of login is {string.Join(", ", Names)}, not '{name}'.");
            return (LoginKind)index;
        }

        /// <summary>An application user's login needs a secret (the client secret, or the certificate file's password).</summary>
        public static bool TakesSecret(this LoginKind kind) => kind == LoginKind.ClientSecret || kind == LoginKind.Certificate;
    }
}
