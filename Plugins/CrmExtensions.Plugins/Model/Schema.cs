// Logical names of every table and column the plug-ins touch, defined once in the shape early-bound generation
// produces (publisher prefix "cx"): a class per table with its logical name, its primary id column and its columns.
// Choice values are in Choices.cs.
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

        /// <summary>The entity image aliases every step registration uses.</summary>
        public const string PreImage = "PreImage";
        public const string PostImage = "PostImage";
    }

    public static class Account
    {
        public const string EntityLogicalName = "account";
        public const string PrimaryId = "accountid";
        public const string Name = "name";
    }

    public static class Contact
    {
        public const string EntityLogicalName = "contact";
        public const string PrimaryId = "contactid";
        public const string FullName = "fullname";
    }

    /// <summary>Columns the solution adds to both account and contact.</summary>
    public static class CustomerColumns
    {
        public const string Tier = "cx_tier";
        public const string CurrentValue = "cx_currentvalue";
        public const string GrowthPotential = "cx_growthpotential";
        public const string LifetimeProfit = "cx_clp";
        public const string LifetimeProfitCurrent = "cx_clpcurrent";
        public const string LifetimeProfitPotential = "cx_clppotential";
        public const string RfmRecency = "cx_rfmrecency";
        public const string RfmFrequency = "cx_rfmfrequency";
        public const string RfmMonetary = "cx_rfmmonetary";
        public const string RfmSegment = "cx_rfmsegment";
        public const string LifecycleStage = "cx_lifecyclestage";
        public const string LifecyclePattern = "cx_lifecyclepattern";
        public const string LoyaltyLevel = "cx_loyaltylevel";
        public const string RepeatPurchaseRate = "cx_repeatpurchaserate";
        public const string CrossPurchaseBreadth = "cx_crosspurchasebreadth";
        public const string ReferralCount = "cx_referralcount";
        public const string PriceTolerance = "cx_pricetolerance";
        public const string Satisfaction = "cx_satisfaction";
        public const string ChurnRisk = "cx_churnrisk";
        public const string ChurnRiskBand = "cx_churnriskband";
        public const string ChurnReasons = "cx_churnreasons";

        /// <summary>The customer's usual days between purchases (empty before a second purchase).</summary>
        public const string PurchaseInterval = "cx_purchaseinterval";

        /// <summary>Purchases the purchase model expects within the churn horizon (churn.horizonMonths).</summary>
        public const string ExpectedPurchases = "cx_expectedpurchases";
        public const string LastEvaluatedOn = "cx_lastevaluatedon";

        /// <summary>The recalculation job whose page wrote the last evaluation; empty when an event, an API call or an override did.</summary>
        public const string LastEvaluationJob = "cx_lastevaluationjob";
        public const string TierOverride = "cx_tieroverride";
        public const string TierOverrideReason = "cx_tieroverridereason";
        public const string TierOverrideBy = "cx_tieroverrideby";
        public const string TierOverrideUntil = "cx_tieroverrideuntil";
        public const string ReferredBy = "cx_referredby";

        /// <summary>The customer's facts ledger (JSON, CustomerFactsLedger) that events keep current.</summary>
        public const string FactsLedger = "cx_factsledger";

        /// <summary>The customer's retention plan (JSON, RetentionPlan); a change of it is materialised into activities.</summary>
        public const string RetentionPlan = "cx_retentionplan";

        /// <summary>Length of cx_churnreasons (its MaxLength in Solution/src).</summary>
        public const int ChurnReasonsMaxLength = 4000;

        /// <summary>Columns only a recalculation or an authorised override may change.</summary>
        public static readonly string[] Guarded = { Tier, TierOverride, TierOverrideReason, TierOverrideUntil, TierOverrideBy };
    }

    public static class SalesOrder
    {
        public const string EntityLogicalName = "salesorder";
        public const string PrimaryId = "salesorderid";
        public const string Customer = "customerid";
        public const string TotalAmountBase = "totalamount_base";
        public const string TotalDiscountAmountBase = "totaldiscountamount_base";
        public const string SubmitDate = "submitdate";
        public const string StateCode = "statecode";
        public const int StateCanceled = 2;
    }

    public static class SalesOrderDetail
    {
        public const string EntityLogicalName = "salesorderdetail";
        public const string PrimaryId = "salesorderdetailid";
        public const string SalesOrder = "salesorderid";
        public const string Product = "productid";
    }

    public static class Product
    {
        public const string EntityLogicalName = "product";
        public const string PrimaryId = "productid";
        public const string Family = "cx_productfamily";
    }

    public static class Invoice
    {
        public const string EntityLogicalName = "invoice";
        public const string PrimaryId = "invoiceid";
        public const string Customer = "customerid";
        public const string SalesOrder = "salesorderid";
        public const string TotalAmountBase = "totalamount_base";
        public const string TotalDiscountAmountBase = "totaldiscountamount_base";
        public const string CreatedOn = "createdon";
        public const string StateCode = "statecode";
        public const int StateCanceled = 3;
    }

    public static class Opportunity
    {
        public const string EntityLogicalName = "opportunity";
        public const string PrimaryId = "opportunityid";
        public const string Customer = "customerid";
        public const string StateCode = "statecode";
        public const int StateWon = 1;
    }

    /// <summary>An activity table: its key is activityid.</summary>
    public static class OpportunityClose
    {
        public const string EntityLogicalName = "opportunityclose";
        public const string PrimaryId = "activityid";
        public const string Opportunity = "opportunityid";
    }

    /// <summary>An activity table: its key is activityid.</summary>
    public static class IncidentResolution
    {
        public const string EntityLogicalName = "incidentresolution";
        public const string PrimaryId = "activityid";
        public const string Incident = "incidentid";
    }

    public static class Incident
    {
        public const string EntityLogicalName = "incident";
        public const string Customer = "customerid";
        public const string CaseTypeCode = "casetypecode";
        public const string StateCode = "statecode";
        public const string CreatedOn = "createdon";
        public const string PrimaryId = "incidentid";
        public const int CaseTypeComplaint = 2;
        public const int StateActive = 0;
    }

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
        public const string ActiveSettingsName = "CustomerValue";

        /// <summary>The row cx_CalibrateSettings writes: only the calibration section, applied under the admin's document.</summary>
        public const string CalibrationName = "CustomerValueCalibration";

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
        public const string LastId = "cx_lastid";
        public const string Planned = "cx_planned";
        public const string Done = "cx_done";
        public const string Failed = "cx_failed";
        public const string Status = "cx_status";
        public const string Errors = "cx_errors";
        public const string FinishedOn = "cx_finishedon";

        /// <summary>Length of cx_customerids: a page of the largest size as ids, one per line.</summary>
        public const int CustomerIdsMaxLength = 40000;
    }

    /// <summary>Error codes of the platform's faults (OrganizationServiceFault.ErrorCode) the plug-ins react to.</summary>
    public static class PlatformErrors
    {
        /// <summary>An update under IfRowVersionMatches found the row changed since it was read.</summary>
        public const int ConcurrencyVersionMismatch = unchecked((int)0x80060882);

        /// <summary>A create found its id taken: another evaluation created the same planned activity first.</summary>
        public const int DuplicateRecord = unchecked((int)0x80040237);

        /// <summary>Another writer got to the customer or its activities between this evaluation's reads and its writes.</summary>
        public static bool IsConcurrentWrite(System.ServiceModel.FaultException<Microsoft.Xrm.Sdk.OrganizationServiceFault> fault) =>
            fault.Detail?.ErrorCode == ConcurrencyVersionMismatch || fault.Detail?.ErrorCode == DuplicateRecord;
    }

    public static class TierOverrideAudit
    {
        public const string EntityLogicalName = "cx_tieroverrideaudit";
        public const string PrimaryId = "cx_tieroverrideauditid";
        public const string Name = "cx_name";
        public const string Account = "cx_accountid";
        public const string Contact = "cx_contactid";
        public const string FromTier = "cx_fromtier";
        public const string ToTier = "cx_totier";
        public const string Reason = "cx_reason";
        public const string OverrideBy = "cx_overrideby";
        public const string Until = "cx_until";

        /// <summary>Only roles allowed to override tiers can create audit rows (granted to the Customer Value Manager role).</summary>
        public const string OverridePrivilege = "prvCreatecx_tieroverrideaudit";

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
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const int StateOpen = 0;
        public const int StateCompleted = 1;
        public const int StateCanceled = 2;
        public const int TaskStatusCanceled = TaskActivity.StatusCanceled;
        public const int PhoneCallStatusCanceled = PhoneCallActivity.StatusCanceled;
    }
}
