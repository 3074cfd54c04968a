using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>The columns the platform stamps on every write: created/modified on and by, and a new row's owner and state.</summary>
    public static class SystemColumns
    {
        public static void Apply(Entity row, Guid userId, DateTime now, bool isCreate)
        {
            var user = new EntityReference("systemuser", userId);
            if (isCreate)
            {
                if (!row.Contains("createdon")) row["createdon"] = now;
                row["createdby"] = user;
                if (!row.Contains("ownerid")) row["ownerid"] = new EntityReference("systemuser", userId);
                if (!row.Contains("statecode")) row["statecode"] = new OptionSetValue(0);
                if (!row.Contains("statuscode")) row["statuscode"] = new OptionSetValue(1);
            }
            row["modifiedon"] = now;
            row["modifiedby"] = user;
        }
    }
}
