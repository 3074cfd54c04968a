// The platform's service tables the product reads: cases and their resolutions. See Schema.cs.

namespace CrmExtensions.Plugins.Model
{
    public static class Incident
    {
        public const string EntityLogicalName = "incident";
        public const string Customer = "customerid";
        public const string CaseTypeCode = "casetypecode";
        public const string StateCode = "statecode";
        public const string CreatedOn = "createdon";
        public const string PrimaryId = "incidentid";
        /// <summary>The platform's Problem case type: the default complaint type (settings complaints.caseTypes).</summary>
        public const int CaseTypeComplaint = 2;
        public const int StateActive = 0;
    }

    /// <summary>An activity table: its key is activityid.</summary>
    public static class IncidentResolution
    {
        public const string EntityLogicalName = "incidentresolution";
        public const string PrimaryId = "activityid";
        public const string Incident = "incidentid";
    }
}
