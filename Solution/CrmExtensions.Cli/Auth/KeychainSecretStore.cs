using System.Diagnostics;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>macOS: the secret in the login Keychain as a generic password (service "crmext", account the profile name), through the `security` tool.</summary>
    public sealed class KeychainSecretStore : ISecretStore
    {
        private const string Service = "crmext";

        public string Warning => null;

        // -U replaces an existing item of the same profile.
        public void Save(string profile, string secret) => Security(true, "add-generic-password", "-U", "-s", Service, "-a", profile, "-w", secret);

        public string Read(string profile) => Security(false, "find-generic-password", "-s", Service, "-a", profile, "-w")?.TrimEnd('\n');

        public void Delete(string profile) => Security(false, "delete-generic-password", "-s", Service, "-a", profile);

        /// <summary>Runs `security`; its output, or null when it failed (no such item) and <paramref name="mustSucceed"/> is false.</summary>
        private static string Security(bool mustSucceed, params string[] arguments)
        {
            var start = new ProcessStartInfo("/usr/bin/security") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using (var process = Process.Start(start))
            {
                var output = process.StandardOutput.ReadToEnd();
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode == 0) return output;
                if (mustSucceed) throw new System.IO.IOException("the Keychain refused the secret: " + error.Trim());
                return null;
            }
        }
    }
}
