using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>cx_PreviewTier, unbound function: what a recalculation would give an account or contact, nothing saved.</summary>
    public sealed class PreviewTierRequest : CustomApiRequest<PreviewTierResponse>
    {
        public const string ApiName = "cx_PreviewTier";

        public PreviewTierRequest() : base(ApiName, null) { }
        public PreviewTierRequest(ParameterCollection parameters) : base(ApiName, parameters) { }

        [Parameter("Account or contact")]
        public EntityReference Customer { get => Get<EntityReference>(nameof(Customer)); set => Set(nameof(Customer), value); }
    }

    public sealed class PreviewTierResponse : CustomApiResponse
    {
        [Parameter("Tier (cx_tier choice value)")]
        public int Tier { get => Get<int>(nameof(Tier)); set => Set(nameof(Tier), value); }

        [Parameter("Current value per year")]
        public decimal CurrentValue { get => Get<decimal>(nameof(CurrentValue)); set => Set(nameof(CurrentValue), value); }

        [Parameter("Growth potential per year")]
        public decimal GrowthPotential { get => Get<decimal>(nameof(GrowthPotential)); set => Set(nameof(GrowthPotential), value); }

        [Parameter("Customer lifetime profit")]
        public decimal LifetimeProfit { get => Get<decimal>(nameof(LifetimeProfit)); set => Set(nameof(LifetimeProfit), value); }

        [Parameter("Lifecycle stage (cx_lifecyclestage choice value)")]
        public int LifecycleStage { get => Get<int>(nameof(LifecycleStage)); set => Set(nameof(LifecycleStage), value); }

        [Parameter("Loyalty level (cx_loyaltylevel choice value)")]
        public int LoyaltyLevel { get => Get<int>(nameof(LoyaltyLevel)); set => Set(nameof(LoyaltyLevel), value); }

        [Parameter("Share of purchases that were repeat purchases, 0-1")]
        public decimal RepeatPurchaseRate { get => Get<decimal>(nameof(RepeatPurchaseRate)); set => Set(nameof(RepeatPurchaseRate), value); }

        [Parameter("Share of the product families bought, 0-1")]
        public decimal CrossPurchaseBreadth { get => Get<decimal>(nameof(CrossPurchaseBreadth)); set => Set(nameof(CrossPurchaseBreadth), value); }

        [Parameter("Customers this one referred")]
        public int Referrals { get => Get<int>(nameof(Referrals)); set => Set(nameof(Referrals), value); }

        [Parameter("Share of the list price paid, 0-1")]
        public decimal PriceTolerance { get => Get<decimal>(nameof(PriceTolerance)); set => Set(nameof(PriceTolerance), value); }

        [Parameter("Churn risk 0-100")]
        public int ChurnRisk { get => Get<int>(nameof(ChurnRisk)); set => Set(nameof(ChurnRisk), value); }

        [Parameter("Churn reasons")]
        public string ChurnReasons { get => Get<string>(nameof(ChurnReasons)); set => Set(nameof(ChurnReasons), value); }
    }
}
