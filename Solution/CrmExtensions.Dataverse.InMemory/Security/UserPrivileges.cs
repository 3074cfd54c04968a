using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>
    /// Each user's business unit and the privileges their roles grant (a privilege granted directly reaches every row);
    /// the system administrator holds every privilege at every depth.
    /// </summary>
    public sealed class UserPrivileges
    {
        private readonly Dictionary<Guid, Principal> _users = new Dictionary<Guid, Principal>();
        private readonly Dictionary<string, SecurityRole> _roles = new Dictionary<string, SecurityRole>(StringComparer.OrdinalIgnoreCase);

        public Guid SystemUserId { get; set; }

        public void Define(SecurityRole role) => _roles[role.Name] = role;

        public void Add(Guid userId, Guid businessUnitId, IEnumerable<string> privileges) =>
            _users[userId] = new Principal(businessUnitId, privileges ?? Array.Empty<string>());

        public void Grant(Guid userId, string privilegeName) => _users[userId].Direct.Add(privilegeName);

        public void Assign(Guid userId, string roleName) =>
            _users[userId].Roles.Add(_roles.TryGetValue(roleName, out var role) ? role : throw new ArgumentException($"No security role named '{roleName}'."));

        public Guid BusinessUnitOf(Guid userId) => _users.TryGetValue(userId, out var user) ? user.BusinessUnitId : Guid.Empty;

        public bool IsSystem(Guid userId) => userId == SystemUserId;

        public bool Has(Guid userId, string privilegeName) => Depth(userId, privilegeName) != AccessDepth.None;

        /// <summary>The deepest reach any of the user's roles gives the privilege.</summary>
        public AccessDepth Depth(Guid userId, string privilegeName)
        {
            if (IsSystem(userId)) return AccessDepth.Global;
            if (!_users.TryGetValue(userId, out var user)) return AccessDepth.None;
            if (user.Direct.Contains(privilegeName)) return AccessDepth.Global;
            return user.Roles.Select(r => r.Privileges.TryGetValue(privilegeName, out var depth) ? depth : AccessDepth.None)
                .DefaultIfEmpty(AccessDepth.None).Max();
        }

        public int RoleCount(Guid userId) => _users.TryGetValue(userId, out var user) ? user.Roles.Count : 0;

        private sealed class Principal
        {
            public Principal(Guid businessUnitId, IEnumerable<string> direct)
            {
                BusinessUnitId = businessUnitId;
                Direct = new HashSet<string>(direct, StringComparer.OrdinalIgnoreCase);
            }

            public Guid BusinessUnitId { get; }
            public HashSet<string> Direct { get; }
            public List<SecurityRole> Roles { get; } = new List<SecurityRole>();
        }
    }
}
