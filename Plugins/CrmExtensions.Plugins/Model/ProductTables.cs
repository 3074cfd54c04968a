// The product's own tables (publisher prefix cx). See Schema.cs.

using CrmExtensions.Domain.Configuration;

namespace CrmExtensions.Plugins.Model
{
    public static class CxSurveyResponse
    {
        public const string EntityLogicalName = "cx_surveyresponse";
        public const string PrimaryId = "cx_surveyresponseid";
        public const string Customer = "cx_customer";
        public const string Score = "cx_score";
        public const string AnsweredOn = "cx_answeredon";
    }

    public static class Setting
    {
        public const string EntityLogicalName = "cx_setting";
        public const string PrimaryId = "cx_settingid";
        public const string Name = "cx_name";
        public const string Value = "cx_value";
        public const string ActiveSettingsName = SettingsRows.AdminName;

        /// <summary>The row cx_CalibrateSettings writes: only the calibration section, applied under the admin's document.</summary>
        public const string CalibrationName = SettingsRows.CalibrationName;

        /// <summary>Who may change the settings (Customer Value Administrator) may also recalibrate them.</summary>
        public const string WritePrivilege = "prvWritecx_setting";
    }

    /// <summary>
    /// A recalculation job: which customers (scope table, optional FetchXML filter, only those last evaluated before a
    /// moment), how (rebuild the ledgers or not, customers per page), and its progress as its pages report it.
    /// </summary>
    public static class RecalculationJob
    {
        public const string EntityLogicalName = "cx_recalculationjob";
        public const string PrimaryId = "cx_recalculationjobid";
        public const string Name = "cx_name";
        public const string Scope = "cx_scope";
        public const string Filter = "cx_filter";
        public const string EvaluatedBefore = "cx_evaluatedbefore";
        public const string Rebuild = "cx_rebuild";
        public const string Calibrate = "cx_calibrate";
        public const string PageSize = "cx_pagesize";
        public const string Status = "cx_status";
        public const string Pages = "cx_pages";
        public const string PagesDone = "cx_pagesdone";
        public const string Planned = "cx_planned";
        public const string Done = "cx_done";
        public const string Failed = "cx_failed";
        public const string StartedOn = "cx_startedon";
        public const string FinishedOn = "cx_finishedon";
        public const string Errors = "cx_errors";
        public const string CreatedOn = "createdon";

        /// <summary>Length of cx_filter and cx_errors (their MaxLength in Solution/src).</summary>
        public const int TextMaxLength = 4000;

        /// <summary>Length of cx_name (its MaxLength in Solution/src).</summary>
        public const int NameMaxLength = 200;

        /// <summary>Starting a job (the Custom API, or a new row from the form) needs the right to create a job row.</summary>
        public const string StartPrivilege = "prvCreatecx_recalculationjob";
    }

    /// <summary>One page of a job: the customers it evaluates (a keyset slice of the scope, by id) and its outcome.</summary>
    public static class RecalculationPage
    {
        public const string EntityLogicalName = "cx_recalculationpage";
        public const string PrimaryId = "cx_recalculationpageid";
        public const string Name = "cx_name";
        public const string Job = "cx_jobid";
        public const string Number = "cx_number";
        public const string CustomerIds = "cx_customerids";

        /// <summary>The last customer of the row's range: a page's last id, or where a slice of the plan ends.</summary>
        public const string LastId = "cx_lastid";

        /// <summary>A slice of the plan (a row without customer ids): the paging cookie of the read before its first customer.</summary>
        public const string PagingCookie = "cx_pagingcookie";
        public const string Planned = "cx_planned";
        public const string Done = "cx_done";
        public const string Failed = "cx_failed";
        public const string Status = "cx_status";
        public const string Errors = "cx_errors";
        public const string FinishedOn = "cx_finishedon";

        /// <summary>Length of cx_customerids: a page of the largest size as ids, one per line.</summary>
        public const int CustomerIdsMaxLength = 40000;
    }

    public static class TierOverrideAudit
    {
        public const string EntityLogicalName = "cx_tieroverrideaudit";
        public const string PrimaryId = "cx_tieroverrideauditid";
        public const string Name = "cx_name";
        /// <summary>The account or contact whose tier was overridden: one Customer lookup, so the audit has one parent.</summary>
        public const string Customer = "cx_customer";
        public const string FromTier = "cx_fromtier";
        public const string ToTier = "cx_totier";
        public const string Reason = "cx_reason";
        public const string OverrideBy = "cx_overrideby";
        public const string Until = "cx_until";

        /// <summary>
        /// The right to override a tier (Customer Value Manager). Not Create on this table, which would let a user write audit
        /// rows: AppendTo grants nothing else here (no table looks up an audit row), so it stands for the override alone.
        /// </summary>
        public const string OverridePrivilege = "prvAppendTocx_tieroverrideaudit";

        /// <summary>Held by the roles that answer for tiers (manager, administrator): the execute privilege of cx_RecalculateCustomer.</summary>
        public const string ReadPrivilege = "prvReadcx_tieroverrideaudit";
    }

    /// <summary>
    /// The score history: one row per evaluation that moved a customer's tier, churn risk band, lifecycle stage or
    /// loyalty level (each from/to pair set only when that score moved), with the top churn reasons and the trigger.
    /// </summary>
    public static class CustomerScoreChange
    {
        public const string EntityLogicalName = "cx_scorechange";
        public const string PrimaryId = "cx_scorechangeid";

        /// <summary>Held by both product roles: whoever may read customers' score history may preview a score (cx_PreviewTier).</summary>
        public const string ReadPrivilege = "prvReadcx_scorechange";
        public const string Name = "cx_name";
        public const string Customer = "cx_customer";
        public const string TierFrom = "cx_tierfrom";
        public const string TierTo = "cx_tierto";
        public const string ChurnBandFrom = "cx_churnbandfrom";
        public const string ChurnBandTo = "cx_churnbandto";
        public const string StageFrom = "cx_stagefrom";
        public const string StageTo = "cx_stageto";
        public const string LoyaltyFrom = "cx_loyaltyfrom";
        public const string LoyaltyTo = "cx_loyaltyto";
        public const string ChurnRisk = "cx_churnrisk";
        public const string TopReasons = "cx_topreasons";
        public const string Trigger = "cx_trigger";
        public const string TriggerDetail = "cx_triggerdetail";
        public const string CreatedOn = "createdon";

        /// <summary>Lengths of cx_name, cx_topreasons and cx_triggerdetail (their MaxLength in Solution/src).</summary>
        public const int NameMaxLength = 200, TopReasonsMaxLength = 2000, TriggerDetailMaxLength = 500;
    }

    /// <summary>A competitor at an account, as users record it.</summary>
    public static class CompetitorPresence
    {
        public const string EntityLogicalName = "cx_competitorpresence";
        public const string PrimaryId = "cx_competitorpresenceid";
        public const string Name = "cx_name";
        public const string Account = "cx_account";
        public const string Competitor = "cx_competitor";
        public const string Products = "cx_products";
        public const string Satisfaction = "cx_satisfaction";
        public const string Representative = "cx_representative";
        public const string Relationship = "cx_relationship";
        public const string Trend = "cx_trend";
        public const string RecordedOn = "cx_recordedon";
    }

    /// <summary>A lost customer: when, its cause, and whether it was won back.</summary>
    public static class CustomerLoss
    {
        public const string EntityLogicalName = "cx_customerloss";
        public const string PrimaryId = "cx_customerlossid";
        public const string Name = "cx_name";
        public const string Customer = "cx_customer";
        public const string LostOn = "cx_loston";
        public const string Detection = "cx_detection";
        public const string CauseFamily = "cx_causefamily";
        public const string Cause = "cx_cause";
        public const string Details = "cx_details";
        public const string TierAtLoss = "cx_tieratloss";
        public const string StageAtLoss = "cx_stageatloss";
        public const string PatternAtLoss = "cx_patternatloss";
        public const string LastPurchaseOn = "cx_lastpurchaseon";
        public const string WinBackOutcome = "cx_winbackoutcome";
        public const string RecoveredOn = "cx_recoveredon";
        public const string DaysToRecovery = "cx_daystorecovery";

        /// <summary>Length of cx_details.</summary>
        public const int DetailsMaxLength = 4000;
    }
}
