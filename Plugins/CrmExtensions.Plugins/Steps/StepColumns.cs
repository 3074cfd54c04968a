using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// The columns the steps filter on and take images of, each list written once as the platform stores it
    /// (comma-separated, so the <see cref="Registration.StepAttribute"/> declarations can use them as constants).
    /// </summary>
    internal static class StepColumns
    {
        /// <summary>The tier guard's image: the guarded columns with the customer's owner, whom its override audit row belongs to.</summary>
        public const string TierGuardImage = CustomerColumns.GuardedColumns + "," + Common.OwnerId;

        /// <summary>The four scores the history follows.</summary>
        public const string Scores = CustomerColumns.Tier + "," + CustomerColumns.ChurnRiskBand + "," + CustomerColumns.LifecycleStage + "," + CustomerColumns.LoyaltyLevel;

        public const string ScoresBefore = Scores + "," + CustomerColumns.TierOverride;

        public const string ScoresAfter = Scores + "," + CustomerColumns.ChurnRisk + "," + CustomerColumns.ChurnReasons + "," + CustomerColumns.TierOverride + ","
            + CustomerColumns.TierOverrideReason + "," + Common.OwnerId;

        /// <summary>Every column the product writes on a score history row (not its owner, which follows the customer's by Assign).</summary>
        public const string ScoreChangeContent = CustomerScoreChange.Name + "," + CustomerScoreChange.Customer + "," + CustomerColumnSecurity.ScoreHistoryValueColumns + ","
            + Common.StateCode;

        /// <summary>Every column the product writes on an override audit row (not its owner).</summary>
        public const string OverrideAuditContent = TierOverrideAudit.Name + "," + TierOverrideAudit.Customer + "," + CustomerColumnSecurity.OverrideAuditValueColumns + ","
            + Common.StateCode;

        /// <summary>Who a contact is at its account: its layer and function.</summary>
        public const string ContactRole = Contact.Layer + "," + Contact.Function;

        /// <summary>What decides whether a settings row is read and what it must hold: its name, its document, its state.</summary>
        public const string SettingChange = Setting.Name + "," + Setting.Value + "," + Common.StateCode;

        public const string RetentionActivityImage = RetentionActivity.Key + "," + RetentionActivity.Action + "," + RetentionActivity.Regarding + ","
            + RetentionActivity.StateCode + "," + RetentionActivity.ActualEnd;
    }
}
