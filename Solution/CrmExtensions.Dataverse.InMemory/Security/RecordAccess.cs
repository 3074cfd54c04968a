using System;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>
    /// Whether a user may read, write, create, delete or assign a row: their roles must hold the table's privilege at a
    /// depth that reaches the row's owner (the user's own rows, their business unit's, their unit and those below it, or
    /// all). SYSTEM and the system administrator pass every check. Sharing and teams are not modelled.
    /// </summary>
    public sealed class RecordAccess
    {
        private readonly UserPrivileges _privileges;
        private readonly BusinessUnits _units;

        public RecordAccess(UserPrivileges privileges, BusinessUnits units)
        {
            _privileges = privileges;
            _units = units;
        }

        public bool Allows(Guid userId, AccessRight right, Entity row)
        {
            if (_privileges.IsSystem(userId)) return true;
            var depth = _privileges.Depth(userId, PrivilegeNames.For(right, row.LogicalName));
            return Reaches(userId, depth, row);
        }

        /// <summary>Fails the request as the platform does: no privilege at all, or one that does not reach this row.</summary>
        public void Demand(Guid userId, AccessRight right, Entity row)
        {
            if (_privileges.IsSystem(userId)) return;
            var privilege = PrivilegeNames.For(right, row.LogicalName);
            var depth = _privileges.Depth(userId, privilege);
            if (depth == AccessDepth.None)
                throw new DataverseFaultException(ErrorCodes.PrincipalPrivilegeDenied,
                    $"Principal user (Id={userId}, type=8, roleCount={_privileges.RoleCount(userId)}), is missing {privilege} privilege for entity '{row.LogicalName}'.");
            if (!Reaches(userId, depth, row))
                throw new DataverseFaultException(ErrorCodes.AccessCheckFailed,
                    $"SecLib::AccessCheckEx failed. ObjectID: {row.Id}, OwnerId: {Owner(row)?.Id}, OwnerIdType: 8 and CallingUser: {userId}. " +
                    $"Entity: {row.LogicalName}, objectBusinessUnitId: {OwningUnit(row)}, AccessRights: {right}Access");
        }

        /// <summary>The business unit a row belongs to: the one stamped on it, else its owning user's.</summary>
        public Guid OwningUnit(Entity row)
        {
            if (row.GetAttributeValue<EntityReference>(Columns.OwningBusinessUnit) is EntityReference unit) return unit.Id;
            var owner = Owner(row);
            return owner == null ? _units.Root : _privileges.BusinessUnitOf(owner.Id);
        }

        private bool Reaches(Guid userId, AccessDepth depth, Entity row)
        {
            switch (depth)
            {
                case AccessDepth.Global: return true;
                case AccessDepth.None: return false;
            }
            // A row no user owns (organisation-owned tables) is reached by any depth.
            var owner = Owner(row);
            if (owner == null) return true;
            if (owner.Id == userId) return true;
            var userUnit = _privileges.BusinessUnitOf(userId);
            var rowUnit = OwningUnit(row);
            return depth == AccessDepth.Local ? rowUnit == userUnit
                : depth == AccessDepth.Deep && _units.IsWithin(rowUnit, userUnit);
        }

        private static EntityReference Owner(Entity row) => row.GetAttributeValue<EntityReference>(Columns.OwnerId);

        public static class Columns
        {
            public const string OwnerId = "ownerid";
            public const string OwningBusinessUnit = "owningbusinessunit";
        }
    }
}
