using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>cx_StartRecalculation, unbound: creates a recalculation job; the asynchronous service plans and runs its pages.</summary>
    public sealed class StartRecalculationRequest : CustomApiRequest<StartRecalculationResponse>
    {
        public const string ApiName = "cx_StartRecalculation";

        public StartRecalculationRequest() : base(ApiName, null) { }
        public StartRecalculationRequest(ParameterCollection parameters) : base(ApiName, parameters) { }

        [Parameter("account (default) or contact", IsOptional = true)]
        public string TableName { get => Get<string>(nameof(TableName)); set => Set(nameof(TableName), value); }

        [Parameter("Only customers this FetchXML <filter> keeps (on the scope table)", IsOptional = true)]
        public string Filter { get => Get<string>(nameof(Filter)); set => Set(nameof(Filter), value); }

        [Parameter("Only customers last evaluated before this moment, or never", IsOptional = true)]
        public DateTime? EvaluatedBefore { get => Get<DateTime?>(nameof(EvaluatedBefore)); set => Set(nameof(EvaluatedBefore), value); }

        [Parameter("Rebuild every ledger with a full read (default: only customers without one); the nightly refresh does, so a fact an event never delivered is restored", IsOptional = true)]
        public bool? Rebuild { get => Get<bool?>(nameof(Rebuild)); set => Set(nameof(Rebuild), value); }

        [Parameter("Learn the value-matrix lines and purchase model from the ledgers first (cx_CalibrateSettings), then place everyone by them", IsOptional = true)]
        public bool? Calibrate { get => Get<bool?>(nameof(Calibrate)); set => Set(nameof(Calibrate), value); }

        [Parameter("Customers per page (1-1000, default 250)", IsOptional = true)]
        public int? PageSize { get => Get<int?>(nameof(PageSize)); set => Set(nameof(PageSize), value); }

        [Parameter("Name shown in the job list (default: what the job covers and when it was started)", IsOptional = true)]
        public string Name { get => Get<string>(nameof(Name)); set => Set(nameof(Name), value); }
    }

    public sealed class StartRecalculationResponse : CustomApiResponse
    {
        [Parameter("The cx_recalculationjob row that shows the job's progress")]
        public Guid JobId { get => Get<Guid>(nameof(JobId)); set => Set(nameof(JobId), value); }
    }
}
