using System;
using System.Collections.Generic;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>The business unit tree: the root unit of the organisation and each unit's parent.</summary>
    public sealed class BusinessUnits
    {
        private readonly Dictionary<Guid, Guid?> _parents = new Dictionary<Guid, Guid?>();

        public BusinessUnits(Guid root)
        {
            Root = root;
            _parents[root] = null;
        }

        public Guid Root { get; }

        public void Add(Guid unit, Guid parent)
        {
            if (!_parents.ContainsKey(parent)) throw new ArgumentException($"No business unit {parent}.");
            _parents[unit] = parent;
        }

        /// <summary>True when <paramref name="unit"/> is <paramref name="ancestor"/> or lies below it.</summary>
        public bool IsWithin(Guid unit, Guid ancestor)
        {
            for (Guid? current = unit; current.HasValue; current = _parents.TryGetValue(current.Value, out var parent) ? parent : null)
            {
                if (current.Value == ancestor) return true;
            }
            return false;
        }
    }
}
