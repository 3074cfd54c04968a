using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>
    /// What the message handlers ask of security, in one place: the users and their roles, the business units, record
    /// access by privilege depth and column security. Every check passes for SYSTEM (a plug-in's system service) and the
    /// system administrator; requests made with a user's service are checked.
    /// </summary>
    public sealed class SecurityModel
    {
        public SecurityModel(Guid rootBusinessUnit)
        {
            Units = new BusinessUnits(rootBusinessUnit);
            Users = new UserPrivileges();
            Records = new RecordAccess(Users, Units);
            Columns = new ColumnSecurity(Users);
        }

        public BusinessUnits Units { get; }
        public UserPrivileges Users { get; }
        public RecordAccess Records { get; }
        public ColumnSecurity Columns { get; }

        /// <summary>Roles and column security as the solution ships them.</summary>
        public void Load(string solutionSourceDirectory)
        {
            foreach (var role in SecurityRole.Load(solutionSourceDirectory)) Users.Define(role);
            Columns.Load(solutionSourceDirectory);
        }

        /// <summary>A read of a stored row: the user must reach it, and sees only the secured columns a profile lets them read.</summary>
        public Entity Readable(Guid userId, Entity stored, Entity copy)
        {
            Records.Demand(userId, AccessRight.Read, stored);
            Columns.HideUnreadable(userId, copy);
            return copy;
        }

        /// <summary>Whether a query returns the row to the user (a query leaves out the rows the user cannot reach).</summary>
        public bool Visible(Guid userId, Entity stored) => Records.Allows(userId, AccessRight.Read, stored);

        /// <summary>A query of a table needs its read privilege at some depth, as on the platform.</summary>
        public void DemandQuery(Guid userId, string table)
        {
            if (Users.Depth(userId, PrivilegeNames.For(AccessRight.Read, table)) == AccessDepth.None)
                Records.Demand(userId, AccessRight.Read, new Entity(table));
        }

        /// <summary>A write of <paramref name="target"/>'s columns over <paramref name="stored"/> (null on create).</summary>
        public void DemandWrite(Guid userId, Entity target, Entity stored)
        {
            Records.Demand(userId, stored == null ? AccessRight.Create : AccessRight.Write, stored ?? target);
            Columns.DemandWrite(userId, target, isCreate: stored == null);
        }
    }
}
