namespace CrmExtensions.Domain.Value
{
    /// <summary>The customer value matrix quadrants. Stored in the cx_tier choice, as the option of the same name.</summary>
    public enum ValueTier
    {
        /// <summary>High current value, high growth potential.</summary>
        Platinum = 1,

        /// <summary>High current value, low growth potential.</summary>
        Gold = 2,

        /// <summary>Low current value, high growth potential.</summary>
        Iron = 3,

        /// <summary>Low current value, low growth potential.</summary>
        Lead = 4,
    }

    public enum InvestmentLevel
    {
        TopPriority = 1,
        Key = 2,
        Moderate = 3,
        None = 4,
    }

    public enum RetentionStrategy
    {
        StrengthenAtAnyCost = 1,
        KeepRelationshipHigh = 2,
        RebuildRelationship = 3,
        WindDown = 4,
    }

    /// <summary>How much to invest in a tier and what the relationship work aims at.</summary>
    public sealed class TierPolicy
    {
        public InvestmentLevel Investment { get; set; }
        public RetentionStrategy Strategy { get; set; }
    }
}
