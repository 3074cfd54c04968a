namespace CrmExtensions.Dataverse.InMemory.Security
{
    /// <summary>
    /// How far a role's privilege reaches, as a role's RolePrivilege level names it: the user's own rows (Basic), their
    /// business unit's (Local), their unit and the units below it (Deep), or every row (Global).
    /// </summary>
    public enum AccessDepth
    {
        None = 0,
        Basic = 1,
        Local = 2,
        Deep = 3,
        Global = 4,
    }

    /// <summary>What a request does to a row; the privilege it needs is prv&lt;Right&gt;&lt;table&gt;.</summary>
    public enum AccessRight
    {
        Read,
        Write,
        Create,
        Delete,
        Assign,
    }
}
