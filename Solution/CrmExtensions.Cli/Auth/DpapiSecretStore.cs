using System.IO;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>Windows: the secret encrypted with DPAPI for the current user, so only this user on this machine can read it.</summary>
    [SupportedOSPlatform("windows")]
    public sealed class DpapiSecretStore : ISecretStore
    {
        // Binds the blob to crmext, so another program of the same user cannot decrypt it by accident.
        private static readonly byte[] Entropy = Encoding.UTF8.GetBytes("crmext connection profile");
        private readonly string _folder;

        public DpapiSecretStore(string folder) => _folder = folder;

        public string Warning => null;

        public void Save(string profile, string secret)
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllBytes(PathOf(profile), ProtectedData.Protect(Encoding.UTF8.GetBytes(secret), Entropy, DataProtectionScope.CurrentUser));
        }

        public string Read(string profile)
        {
            var path = PathOf(profile);
            return File.Exists(path) ? Encoding.UTF8.GetString(ProtectedData.Unprotect(File.ReadAllBytes(path), Entropy, DataProtectionScope.CurrentUser)) : null;
        }

        public void Delete(string profile) => File.Delete(PathOf(profile));

        private string PathOf(string profile) => Path.Combine(_folder, profile + ".dpapi");
    }
}
