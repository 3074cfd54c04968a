// Logical names of every table and column the plug-ins touch, defined once in the shape early-bound generation
// produces (publisher prefix "cx"): a class per table with its logical name, its primary id column and its columns.
// This file: what every table shares and the platform's own names; the tables are in *Tables.cs by area, choice
// values in Choices.cs.
using System;
using System.Collections.Generic;

namespace CrmExtensions.Plugins.Model
{
    /// <summary>Columns every table has, and each table's primary id column.</summary>
    public static class Common
    {
        public const string StateCode = "statecode";
        public const string OwnerId = "ownerid";
        public const string ModifiedOn = "modifiedon";
        public const string CreatedOn = "createdon";

        /// <summary>The creation date a migration gives a row; the platform makes it the row's createdon.</summary>
        public const string OverriddenCreatedOn = "overriddencreatedon";
        public const int StateActive = 0;

        // Activity tables share activitypointer's key, so "<table>id" would be wrong for them.
        private static readonly Dictionary<string, string> PrimaryIds = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Account.EntityLogicalName] = Account.PrimaryId,
            [Contact.EntityLogicalName] = Contact.PrimaryId,
            [SystemUser.EntityLogicalName] = SystemUser.PrimaryId,
            [Team.EntityLogicalName] = Team.PrimaryId,
            [SalesOrder.EntityLogicalName] = SalesOrder.PrimaryId,
            [SalesOrderDetail.EntityLogicalName] = SalesOrderDetail.PrimaryId,
            [Product.EntityLogicalName] = Product.PrimaryId,
            [Invoice.EntityLogicalName] = Invoice.PrimaryId,
            [Opportunity.EntityLogicalName] = Opportunity.PrimaryId,
            [OpportunityClose.EntityLogicalName] = OpportunityClose.PrimaryId,
            [Incident.EntityLogicalName] = Incident.PrimaryId,
            [IncidentResolution.EntityLogicalName] = IncidentResolution.PrimaryId,
            [CxSurveyResponse.EntityLogicalName] = CxSurveyResponse.PrimaryId,
            [Setting.EntityLogicalName] = Setting.PrimaryId,
            [TierOverrideAudit.EntityLogicalName] = TierOverrideAudit.PrimaryId,
            [CustomerScoreChange.EntityLogicalName] = CustomerScoreChange.PrimaryId,
            [TaskActivity.EntityLogicalName] = TaskActivity.PrimaryId,
            [PhoneCallActivity.EntityLogicalName] = PhoneCallActivity.PrimaryId,
            [CompetitorPresence.EntityLogicalName] = CompetitorPresence.PrimaryId,
            [CustomerLoss.EntityLogicalName] = CustomerLoss.PrimaryId,
            [Competitor.EntityLogicalName] = Competitor.PrimaryId,
            [ActivityPointer.EntityLogicalName] = ActivityPointer.PrimaryId,
            [ActivityParty.EntityLogicalName] = ActivityParty.PrimaryId,
            [RecalculationJob.EntityLogicalName] = RecalculationJob.PrimaryId,
            [RecalculationPage.EntityLogicalName] = RecalculationPage.PrimaryId,
        };

        /// <summary>The primary id column of a table this schema names.</summary>
        public static string PrimaryIdOf(string table) =>
            PrimaryIds.TryGetValue(table, out var id) ? id : throw new ArgumentException($"'{table}' is not a table the plug-ins use.", nameof(table));
    }

    public static class SystemUser
    {
        public const string EntityLogicalName = "systemuser";
        public const string PrimaryId = "systemuserid";
    }

    public static class Team
    {
        public const string EntityLogicalName = "team";
        public const string PrimaryId = "teamid";
    }

    /// <summary>Message parameter names the plugins read.</summary>
    public static class Parameters
    {
        public const string Target = "Target";
        public const string Customer = "Customer";

        /// <summary>SetState's new state (its Target is the EntityMoniker).</summary>
        public const string State = "State";

        /// <summary>The entity image aliases every step registration uses.</summary>
        public const string PreImage = "PreImage";
        public const string PostImage = "PostImage";
    }

    /// <summary>Error codes of the platform's faults (OrganizationServiceFault.ErrorCode) the plug-ins react to.</summary>
    public static class PlatformErrors
    {
        /// <summary>An update under IfRowVersionMatches found the row changed since it was read.</summary>
        public const int ConcurrencyVersionMismatch = unchecked((int)0x80060882);

        /// <summary>A create found its id taken: another evaluation created the same planned activity first.</summary>
        public const int DuplicateRecord = unchecked((int)0x80040237);

        /// <summary>AggregateQueryRecordLimitExceeded (-2147164125): an aggregate over more rows than the platform aggregates at once.</summary>
        public const int AggregateQueryRecordLimitExceeded = unchecked((int)0x8004E023);

        /// <summary>Generic SQL error (-2147204784): Microsoft names concurrent updates of one record (deadlock, SQL 1205) as its cause.</summary>
        public const int GenericSqlError = unchecked((int)0x80044150);

        /// <summary>SQL timeout expired (-2147204783).</summary>
        public const int SqlTimeout = unchecked((int)0x80044151);

        /// <summary>The SQL transaction was already rolled back, "usually caused by a swallowed SQL deadlock" (-2147220907).</summary>
        public const int SqlTransactionRolledBack = unchecked((int)0x80040255);

        /// <summary>
        /// The service protection limits (-2147015902, -2147015903, -2147015898): too many requests, too much execution time
        /// or too many at once from one user in the window; the request itself is fine and passes later.
        /// </summary>
        public const int RequestsLimitExceeded = unchecked((int)0x80072322), ExecutionTimeLimitExceeded = unchecked((int)0x80072321),
            ConcurrentRequestsLimitExceeded = unchecked((int)0x80072326);

        /// <summary>A fault that says the org was busy, not that the request was wrong: a SQL deadlock or timeout, a service protection limit.</summary>
        public static bool IsBusy(int? code) =>
            code == GenericSqlError || code == SqlTimeout || code == SqlTransactionRolledBack
            || code == RequestsLimitExceeded || code == ExecutionTimeLimitExceeded || code == ConcurrentRequestsLimitExceeded;

        /// <summary>Another writer got to the customer or its activities between this evaluation's reads and its writes.</summary>
        public static bool IsConcurrentWrite(System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> fault) =>
            fault.Detail?.ErrorCode == ConcurrencyVersionMismatch || fault.Detail?.ErrorCode == DuplicateRecord;
    }
}
