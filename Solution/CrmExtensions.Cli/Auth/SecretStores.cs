using System;
using System.IO;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>The store the OS offers: DPAPI on Windows, the Keychain on macOS; elsewhere an owner-only file, with a warning.</summary>
    public static class SecretStores
    {
        public static ISecretStore ForThisMachine(string configFolder)
        {
            var folder = Path.Combine(configFolder, "secrets");
            if (OperatingSystem.IsWindows()) return new DpapiSecretStore(folder);
            if (OperatingSystem.IsMacOS()) return new KeychainSecretStore();
            return new OwnerOnlyFileSecretStore(folder);
        }
    }
}
