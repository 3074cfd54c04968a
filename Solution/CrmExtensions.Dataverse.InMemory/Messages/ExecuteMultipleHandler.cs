using System;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// ExecuteMultiple: each request runs on its own (its own pipeline and transaction); a failure becomes that item's
    /// fault and, with ContinueOnError, the rest go on. The batch counts as one service call, its requests as batched.
    /// </summary>
    internal sealed class ExecuteMultipleHandler : DirectMessage
    {
        public ExecuteMultipleHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "ExecuteMultiple";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var requests = (OrganizationRequestCollection)request["Requests"];
            var settings = request.Parameters.Contains("Settings") ? (ExecuteMultipleSettings)request["Settings"] : new ExecuteMultipleSettings();
            if (requests == null) throw Invalid("ExecuteMultiple needs Requests.");
            if (requests.Count > Host.MaxExecuteMultipleRequests)
                throw new DataverseFaultException(ErrorCodes.ExecuteMultipleBatchTooLarge,
                    $"The number of requests in ExecuteMultiple ({requests.Count}) exceeds the maximum of {Host.MaxExecuteMultipleRequests}.");
            var responses = new ExecuteMultipleResponseItemCollection();
            var faulted = false;
            var inner = scope.Copy(inBatch: true);
            for (var i = 0; i < requests.Count; i++)
            {
                try
                {
                    var response = Host.Execute(requests[i], inner);
                    if (settings.ReturnResponses) responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                }
                catch (Exception ex) when (ex is DataverseFaultException || ex is InvalidPluginExecutionException)
                {
                    faulted = true;
                    var fault = ex is DataverseFaultException dfe ? dfe.Fault : new OrganizationServiceFault { ErrorCode = ((InvalidPluginExecutionException)ex).ErrorCode, Message = ex.Message };
                    responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault });
                    if (!settings.ContinueOnError) break;
                }
            }
            var result = new ExecuteMultipleResponse();
            result.Results["IsFaulted"] = faulted;
            result.Results["Responses"] = responses;
            return result;
        }
    }
}
