using System;
using Microsoft.Xrm.Sdk.Query;

namespace Microsoft.Xrm.Sdk
{
    public interface IPlugin
    {
        void Execute(IServiceProvider serviceProvider);
    }

    public interface ITracingService
    {
        void Trace(string format, params object[] args);
    }

    public interface IOrganizationService
    {
        Guid Create(Entity entity);
        Entity Retrieve(string entityName, Guid id, ColumnSet columnSet);
        void Update(Entity entity);
        void Delete(string entityName, Guid id);
        OrganizationResponse Execute(OrganizationRequest request);
        void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);
        void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities);
        EntityCollection RetrieveMultiple(QueryBase query);
    }

    public interface IOrganizationServiceFactory
    {
        IOrganizationService CreateOrganizationService(Guid? userId);
    }

    public interface IExecutionContext
    {
        int Mode { get; }
        int IsolationMode { get; }
        int Depth { get; }
        string MessageName { get; }
        string PrimaryEntityName { get; }
        Guid? RequestId { get; }
        string SecondaryEntityName { get; }
        ParameterCollection InputParameters { get; }
        ParameterCollection OutputParameters { get; }
        ParameterCollection SharedVariables { get; }
        Guid UserId { get; }
        Guid InitiatingUserId { get; }
        Guid BusinessUnitId { get; }
        Guid OrganizationId { get; }
        string OrganizationName { get; }
        Guid PrimaryEntityId { get; }
        EntityImageCollection PreEntityImages { get; }
        EntityImageCollection PostEntityImages { get; }
        EntityReference OwningExtension { get; }
        Guid CorrelationId { get; }
        bool IsExecutingOffline { get; }
        bool IsOfflinePlayback { get; }
        bool IsInTransaction { get; }
        Guid OperationId { get; }
        DateTime OperationCreatedOn { get; }
    }

    public interface IPluginExecutionContext : IExecutionContext
    {
        int Stage { get; }
        IPluginExecutionContext ParentContext { get; }
    }
}
