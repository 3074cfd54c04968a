using System.IO;
using System.Runtime.Versioning;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>
    /// Linux and other systems without a store crmext can rely on (a desktop keyring is often absent on servers and in
    /// containers): the secret in a file only its owner may read or write (0600, in a 0700 folder). Anyone with the
    /// owner's account or root can read it, so crmext warns and recommends --secret-env.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public sealed class OwnerOnlyFileSecretStore : ISecretStore
    {
        private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private readonly string _folder;

        public OwnerOnlyFileSecretStore(string folder) => _folder = folder;

        public string Warning =>
            $"this system offers crmext no secret store: the secret is in {_folder} as plain text that only your user may read (mode 600); prefer --secret-env <VARIABLE> to store it nowhere.";

        public void Save(string profile, string secret)
        {
            Directory.CreateDirectory(_folder, OwnerOnly | UnixFileMode.UserExecute);
            var path = PathOf(profile);
            // Created with owner-only permissions, so the secret is never readable by others, not even for a moment.
            using (var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            using (var writer = new StreamWriter(file))
                writer.Write(secret);
            File.SetUnixFileMode(path, OwnerOnly);
        }

        public string Read(string profile)
        {
            var path = PathOf(profile);
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }

        public void Delete(string profile) => File.Delete(PathOf(profile));

        private string PathOf(string profile) => Path.Combine(_folder, profile);
    }
}
