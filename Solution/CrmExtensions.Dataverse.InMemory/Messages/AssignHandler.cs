using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>Assign: gives the Target row to the Assignee.</summary>
    internal sealed class AssignHandler : PipelineMessage
    {
        public AssignHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "Assign";

        public override void ResolvePrimary(Operation operation) => ResolveReference(operation, "Target", "Assign needs a Target entity reference.");

        public override OrganizationResponse Execute(Operation operation)
        {
            var target = (EntityReference)operation.Request["Target"];
            Host.Security.Records.Demand(operation.Scope.UserId, AccessRight.Assign, Host.Store.Get(target.LogicalName, target.Id));
            Change(operation, target.LogicalName, target.Id, new Entity(target.LogicalName, target.Id) { ["ownerid"] = (EntityReference)operation.Request["Assignee"] });
            return new AssignResponse();
        }
    }
}
