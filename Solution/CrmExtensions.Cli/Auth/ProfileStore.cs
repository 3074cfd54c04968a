using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrmExtensions.Cli.Failures;

namespace CrmExtensions.Cli.Auth
{
    /// <summary>
    /// The connection profiles in the user's config folder (profiles.json) and which one is selected; their secrets go to
    /// an <see cref="ISecretStore"/>, never to profiles.json.
    /// </summary>
    public sealed class ProfileStore
    {
        /// <summary>Overrides the config folder (tests, a CI agent that keeps its profiles with the job).</summary>
        public const string FolderVariable = "CRMEXT_CONFIG_DIR";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        public ProfileStore(string folder, ISecretStore secrets)
        {
            Folder = folder;
            Secrets = secrets;
        }

        public string Folder { get; }
        public ISecretStore Secrets { get; }
        private string FilePath => Path.Combine(Folder, "profiles.json");

        /// <summary>CRMEXT_CONFIG_DIR, else the user's config folder: %APPDATA%\crmext on Windows, $XDG_CONFIG_HOME or ~/.config/crmext elsewhere.</summary>
        public static ProfileStore ForUser()
        {
            var folder = Environment.GetEnvironmentVariable(FolderVariable);
            if (string.IsNullOrWhiteSpace(folder)) folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "crmext");
            return new ProfileStore(folder, SecretStores.ForThisMachine(folder));
        }

        public IReadOnlyList<ConnectionProfile> List() => Load().Profiles;

        public string Selected => Load().Selected;

        public ConnectionProfile Find(string name) => Load().Profiles.SingleOrDefault(p => p.Name == name);

        /// <summary>Adds a profile (and its secret, when given); the first profile becomes the selected one.</summary>
        public void Add(ConnectionProfile profile, string secret)
        {
            RefuseExisting(profile.Name);
            var file = Load();
            if (secret != null) Secrets.Save(profile.Name, secret);
            file.Profiles.Add(profile);
            file.Selected ??= profile.Name;
            Save(file);
        }

        /// <summary>Refuses a name a profile has, before auth create signs in to test a new one.</summary>
        public void RefuseExisting(string name)
        {
            if (Find(name) != null) throw new VerbFailure($"a profile named '{name}' exists.", $"crmext auth delete {name} first, or choose another --name.");
        }

        public void Select(string name)
        {
            var file = Load();
            Existing(file, name);
            file.Selected = name;
            Save(file);
        }

        public void Delete(string name)
        {
            var file = Load();
            file.Profiles.Remove(Existing(file, name));
            Secrets.Delete(name);
            if (file.Selected == name) file.Selected = null;
            Save(file);
        }

        /// <summary>The profile's connection string, with its secret from the environment variable or the store.</summary>
        public string ConnectionString(string name)
        {
            var profile = Existing(Load(), name);
            if (!LoginKinds.Parse(profile.Kind).TakesSecret()) return profile.ConnectionString(null);
            if (string.IsNullOrEmpty(profile.SecretVariable)) return profile.ConnectionString(StoredSecret(profile));
            var secret = Environment.GetEnvironmentVariable(profile.SecretVariable);
            if (string.IsNullOrEmpty(secret))
                throw new VerbFailure($"profile '{name}' reads its secret from the environment variable {profile.SecretVariable}, which is not set.",
                    $"set {profile.SecretVariable} (e.g. from your pipeline's secret variables) and run again.");
            return profile.ConnectionString(secret);
        }

        /// <summary>
        /// The secret auth create stored; a client secret must be there (a certificate's file may have no password), else
        /// the login would fail later with a message about something else.
        /// </summary>
        private string StoredSecret(ConnectionProfile profile)
        {
            var secret = Secrets.Read(profile.Name);
            if (secret == null && LoginKinds.Parse(profile.Kind) == LoginKind.ClientSecret)
                throw new VerbFailure($"profile '{profile.Name}' has no client secret in this machine's secret store (removed, or the profile came from another machine).",
                    $"crmext auth delete {profile.Name}, then crmext auth create it again with --secret, or with --secret-env <VARIABLE> to read the secret from the environment.");
            return secret;
        }

        private static ConnectionProfile Existing(ProfilesFile file, string name) =>
            file.Profiles.SingleOrDefault(p => p.Name == name)
            ?? throw new VerbFailure($"no connection profile named '{name}'.", "crmext auth list shows the profiles; crmext auth create adds one.");

        private ProfilesFile Load()
        {
            if (!File.Exists(FilePath)) return new ProfilesFile();
            try
            {
                return JsonSerializer.Deserialize<ProfilesFile>(File.ReadAllText(FilePath), Json) ?? new ProfilesFile();
            }
            catch (JsonException bad)
            {
                throw new VerbFailure($"{FilePath} is not a profile list crmext can read: {bad.Message}", "fix or delete the file, then crmext auth create.");
            }
        }

        private void Save(ProfilesFile file)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(FilePath, JsonSerializer.Serialize(file, Json));
        }

        /// <summary>profiles.json: the profiles and the name of the selected one.</summary>
        private sealed class ProfilesFile
        {
            public string Selected { get; set; }
            public List<ConnectionProfile> Profiles { get; set; } = new List<ConnectionProfile>();
        }
    }
}
