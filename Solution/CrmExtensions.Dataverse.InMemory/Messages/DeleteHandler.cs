using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Security;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>Delete: removes the Target row (a missing one is a fault).</summary>
    internal sealed class DeleteHandler : PipelineMessage
    {
        public DeleteHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Delete";

        public override void ResolvePrimary(Operation operation) => ResolveReference(operation, "Target", "Delete needs a Target entity reference.");

        public override OrganizationResponse Execute(Operation operation)
        {
            var target = (EntityReference)operation.Request["Target"];
            Host.Security.Records.Demand(operation.Scope.UserId, AccessRight.Delete, Host.Store.Get(target.LogicalName, target.Id));
            Host.Store.Remove(target.LogicalName, target.Id);
            return new DeleteResponse();
        }
    }
}
