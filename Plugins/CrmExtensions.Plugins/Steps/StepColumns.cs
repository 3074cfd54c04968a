using CrmExtensions.Plugins.Model;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// The columns the steps filter on and take images of, each list written once as the platform stores it
    /// (comma-separated, so the <see cref="Registration.StepAttribute"/> declarations can use them as constants).
    /// </summary>
    internal static class StepColumns
    {
        public const string TierGuard = CustomerColumns.Tier + "," + CustomerColumns.TierOverride + "," + CustomerColumns.TierOverrideReason + ","
            + CustomerColumns.TierOverrideUntil + "," + CustomerColumns.TierOverrideBy;

        /// <summary>The four scores the history follows.</summary>
        public const string Scores = CustomerColumns.Tier + "," + CustomerColumns.ChurnRiskBand + "," + CustomerColumns.LifecycleStage + "," + CustomerColumns.LoyaltyLevel;

        public const string ScoresBefore = Scores + "," + CustomerColumns.TierOverride;

        public const string ScoresAfter = Scores + "," + CustomerColumns.ChurnRisk + "," + CustomerColumns.ChurnReasons + "," + CustomerColumns.TierOverride + ","
            + CustomerColumns.TierOverrideReason;

        /// <summary>Who a contact is at its account: its layer and function.</summary>
        public const string ContactRole = Contact.Layer + "," + Contact.Function;

        public const string CustomerLossChange = CustomerLoss.Customer + "," + CustomerLoss.LostOn + "," + CustomerLoss.Detection + "," + CustomerLoss.CauseFamily + ","
            + CustomerLoss.Cause + "," + CustomerLoss.WinBackOutcome + "," + CustomerLoss.RecoveredOn + "," + CustomerLoss.TierAtLoss;

        /// <summary>What decides whether a settings row is read and what it must hold: its name, its document, its state.</summary>
        public const string SettingChange = Setting.Name + "," + Setting.Value + "," + Common.StateCode;

        public const string RetentionActivityImage = RetentionActivity.Key + "," + RetentionActivity.Action + "," + RetentionActivity.Regarding + ","
            + RetentionActivity.StateCode + "," + RetentionActivity.ActualEnd;
    }
}
