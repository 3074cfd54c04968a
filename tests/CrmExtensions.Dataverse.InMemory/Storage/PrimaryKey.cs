using System;
using System.Collections.Generic;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>The primary key column of a table: "&lt;table&gt;id", except activity tables, which share "activityid".</summary>
    public static class PrimaryKey
    {
        private static readonly HashSet<string> ActivityTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "activitypointer", "task", "phonecall", "email", "appointment", "letter", "fax", "serviceappointment", "campaignactivity", "recurringappointmentmaster",
        };

        public static string For(string table) => ActivityTables.Contains(table) ? "activityid" : table + "id";
    }
}
