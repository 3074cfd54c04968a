using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// Sends a recalculation's writes: one by one for a single customer (an event, an API call); in ExecuteMultiple
    /// batches for a bulk page, where a failed write is reported in the result and the others go on.
    /// </summary>
    public sealed class WriteExecutor
    {
        public const int MaxBatch = 1000;

        private readonly IOrganizationService _service;

        public WriteExecutor(IOrganizationService service) { _service = service; }

        public void Execute(IReadOnlyList<OrganizationRequest> requests, bool batched, RecalculationResult result)
        {
            if (!batched)
            {
                foreach (var request in requests) _service.Execute(request);
                return;
            }
            for (var i = 0; i < requests.Count; i += MaxBatch)
            {
                var batch = new ExecuteMultipleRequest
                {
                    Requests = new OrganizationRequestCollection(),
                    Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false },
                };
                batch.Requests.AddRange(requests.Skip(i).Take(MaxBatch));
                var response = (ExecuteMultipleResponse)_service.Execute(batch);
                foreach (var fault in response.Responses.Where(r => r.Fault != null))
                {
                    result.Failures++;
                    result.Errors.Add($"request {i + fault.RequestIndex}: {fault.Fault.Message}");
                }
            }
        }
    }
}
