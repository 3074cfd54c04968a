using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>cx_BulkRecalculate, unbound: recalculates every active account or contact, page by page, resumable.</summary>
    public sealed class BulkRecalculateRequest : CustomApiRequest<BulkRecalculateResponse>
    {
        public const string ApiName = "cx_BulkRecalculate";

        public BulkRecalculateRequest() : base(ApiName, null) { }
        public BulkRecalculateRequest(ParameterCollection parameters) : base(ApiName, parameters) { }

        [Parameter("account (default) or contact", IsOptional = true)]
        public string TableName { get => Get<string>(nameof(TableName)); set => Set(nameof(TableName), value); }

        [Parameter("Customers per page (1-5000, default 1000)", IsOptional = true)]
        public int? PageSize { get => Get<int?>(nameof(PageSize)); set => Set(nameof(PageSize), value); }

        [Parameter("Pages per call (default 2)", IsOptional = true)]
        public int? MaxPages { get => Get<int?>(nameof(MaxPages)); set => Set(nameof(MaxPages), value); }

        [Parameter("NextCheckpoint from the previous call", IsOptional = true)]
        public string Checkpoint { get => Get<string>(nameof(Checkpoint)); set => Set(nameof(Checkpoint), value); }

        [Parameter("Rebuild every ledger with a full read (default: only customers without one)", IsOptional = true)]
        public bool? Rebuild { get => Get<bool?>(nameof(Rebuild)); set => Set(nameof(Rebuild), value); }
    }

    public sealed class BulkRecalculateResponse : CustomApiResponse
    {
        [Parameter("Customers recalculated")]
        public int Processed { get => Get<int>(nameof(Processed)); set => Set(nameof(Processed), value); }

        [Parameter("Writes that failed")]
        public int Failures { get => Get<int>(nameof(Failures)); set => Set(nameof(Failures), value); }

        [Parameter("Pass back to continue; empty when completed")]
        public string NextCheckpoint { get => Get<string>(nameof(NextCheckpoint)); set => Set(nameof(NextCheckpoint), value); }

        [Parameter("True when every customer was done")]
        public bool Completed { get => Get<bool>(nameof(Completed)); set => Set(nameof(Completed), value); }
    }
}
