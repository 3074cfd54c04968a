using System;
using System.ServiceModel;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// A failure another run of the same asynchronous step would not meet: a timeout, a lost row-version or duplicate-id
    /// race, a busy org (a SQL deadlock or timeout, a service protection limit). The asynchronous service runs a failed step again only when the plug-in asks
    /// (InvalidPluginExecutionException with OperationStatus.Retry, four runs in all), so an asynchronous step asks for
    /// these and lets every other failure end its system job as failed.
    /// </summary>
    public static class TransientFailure
    {
        public static bool Is(Exception ex)
        {
            if (ex is TimeoutException) return true;
            var code = (ex as FaultException<OrganizationServiceFault>)?.Detail?.ErrorCode;
            return code == PlatformErrors.ConcurrencyVersionMismatch || code == PlatformErrors.DuplicateRecord || PlatformErrors.IsBusy(code);
        }

        /// <summary>The request for another run, carrying the failure's code and message.</summary>
        public static InvalidPluginExecutionException AskForRetry(Exception ex)
        {
            var code = (ex as FaultException<OrganizationServiceFault>)?.Detail?.ErrorCode ?? ex.HResult;
            return new InvalidPluginExecutionException(OperationStatus.Retry, code, "A transient failure, run again: " + ex.Message);
        }
    }
}
