using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>cx_RecalculateCustomer, bound to account: recalculates now and returns the outcome.</summary>
    public sealed class RecalculateCustomerRequest : BoundCustomApiRequest<RecalculateCustomerResponse>
    {
        public const string ApiName = "cx_RecalculateCustomer";
        public const string BoundTo = "account";

        public RecalculateCustomerRequest() : base(ApiName, BoundTo, null) { }
        public RecalculateCustomerRequest(ParameterCollection parameters) : base(ApiName, BoundTo, parameters) { }
    }

    public sealed class RecalculateCustomerResponse : CustomApiResponse
    {
        [Parameter("Tier (cx_tier choice value)")]
        public int Tier { get => Get<int>(nameof(Tier)); set => Set(nameof(Tier), value); }

        [Parameter("Churn risk 0-100")]
        public int ChurnRisk { get => Get<int>(nameof(ChurnRisk)); set => Set(nameof(ChurnRisk), value); }

        [Parameter("Retention activities created")]
        public int ActivitiesCreated { get => Get<int>(nameof(ActivitiesCreated)); set => Set(nameof(ActivitiesCreated), value); }

        [Parameter("Retention activities moved")]
        public int ActivitiesUpdated { get => Get<int>(nameof(ActivitiesUpdated)); set => Set(nameof(ActivitiesUpdated), value); }

        [Parameter("Retention activities cancelled")]
        public int ActivitiesCancelled { get => Get<int>(nameof(ActivitiesCancelled)); set => Set(nameof(ActivitiesCancelled), value); }
    }
}
