using System;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>
    /// What the platform returns for a failed request (FaultException&lt;OrganizationServiceFault&gt; on the wire),
    /// with the platform's error code so tests can tell a missing row from a duplicate key or a limit.
    /// </summary>
    public sealed class DataverseFaultException : Exception
    {
        public DataverseFaultException(int errorCode, string message, Exception inner = null) : base(message, inner)
        {
            Fault = new OrganizationServiceFault { ErrorCode = errorCode, Message = message, Timestamp = DateTime.UtcNow };
        }

        public OrganizationServiceFault Fault { get; }
        public int ErrorCode => Fault.ErrorCode;
    }

    public static class ErrorCodes
    {
        public const int ObjectDoesNotExist = unchecked((int)0x80040217);
        public const int DuplicateRecord = unchecked((int)0x80040237);
        public const int AggregateQueryRecordLimitExceeded = unchecked((int)0x8004E023);
        public const int ExecuteMultipleBatchTooLarge = unchecked((int)0x8004D203);
        public const int InvalidArgument = unchecked((int)0x80040203);
        public const int ConcurrencyVersionMismatch = unchecked((int)0x80060882);
        public const int UnsupportedMessage = unchecked((int)0x80040800);
        public const int InfiniteLoop = unchecked((int)0x80044182);
        public const int PrivilegeDenied = unchecked((int)0x80040220);
    }
}
