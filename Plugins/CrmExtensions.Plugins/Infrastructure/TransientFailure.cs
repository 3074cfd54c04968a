using System;
using System.ServiceModel;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// A failure another run of the same asynchronous step would not meet: a timeout, a lost row-version or duplicate-id
    /// race, a SQL deadlock or timeout. The asynchronous service runs a failed step again only when the plug-in asks
    /// (InvalidPluginExecutionException with OperationStatus.Retry, four runs in all), so an asynchronous step asks for
    /// these and lets every other failure end its system job as failed.
    /// </summary>
    public static class TransientFailure
    {
        /// <summary>Generic SQL error (-2147204784): Microsoft names concurrent updates of one record (deadlock, SQL 1205) as its cause.</summary>
        public const int GenericSqlError = unchecked((int)0x80044150);

        /// <summary>SQL timeout expired (-2147204783).</summary>
        public const int SqlTimeout = unchecked((int)0x80044151);

        /// <summary>The SQL transaction was already rolled back, "usually caused by a swallowed SQL deadlock" (-2147220907).</summary>
        public const int SqlTransactionRolledBack = unchecked((int)0x80040255);

        public static bool Is(Exception ex)
        {
            if (ex is TimeoutException) return true;
            var code = (ex as FaultException<OrganizationServiceFault>)?.Detail?.ErrorCode;
            return code == PlatformErrors.ConcurrencyVersionMismatch || code == PlatformErrors.DuplicateRecord
                || code == GenericSqlError || code == SqlTimeout || code == SqlTransactionRolledBack;
        }

        /// <summary>The request for another run, carrying the failure's code and message.</summary>
        public static InvalidPluginExecutionException AskForRetry(Exception ex)
        {
            var code = (ex as FaultException<OrganizationServiceFault>)?.Detail?.ErrorCode ?? ex.HResult;
            return new InvalidPluginExecutionException(OperationStatus.Retry, code, "A transient failure, run again: " + ex.Message);
        }
    }
}
