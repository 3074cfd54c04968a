using System;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>
    /// What the platform returns for a failed request: a FaultException&lt;OrganizationServiceFault&gt;, the type plug-in
    /// code catches on the platform, with the platform's error code so callers can tell a missing row from a duplicate
    /// key, a version conflict or a limit.
    /// </summary>
    public sealed class DataverseFaultException : FaultException<OrganizationServiceFault>
    {
        public DataverseFaultException(int errorCode, string message)
            : base(new OrganizationServiceFault { ErrorCode = errorCode, Message = message, Timestamp = DateTime.UtcNow }, new FaultReason(message))
        {
        }

        public OrganizationServiceFault Fault => Detail;
        public int ErrorCode => Detail.ErrorCode;
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

        /// <summary>IsvAborted: "ISV code aborted the operation", a plug-in's InvalidPluginExecutionException as its caller receives it.</summary>
        public const int IsvAborted = unchecked((int)0x80040265);

        /// <summary>An execution past its time limit: "Didn't receive a response from the {0} plug-in within the 2:20-minute limit."</summary>
        public const int SandboxWorkerPluginExecuteTimeout = unchecked((int)0x80081111);
        public const int PrivilegeDenied = unchecked((int)0x80040220);
        public const int CannotDeleteDueToAssociation = unchecked((int)0x80040227);

        /// <summary>The user's roles lack the table privilege the request needs (at any depth).</summary>
        public const int PrincipalPrivilegeDenied = unchecked((int)0x80040231);

        /// <summary>SecLib::AccessCheckEx: the privilege is held, but not deep enough to reach this row.</summary>
        public const int AccessCheckFailed = unchecked((int)0x80048306);

        /// <summary>A secured column written without the column security profile's update right.</summary>
        public const int AttributePermissionUpdateIsMissingDuringUpdate = unchecked((int)0x8004F507);

        /// <summary>A secured column set on create without the column security profile's create right.</summary>
        public const int AttributePrivilegeCreateIsMissing = unchecked((int)0x8004F502);

        // What the platform's metadata refuses (the codes of Microsoft's web service error list).
        /// <summary>A plug-in caught a failed service call inside the transaction and went on; the operation fails with this.</summary>
        public const int IsvTransactionCount = unchecked((int)0x8009000C);

        /// <summary>A service call inside a transaction a failed call already rolled back.</summary>
        public const int TransactionNotStarted = unchecked((int)0x80040251);

        public const int QueryBuilderInvalidPagingCookie = unchecked((int)0x8004112A);
        public const int QueryBuilderPagingOrderBy = unchecked((int)0x80041129);
        public const int OverRetrievalUpperLimitWithoutPagingCookie = unchecked((int)0x8004430A);
        public const int TooManyConditionParametersInQuery = unchecked((int)0x8004430E);
        public const int QueryBuilderInvalidConditionOperator = unchecked((int)0x80041120);
        /// <summary>A table the org does not have (an app's table where the app is not installed).</summary>
        public const int QueryBuilderNoEntity = unchecked((int)0x80041102);
        public const int QueryBuilderNoAttribute = unchecked((int)0x80041103);
        public const int IncorrectAttributeValueType = unchecked((int)0x80044354);
        public const int StringLengthTooLong = unchecked((int)0x80044331);
        public const int PicklistValueOutOfRange = unchecked((int)0x8004431A);
        public const int IntegerValueOutOfRange = unchecked((int)0x8004432F);
        public const int DecimalValueOutOfRange = unchecked((int)0x80044330);
        public const int MoneySizeExceeded = unchecked((int)0x80040317);

        /// <summary>unManagedidsxmlinvalidcreate: "A field that is not valid for create was specified".</summary>
        public const int NotValidForCreate = unchecked((int)0x80041a01);

        /// <summary>unManagedidsxmlinvalidupdate: "A field that is not valid for update was specified".</summary>
        public const int NotValidForUpdate = unchecked((int)0x80041a02);
    }
}
