using System;
using System.Collections.Generic;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>The privileges each user holds, as their roles would grant them; the system administrator holds every one.</summary>
    public sealed class UserPrivileges
    {
        private readonly Dictionary<Guid, HashSet<string>> _granted = new Dictionary<Guid, HashSet<string>>();

        public Guid SystemUserId { get; set; }

        public void Add(Guid userId, IEnumerable<string> privileges) =>
            _granted[userId] = new HashSet<string>(privileges ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);

        public void Grant(Guid userId, string privilegeName) => _granted[userId].Add(privilegeName);

        public bool Has(Guid userId, string privilegeName) =>
            userId == SystemUserId || (_granted.TryGetValue(userId, out var set) && set.Contains(privilegeName));
    }
}
