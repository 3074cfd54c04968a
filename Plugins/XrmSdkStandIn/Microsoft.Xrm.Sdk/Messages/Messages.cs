using System;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk.Messages
{
    // Typed requests are views over Parameters, so a generic OrganizationRequest with the same name and parameters is equivalent.
    public sealed class CreateRequest : OrganizationRequest
    {
        public CreateRequest() { RequestName = "Create"; }
        public Entity Target { get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null; set => Parameters["Target"] = value; }
    }

    public sealed class CreateResponse : OrganizationResponse
    {
        public CreateResponse() { ResponseName = "Create"; }
        public Guid id => Results.Contains("id") ? (Guid)Results["id"] : Guid.Empty;
    }

    public sealed class UpdateRequest : OrganizationRequest
    {
        public UpdateRequest() { RequestName = "Update"; }
        public Entity Target { get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null; set => Parameters["Target"] = value; }

        public ConcurrencyBehavior ConcurrencyBehavior
        {
            get => Parameters.Contains("ConcurrencyBehavior") ? (ConcurrencyBehavior)Parameters["ConcurrencyBehavior"] : ConcurrencyBehavior.Default;
            set => Parameters["ConcurrencyBehavior"] = value;
        }
    }

    public sealed class UpdateResponse : OrganizationResponse
    {
        public UpdateResponse() { ResponseName = "Update"; }
    }

    public sealed class DeleteRequest : OrganizationRequest
    {
        public DeleteRequest() { RequestName = "Delete"; }
        public EntityReference Target { get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; set => Parameters["Target"] = value; }
    }

    public sealed class DeleteResponse : OrganizationResponse
    {
        public DeleteResponse() { ResponseName = "Delete"; }
    }

    public sealed class RetrieveRequest : OrganizationRequest
    {
        public RetrieveRequest() { RequestName = "Retrieve"; }
        public EntityReference Target { get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; set => Parameters["Target"] = value; }
        public ColumnSet ColumnSet { get => Parameters.Contains("ColumnSet") ? (ColumnSet)Parameters["ColumnSet"] : null; set => Parameters["ColumnSet"] = value; }
    }

    public sealed class RetrieveResponse : OrganizationResponse
    {
        public RetrieveResponse() { ResponseName = "Retrieve"; }
        public Entity Entity => Results.Contains("Entity") ? (Entity)Results["Entity"] : null;
    }

    public sealed class RetrieveMultipleRequest : OrganizationRequest
    {
        public RetrieveMultipleRequest() { RequestName = "RetrieveMultiple"; }
        public QueryBase Query { get => Parameters.Contains("Query") ? (QueryBase)Parameters["Query"] : null; set => Parameters["Query"] = value; }
    }

    public sealed class RetrieveMultipleResponse : OrganizationResponse
    {
        public RetrieveMultipleResponse() { ResponseName = "RetrieveMultiple"; }
        public EntityCollection EntityCollection => Results.Contains("EntityCollection") ? (EntityCollection)Results["EntityCollection"] : null;
    }

    public sealed class ExecuteMultipleRequest : OrganizationRequest
    {
        public ExecuteMultipleRequest() { RequestName = "ExecuteMultiple"; }
        public OrganizationRequestCollection Requests { get => Parameters.Contains("Requests") ? (OrganizationRequestCollection)Parameters["Requests"] : null; set => Parameters["Requests"] = value; }
        public ExecuteMultipleSettings Settings { get => Parameters.Contains("Settings") ? (ExecuteMultipleSettings)Parameters["Settings"] : null; set => Parameters["Settings"] = value; }
    }

    public sealed class ExecuteMultipleResponse : OrganizationResponse
    {
        public ExecuteMultipleResponse() { ResponseName = "ExecuteMultiple"; }
        public bool IsFaulted => Results.Contains("IsFaulted") && (bool)Results["IsFaulted"];
        public ExecuteMultipleResponseItemCollection Responses => Results.Contains("Responses") ? (ExecuteMultipleResponseItemCollection)Results["Responses"] : null;
    }

    public sealed class UpsertRequest : OrganizationRequest
    {
        public UpsertRequest() { RequestName = "Upsert"; }
        public Entity Target { get => Parameters.Contains("Target") ? (Entity)Parameters["Target"] : null; set => Parameters["Target"] = value; }
    }

    public sealed class UpsertResponse : OrganizationResponse
    {
        public UpsertResponse() { ResponseName = "Upsert"; }
        public bool RecordCreated => Results.Contains("RecordCreated") && (bool)Results["RecordCreated"];
        public EntityReference Target => Results.Contains("Target") ? (EntityReference)Results["Target"] : null;
    }
}
