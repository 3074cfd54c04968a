using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>
    /// Column (field) security: the columns a table marks IsSecured, and the field security profiles that give their
    /// members read, update or create on them. A user sees a secured column only through a profile that lets them read
    /// it, and a write of one fails unless a profile lets them update (create) it; SYSTEM and the system administrator
    /// see and write everything, as on the platform.
    /// </summary>
    public sealed class ColumnSecurity
    {
        /// <summary>A fieldpermission's CanRead/CanUpdate/CanCreate value that allows the right (0 does not).</summary>
        public const int Allowed = 4;

        private readonly HashSet<string> _secured = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, FieldSecurityProfile> _profiles = new Dictionary<string, FieldSecurityProfile>(StringComparer.OrdinalIgnoreCase);
        private readonly UserPrivileges _users;

        public ColumnSecurity(UserPrivileges users) { _users = users; }

        public bool IsSecured(string table, string column) => _secured.Contains(Key(table, column));

        public void Secure(string table, string column) => _secured.Add(Key(table, column));

        public void Define(FieldSecurityProfile profile) => _profiles[profile.Name] = profile;

        public void AddMember(string profileName, Guid userId) =>
            (_profiles.TryGetValue(profileName, out var profile) ? profile : throw new ArgumentException($"No field security profile named '{profileName}'."))
                .Members.Add(userId);

        public bool CanRead(Guid userId, string table, string column) => Allows(userId, table, column, p => p.CanRead);

        /// <summary>
        /// Removes the secured columns the user may not read, as the platform returns them without a value: the row's own and
        /// those of linked tables (aliased values name their table and column).
        /// </summary>
        public void HideUnreadable(Guid userId, Entity row)
        {
            if (_users.IsSystem(userId)) return;
            foreach (var column in row.Attributes.Where(a => Hidden(userId, row.LogicalName, a)).Select(a => a.Key).ToList())
                row.Attributes.Remove(column);
        }

        private bool Hidden(Guid userId, string table, KeyValuePair<string, object> column) =>
            column.Value is AliasedValue aliased
                ? aliased.AttributeLogicalName != null && !CanRead(userId, aliased.EntityLogicalName, aliased.AttributeLogicalName)
                : !CanRead(userId, table, column.Key);

        /// <summary>Fails a create or update that sets a secured column the user's profiles do not let them create or update.</summary>
        public void DemandWrite(Guid userId, Entity target, bool isCreate)
        {
            if (_users.IsSystem(userId)) return;
            foreach (var column in target.Attributes.Keys.Where(c => IsSecured(target.LogicalName, c)))
            {
                // On create an empty secured column is no value at all.
                if (isCreate && target[column] == null) continue;
                if (Allows(userId, target.LogicalName, column, p => isCreate ? p.CanCreate : p.CanUpdate)) continue;
                throw isCreate
                    ? new DataverseFaultException(ErrorCodes.AttributePrivilegeCreateIsMissing,
                        $"The user does not have create permissions to a secured field. The requested operation could not be completed. ({target.LogicalName}.{column})")
                    : new DataverseFaultException(ErrorCodes.AttributePermissionUpdateIsMissingDuringUpdate,
                        $"The user doesn't have AttributePrivilegeUpdate and not granted shared access for a secured attribute during update operation ({target.LogicalName}.{column})");
            }
        }

        /// <summary>Secured columns from Entities/*/Entity.xml and the profiles from Other/FieldSecurityProfiles.xml.</summary>
        public void Load(string solutionSourceDirectory)
        {
            var entities = Path.Combine(solutionSourceDirectory, "Entities");
            if (Directory.Exists(entities))
            {
                foreach (var file in Directory.GetFiles(entities, "Entity.xml", SearchOption.AllDirectories))
                {
                    var root = XDocument.Load(file).Root;
                    var table = ((string)root.Element("Name") ?? "").ToLowerInvariant();
                    foreach (var attribute in root.Descendants("attribute").Where(a => (string)a.Element("IsSecured") == "1"))
                        Secure(table, (string)attribute.Element("LogicalName"));
                }
            }
            var profiles = Path.Combine(solutionSourceDirectory, "Other", "FieldSecurityProfiles.xml");
            if (!File.Exists(profiles)) return;
            foreach (var profile in XDocument.Load(profiles).Root.Elements("FieldSecurityProfile"))
                Define(FieldSecurityProfile.FromXml(profile));
        }

        private bool Allows(Guid userId, string table, string column, Func<FieldPermission, bool> right)
        {
            if (_users.IsSystem(userId) || !IsSecured(table, column)) return true;
            return _profiles.Values.Any(p => p.Members.Contains(userId) && p.Permissions.TryGetValue(Key(table, column), out var permission) && right(permission));
        }

        internal static string Key(string table, string column) => table + "." + column;
    }

    public sealed class FieldPermission
    {
        public bool CanRead { get; set; }
        public bool CanUpdate { get; set; }
        public bool CanCreate { get; set; }
    }

    /// <summary>A field security profile: the rights it gives on each secured column, and its members.</summary>
    public sealed class FieldSecurityProfile
    {
        public FieldSecurityProfile(string name) { Name = name; }

        public string Name { get; }
        public Dictionary<string, FieldPermission> Permissions { get; } = new Dictionary<string, FieldPermission>(StringComparer.OrdinalIgnoreCase);
        public HashSet<Guid> Members { get; } = new HashSet<Guid>();

        public static FieldSecurityProfile FromXml(XElement element)
        {
            var profile = new FieldSecurityProfile((string)element.Attribute("name"));
            foreach (var permission in element.Element("FieldPermissions")?.Elements("FieldPermission") ?? Enumerable.Empty<XElement>())
            {
                profile.Permissions[ColumnSecurity.Key((string)permission.Element("EntityName"), (string)permission.Element("AttributeName"))] = new FieldPermission
                {
                    CanRead = (int)permission.Element("CanRead") == ColumnSecurity.Allowed,
                    CanUpdate = (int)permission.Element("CanUpdate") == ColumnSecurity.Allowed,
                    CanCreate = (int)permission.Element("CanCreate") == ColumnSecurity.Allowed,
                };
            }
            return profile;
        }
    }
}
