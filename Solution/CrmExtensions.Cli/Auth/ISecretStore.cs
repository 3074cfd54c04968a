namespace CrmExtensions.Cli.Auth
{
    /// <summary>Where a profile's secret is kept, by profile name, out of profiles.json.</summary>
    public interface ISecretStore
    {
        /// <summary>Said when a secret is stored: why it is or is not safe there (null when the OS's store holds it).</summary>
        string Warning { get; }

        void Save(string profile, string secret);

        /// <summary>The secret, or null when none is stored.</summary>
        string Read(string profile);

        void Delete(string profile);
    }
}
