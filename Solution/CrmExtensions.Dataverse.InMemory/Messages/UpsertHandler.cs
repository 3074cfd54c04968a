using System;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// Upsert by primary id: an Update when the row exists, else a Create with that id. Each runs its own message's
    /// pipeline as the caller, so the steps, the record access and the column security of Update or Create apply.
    /// Alternate keys are not modelled.
    /// </summary>
    internal sealed class UpsertHandler : DirectMessage
    {
        public UpsertHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Upsert";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var target = Parameter<Entity>(request, "Target");
            if (target == null || string.IsNullOrEmpty(target.LogicalName) || target.Id == Guid.Empty)
                throw Invalid("Upsert needs a Target entity with a LogicalName and an Id (alternate keys are not modelled).");
            var exists = Host.Store.TryGet(target.LogicalName, target.Id, out _);
            var inner = exists ? (OrganizationRequest)new UpdateRequest { Target = target } : new CreateRequest { Target = target };
            Host.Execute(inner, scope);
            var response = new UpsertResponse();
            response.Results["RecordCreated"] = !exists;
            response.Results["Target"] = target.ToEntityReference();
            return response;
        }
    }
}
