using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Plugins.Model
{
    /// <summary>The security roles the solution ships (Solution/src/Roles), by name.</summary>
    public static class ProductRoles
    {
        /// <summary>Overrides tiers with a reason, recalculates a customer, previews, reads the override audit and score history (Deep).</summary>
        public const string Manager = "Customer Value Manager";

        /// <summary>Owns the settings and recalculation jobs; recalculates and previews; reads audit and history (Local).</summary>
        public const string Administrator = "Customer Value Administrator";
    }

    /// <summary>
    /// Column security and auditing of the customer tables, their losses, score history and override audit, declared once:
    /// the generator writes the field security profiles (Other/FieldSecurityProfiles.xml) from this, and the validator
    /// checks each table's IsSecured and IsAuditEnabled flags against it.
    /// </summary>
    public static class CustomerColumnSecurity
    {
        public static readonly string[] Tables =
        {
            Account.EntityLogicalName, Contact.EntityLogicalName, CustomerLoss.EntityLogicalName, CustomerScoreChange.EntityLogicalName,
            TierOverrideAudit.EntityLogicalName,
        };

        /// <summary>The customer tables themselves (the evaluation, override and audit columns live on them).</summary>
        public static bool IsCustomerTable(string table) => table == Account.EntityLogicalName || table == Contact.EntityLogicalName;

        /// <summary>Reads every secured column, updates none: for the product's users (sales, both product roles).</summary>
        public const string ReaderProfile = "Customer Value Reader";

        /// <summary>Reads every secured column and updates the override columns: for Customer Value Managers.</summary>
        public const string ManagerProfile = "Customer Value Manager";

        /// <summary>Written only by the plug-ins as SYSTEM (evaluation, ledger, plan): no profile may update them.</summary>
        public static readonly string[] Bookkeeping =
        {
            CustomerColumns.CurrentValue, CustomerColumns.GrowthPotential, CustomerColumns.LifetimeProfit, CustomerColumns.LifetimeProfitCurrent,
            CustomerColumns.LifetimeProfitPotential, CustomerColumns.RfmRecency, CustomerColumns.RfmFrequency, CustomerColumns.RfmMonetary,
            CustomerColumns.RfmSegment, CustomerColumns.LifecycleStage, CustomerColumns.LifecyclePattern, CustomerColumns.LoyaltyLevel,
            CustomerColumns.RepeatPurchaseRate, CustomerColumns.CrossPurchaseBreadth, CustomerColumns.ReferralCount, CustomerColumns.PriceTolerance,
            CustomerColumns.Satisfaction, CustomerColumns.ChurnRisk, CustomerColumns.ChurnRiskBand, CustomerColumns.ChurnReasons,
            CustomerColumns.PurchaseInterval, CustomerColumns.ExpectedPurchases, CustomerColumns.LastEvaluatedOn, CustomerColumns.LastEvaluationTrigger, CustomerColumns.LastEvaluationJob,
            CustomerColumns.FactsLedger, CustomerColumns.RetentionPlan, CustomerColumns.RelationshipType, CustomerColumns.KeyAccount,
        };

        /// <summary>Written only by the plug-ins on accounts (contacts have neither): contact coverage and the account group roll-up.</summary>
        public static readonly string[] AccountBookkeeping =
        {
            AccountColumns.OperationalContacts, AccountColumns.ManagementContacts, AccountColumns.DecisionContacts, AccountColumns.UserDepartmentContacts,
            AccountColumns.TechnicalContacts, AccountColumns.FinanceContacts, AccountColumns.LastOperationalActivity, AccountColumns.LastManagementActivity,
            AccountColumns.LastDecisionActivity, AccountColumns.LastUserDepartmentActivity, AccountColumns.LastTechnicalActivity, AccountColumns.LastFinanceActivity,
            AccountColumns.CoverageGaps, AccountColumns.GroupSize, AccountColumns.GroupCurrentValue, AccountColumns.GroupGrowthPotential, AccountColumns.GroupTier,
            AccountColumns.GroupChurnRisk, AccountColumns.GroupChurnView,
        };

        /// <summary>
        /// What marks a customer write as the product's own: every evaluation stamps its time, and no profile may update
        /// it (the platform fails a user's write that carries it), so only SYSTEM writes it. The tier guard recognises
        /// evaluations by it instead of by a shared variable the platform need not carry into the write's pipeline.
        /// </summary>
        public const string EvaluationMark = CustomerColumns.LastEvaluatedOn;

        /// <summary>Changed by hand only through an authorised override: updatable through the manager profile alone.</summary>
        public static readonly string[] Override = CustomerColumns.Guarded;

        public static IEnumerable<string> Secured => Bookkeeping.Concat(Override);

        /// <summary>
        /// The loss columns only the rules write: the last purchase a detection rests on, a win-back's date and days. No
        /// profile may create or update them (both read them), so a loss write that carries one is the rules' own: the loss
        /// check knows the rules by it, not by a shared variable the platform need not hand on.
        /// </summary>
        public static readonly string[] LossRulesOnly = { CustomerLoss.LastPurchaseOn, CustomerLoss.RecoveredOn, CustomerLoss.DaysToRecovery };

        /// <summary>
        /// The score history's values: the same scores the customer's secured columns hold, so the same profiles read them
        /// and none writes them. <see cref="CustomerScoreChange.Trigger"/> is on every row the product records.
        /// </summary>
        /// <remarks>A column list as the platform stores it, so the step that refuses forged history rows filters on the same values.</remarks>
        public const string ScoreHistoryValueColumns = CustomerScoreChange.TierFrom + "," + CustomerScoreChange.TierTo + "," + CustomerScoreChange.ChurnBandFrom + ","
            + CustomerScoreChange.ChurnBandTo + "," + CustomerScoreChange.StageFrom + "," + CustomerScoreChange.StageTo + "," + CustomerScoreChange.LoyaltyFrom + ","
            + CustomerScoreChange.LoyaltyTo + "," + CustomerScoreChange.ChurnRisk + "," + CustomerScoreChange.TopReasons + "," + CustomerScoreChange.Trigger + ","
            + CustomerScoreChange.TriggerDetail;

        public static readonly string[] ScoreHistoryValues = ScoreHistoryValueColumns.Split(',');

        /// <summary>The override audit's values, secured as the customer's override columns; <see cref="TierOverrideAudit.OverrideBy"/> is on every row.</summary>
        /// <remarks>A column list as the platform stores it, so the step that refuses forged audit rows filters on the same values.</remarks>
        public const string OverrideAuditValueColumns = TierOverrideAudit.FromTier + "," + TierOverrideAudit.ToTier + "," + TierOverrideAudit.Reason + ","
            + TierOverrideAudit.OverrideBy + "," + TierOverrideAudit.Until;

        public static readonly string[] OverrideAuditValues = OverrideAuditValueColumns.Split(',');

        /// <summary>
        /// What marks a history or audit row's create or update as the product's own: a secured column no profile may create
        /// or update (the platform fails a user's write that carries it), present on every row the product writes. A write
        /// without it is a user's, and the product's step refuses it.
        /// </summary>
        public static string ProductRecordMark(string table) =>
            table == CustomerScoreChange.EntityLogicalName ? CustomerScoreChange.Trigger : TierOverrideAudit.OverrideBy;

        /// <summary>The secured columns of one table.</summary>
        public static IEnumerable<string> SecuredOn(string table)
        {
            switch (table)
            {
                case CustomerLoss.EntityLogicalName: return LossRulesOnly;
                case CustomerScoreChange.EntityLogicalName: return ScoreHistoryValues;
                case TierOverrideAudit.EntityLogicalName: return OverrideAuditValues;
                case Account.EntityLogicalName: return Secured.Concat(AccountBookkeeping);
                default: return Secured;
            }
        }

        /// <summary>In the platform's audit history (with the tables themselves): tier, override and value columns.</summary>
        public static IEnumerable<string> Audited => Override.Concat(new[]
        {
            CustomerColumns.CurrentValue, CustomerColumns.GrowthPotential, CustomerColumns.LifetimeProfit, CustomerColumns.LifetimeProfitCurrent,
            CustomerColumns.LifetimeProfitPotential,
        });

        /// <summary>The audited columns of one table (only the customer tables have any).</summary>
        public static IEnumerable<string> AuditedOn(string table) => IsCustomerTable(table) ? Audited : Enumerable.Empty<string>();

        /// <summary>Whether a profile lets its members update a secured column (nobody creates one: a new customer's tier comes from recalculation).</summary>
        public static bool CanUpdate(string profile, string column) => profile == ManagerProfile && Override.Contains(column);
    }
}
