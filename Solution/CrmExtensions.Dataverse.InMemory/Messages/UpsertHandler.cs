using CrmExtensions.Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// Upsert by the Target's id: an Update when the row exists, else a Create, each through its own pipeline (the steps
    /// registered on Create or Update run, as the platform runs them for an upsert). One service call.
    /// </summary>
    internal sealed class UpsertHandler : DirectMessage
    {
        private readonly CreateHandler _create;
        private readonly UpdateHandler _update;

        public UpsertHandler(InMemoryDataverse host) : base(host)
        {
            _create = new CreateHandler(host);
            _update = new UpdateHandler(host);
        }

        public override string RequestName => "Upsert";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var target = Parameter<Entity>(request, "Target");
            if (target == null || string.IsNullOrEmpty(target.LogicalName)) throw Invalid("Upsert needs a Target entity with a LogicalName.");
            var exists = target.Id != System.Guid.Empty && Host.Store.TryGet(target.LogicalName, target.Id, out _);
            if (exists) Host.Pipeline.Run(_update, new UpdateRequest { Target = target }, scope);
            else Host.Pipeline.Run(_create, new CreateRequest { Target = target }, scope);
            var response = new UpsertResponse();
            response.Results["RecordCreated"] = !exists;
            response.Results["Target"] = new EntityReference(target.LogicalName, target.Id);
            return response;
        }
    }
}
