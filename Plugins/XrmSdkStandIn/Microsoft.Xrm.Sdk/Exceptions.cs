using System;
using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    public enum OperationStatus
    {
        Failed = 0,
        Canceled = 1,
        Retry = 2,
        Suspended = 3,
        Succeeded = 4,
    }

    public enum PluginHttpStatusCode
    {
        NotSet = 0,
        BadRequest = 400,
        Unauthorized = 401,
        Forbidden = 403,
        NotFound = 404,
        MethodNotAllowed = 405,
        RequestTimeout = 408,
        Conflict = 409,
        Gone = 410,
        PreconditionFailed = 412,
        RequestEntityTooLarge = 413,
        ExpectationFailed = 417,
        FailedDependency = 424,
        TooManyRequests = 429,
        InternalServerError = 500,
        BadGateway = 502,
        ServiceUnavailable = 503,
        GatewayTimeout = 504,
    }

    // The exception a plugin throws to cancel the operation; the platform rolls the transaction back and shows Message.
    public sealed class InvalidPluginExecutionException : Exception
    {
        private static readonly IReadOnlyDictionary<string, string> NoDetails = new Dictionary<string, string>();

        public InvalidPluginExecutionException() : this(OperationStatus.Failed, null) { }
        public InvalidPluginExecutionException(OperationStatus status) : this(status, null) { }
        public InvalidPluginExecutionException(string message) : this(OperationStatus.Failed, message) { }
        public InvalidPluginExecutionException(OperationStatus status, string message) : this(status, -2147220891, message) { }

        public InvalidPluginExecutionException(string message, Exception exception) : base(message, exception)
        {
            Status = OperationStatus.Failed;
            ErrorCode = -2147220891;
            ExceptionDetails = NoDetails;
        }

        public InvalidPluginExecutionException(OperationStatus status, int errorCode, string message) : base(message)
        {
            Status = status;
            ErrorCode = errorCode;
            ExceptionDetails = NoDetails;
        }

        public InvalidPluginExecutionException(string message, PluginHttpStatusCode httpStatus) : this(OperationStatus.Failed, message)
        {
            HttpStatus = httpStatus;
        }

        public InvalidPluginExecutionException(string message, Dictionary<string, string> exceptionDetails) : this(OperationStatus.Failed, message)
        {
            ExceptionDetails = exceptionDetails ?? new Dictionary<string, string>();
        }

        public OperationStatus Status { get; }
        public int ErrorCode { get; }
        public PluginHttpStatusCode HttpStatus { get; }
        public IReadOnlyDictionary<string, string> ExceptionDetails { get; }
    }

    public abstract class BaseServiceFault
    {
        public string Message { get; set; }
        public int ErrorCode { get; set; }
        public string HelpLink { get; set; }
        public DateTime Timestamp { get; set; }
        public Guid ActivityId { get; set; }
        public ErrorDetailCollection ErrorDetails { get; set; } = new ErrorDetailCollection();
    }

    public class OrganizationServiceFault : BaseServiceFault
    {
        public string TraceText { get; set; }
        public OrganizationServiceFault InnerFault { get; set; }
        public override string ToString() => $"{ErrorCode}: {Message}";
    }
}
