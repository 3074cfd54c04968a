// The customer tables (account, contact) and the columns the product adds to them. See Schema.cs.

namespace CrmExtensions.Plugins.Model
{
    public static class Account
    {
        public const string EntityLogicalName = "account";
        public const string PrimaryId = "accountid";
        public const string Name = "name";
        public const string ReadPrivilege = "prvReadAccount";

        /// <summary>The parent account (the platform's hierarchical relationship account_parent_account).</summary>
        public const string ParentAccount = "parentaccountid";

        /// <summary>The contact a user reaches the account through: whom its retention calls go to.</summary>
        public const string PrimaryContact = "primarycontactid";
    }

    public static class Contact
    {
        public const string EntityLogicalName = "contact";
        public const string PrimaryId = "contactid";
        public const string ReadPrivilege = "prvReadContact";
        public const string FullName = "fullname";

        /// <summary>The account (or contact) the contact works for.</summary>
        public const string ParentCustomer = "parentcustomerid";
        public const string Layer = "cx_contactlayer";
        public const string Function = "cx_contactfunction";
    }

    /// <summary>Columns the solution adds to accounts only: who we know there (coverage) and the group it heads.</summary>
    public static class AccountColumns
    {
        public const string DecisionContacts = "cx_decisioncontacts";
        public const string LastDecisionActivity = "cx_lastdecisionactivity";
        public const string ManagementContacts = "cx_managementcontacts";
        public const string LastManagementActivity = "cx_lastmanagementactivity";
        public const string OperationalContacts = "cx_operationalcontacts";
        public const string LastOperationalActivity = "cx_lastoperationalactivity";
        public const string UserDepartmentContacts = "cx_userdeptcontacts";
        public const string LastUserDepartmentActivity = "cx_lastuserdeptactivity";
        public const string TechnicalContacts = "cx_technicalcontacts";
        public const string LastTechnicalActivity = "cx_lasttechnicalactivity";
        public const string FinanceContacts = "cx_financecontacts";
        public const string LastFinanceActivity = "cx_lastfinanceactivity";
        public const string CoverageGaps = "cx_coveragegaps";

        /// <summary>Length of cx_coveragegaps (its MaxLength in Solution/src).</summary>
        public const int CoverageGapsMaxLength = 2000;

        public const string GroupSize = "cx_groupsize";
        public const string GroupCurrentValue = "cx_groupcurrentvalue";
        public const string GroupGrowthPotential = "cx_groupgrowthpotential";
        public const string GroupTier = "cx_grouptier";
        public const string GroupChurnRisk = "cx_groupchurnrisk";
        public const string GroupChurnView = "cx_groupchurnview";

        /// <summary>Length of cx_groupchurnview.</summary>
        public const int GroupChurnViewMaxLength = 4000;
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

        /// <summary>
        /// What set off the last evaluation (<see cref="CrmExtensions.Domain.History.ScoreTrigger"/>'s stamp), written with
        /// it: the score history names its trigger from the write itself.
        /// </summary>
        public const string LastEvaluationTrigger = "cx_lastevaluationtrigger";
        public const int LastEvaluationTriggerMaxLength = 600;

        /// <summary>The recalculation job whose page wrote the last evaluation; empty when an event, an API call or an override did.</summary>
        public const string LastEvaluationJob = "cx_lastevaluationjob";
        public const string TierOverride = "cx_tieroverride";
        public const string TierOverrideReason = "cx_tieroverridereason";
        public const string TierOverrideBy = "cx_tieroverrideby";
        public const string TierOverrideUntil = "cx_tieroverrideuntil";
        public const string ReferredBy = "cx_referredby";

        /// <summary>One-time, transactional or relationship: the type in force (a user's override, else derived).</summary>
        public const string RelationshipType = "cx_relationshiptype";

        /// <summary>The type a user set; empty lets the rules derive it.</summary>
        public const string RelationshipTypeOverride = "cx_relationshiptypeoverride";
        public const string KeyAccount = "cx_keyaccount";

        /// <summary>The customer's facts ledger (JSON, CustomerFactsLedger) that events keep current.</summary>
        public const string FactsLedger = "cx_factsledger";

        /// <summary>The customer's retention plan (JSON, RetentionPlan); a change of it is materialised into activities.</summary>
        public const string RetentionPlan = "cx_retentionplan";

        /// <summary>Length of cx_churnreasons (its MaxLength in Solution/src).</summary>
        public const int ChurnReasonsMaxLength = 4000;

        /// <summary>
        /// Columns only a recalculation or an authorised override may change, as the platform stores a column list: a
        /// constant, so the tier guard's step filters on the same columns its check compares.
        /// </summary>
        public const string GuardedColumns = Tier + "," + TierOverride + "," + TierOverrideReason + "," + TierOverrideUntil + "," + TierOverrideBy;

        public static readonly string[] Guarded = GuardedColumns.Split(',');
    }
}
