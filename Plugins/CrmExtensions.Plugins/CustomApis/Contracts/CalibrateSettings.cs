using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>cx_CalibrateSettings, unbound: starts a job that learns value-matrix lines and purchase model from the customers' ledgers.</summary>
    public sealed class CalibrateSettingsRequest : CustomApiRequest<CalibrateSettingsResponse>
    {
        public const string ApiName = "cx_CalibrateSettings";

        public CalibrateSettingsRequest() : base(ApiName, null) { }
        public CalibrateSettingsRequest(ParameterCollection parameters) : base(ApiName, parameters) { }
    }

    public sealed class CalibrateSettingsResponse : CustomApiResponse
    {
        [Parameter("The calibrating recalculation job started (cx_recalculationjob): its row shows the progress")]
        public Guid JobId { get => Get<Guid>(nameof(JobId)); set => Set(nameof(JobId), value); }
    }
}
