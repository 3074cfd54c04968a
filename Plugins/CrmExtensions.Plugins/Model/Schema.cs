// Logical names of every table, column and choice value the plugins touch, defined once
// (the shape early-bound generation produces; publisher prefix "cx").
namespace CrmExtensions.Plugins.Model
{
    /// <summary>Columns every table has.</summary>
    public static class Common
    {
        public const string StateCode = "statecode";
        public const string OwnerId = "ownerid";
        public const string ModifiedOn = "modifiedon";
        public const int StateActive = 0;

        public static string PrimaryIdOf(string table) => table + "id";
    }

    public static class SystemUser
    {
        public const string EntityLogicalName = "systemuser";
    }

    public static class Team
    {
        public const string EntityLogicalName = "team";
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
        public const string TierOverride = "cx_tieroverride";
        public const string TierOverrideReason = "cx_tieroverridereason";
        public const string TierOverrideBy = "cx_tieroverrideby";
        public const string TierOverrideUntil = "cx_tieroverrideuntil";
        public const string ReferredBy = "cx_referredby";

        /// <summary>The customer's facts ledger (JSON, CustomerFactsLedger) that events keep current.</summary>
        public const string FactsLedger = "cx_factsledger";

        /// <summary>The customer's retention plan (JSON, RetentionPlan); a change of it is materialised into activities.</summary>
        public const string RetentionPlan = "cx_retentionplan";

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
        public const string Customer = "customerid";
        public const string StateCode = "statecode";
        public const int StateWon = 1;
    }

    public static class OpportunityClose
    {
        public const string EntityLogicalName = "opportunityclose";
        public const string Opportunity = "opportunityid";
    }

    public static class IncidentResolution
    {
        public const string EntityLogicalName = "incidentresolution";
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
        public const string Customer = "cx_customer";
        public const string Score = "cx_score";
        public const string AnsweredOn = "cx_answeredon";
    }

    public static class Setting
    {
        public const string EntityLogicalName = "cx_setting";
        public const string Name = "cx_name";
        public const string Value = "cx_value";
        public const string ActiveSettingsName = "CustomerValue";

        /// <summary>The row cx_CalibrateSettings writes: only the calibration section, applied under the admin's document.</summary>
        public const string CalibrationName = "CustomerValueCalibration";
    }

    public static class TierOverrideAudit
    {
        public const string EntityLogicalName = "cx_tieroverrideaudit";
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
    }

    /// <summary>Columns the solution adds to task and phonecall to track retention work.</summary>
    public static class RetentionActivity
    {
        public const string Task = "task";
        public const string PhoneCall = "phonecall";
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
        public const int TaskStatusCanceled = 6;
        public const int PhoneCallStatusCanceled = 3;
    }

    /// <summary>Choice values: custom options are numbered from the publisher's option value prefix (10000 → 100000000).</summary>
    public static class Choice
    {
        public const int OptionBase = 100000000;

        public static int ToOption<TEnum>(TEnum value) where TEnum : struct => OptionBase + System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

        public static TEnum FromOption<TEnum>(int option) where TEnum : struct =>
            TryFromOption<TEnum>(option, out var value)
                ? value
                : throw new CrmExtensions.Domain.DomainValidationException($"{option} is not a known {typeof(TEnum).Name} choice value (expected {OptionBase + 1} upwards).");

        public static bool TryFromOption<TEnum>(int option, out TEnum value) where TEnum : struct
        {
            var raw = option - OptionBase;
            var known = System.Enum.IsDefined(typeof(TEnum), raw);
            value = known ? (TEnum)System.Enum.ToObject(typeof(TEnum), raw) : default(TEnum);
            return known;
        }
    }
}
