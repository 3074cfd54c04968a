// The activity tables the retention work lives in. See Schema.cs.

namespace CrmExtensions.Plugins.Model
{
    /// <summary>Every activity, whatever its table (activities share activityid); queryable, not a table of its own rows.</summary>
    public static class ActivityPointer
    {
        public const string EntityLogicalName = "activitypointer";
        public const string PrimaryId = "activityid";
        public const string ActualEnd = "actualend";
        public const string StateCode = "statecode";
        public const int StateCompleted = 1;
    }

    /// <summary>Who an activity involves: senders, recipients, attendees, and what it is regarding.</summary>
    public static class ActivityParty
    {
        public const string EntityLogicalName = "activityparty";
        public const string PrimaryId = "activitypartyid";
        public const string Activity = "activityid";
        public const string Party = "partyid";
    }

    /// <summary>The task table (named so it cannot be mistaken for System.Threading.Tasks.Task); an activity, keyed by activityid.</summary>
    public static class TaskActivity
    {
        public const string EntityLogicalName = "task";
        public const string PrimaryId = "activityid";
        public const int StatusCanceled = 6;
    }

    /// <summary>The phonecall table; an activity, keyed by activityid.</summary>
    public static class PhoneCallActivity
    {
        public const string EntityLogicalName = "phonecall";
        public const string PrimaryId = "activityid";
        public const int StatusCanceled = 3;
    }

    /// <summary>Columns the solution adds to task and phonecall to track retention work, and the activity columns it sets.</summary>
    public static class RetentionActivity
    {
        public const string Task = TaskActivity.EntityLogicalName;
        public const string PhoneCall = PhoneCallActivity.EntityLogicalName;
        public const string PrimaryId = "activityid";
        public const string Key = "cx_retentionkey";
        public const string Action = "cx_retentionaction";
        public const string Regarding = "regardingobjectid";
        public const string Subject = "subject";
        public const string Description = "description";
        public const string ScheduledEnd = "scheduledend";
        public const string ActualEnd = "actualend";
        public const string Owner = "ownerid";

        /// <summary>A phone call's recipients: activity parties naming whom to call.</summary>
        public const string To = "to";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const int StateOpen = 0;
        public const int StateCompleted = 1;
        public const int StateCanceled = 2;
        public const int TaskStatusCanceled = TaskActivity.StatusCanceled;
        public const int PhoneCallStatusCanceled = PhoneCallActivity.StatusCanceled;
    }
}
