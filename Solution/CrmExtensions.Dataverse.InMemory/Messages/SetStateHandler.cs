using CrmExtensions.Dataverse.InMemory.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>SetState (the legacy state change): sets statecode and statuscode of the EntityMoniker row.</summary>
    internal sealed class SetStateHandler : PipelineMessage
    {
        public SetStateHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "SetState";

        public override void ResolvePrimary(Operation operation) => ResolveReference(operation, "EntityMoniker", "SetState needs an EntityMoniker.");

        public override OrganizationResponse Execute(Operation operation)
        {
            var request = operation.Request;
            var moniker = (EntityReference)request["EntityMoniker"];
            Change(operation, moniker.LogicalName, moniker.Id, StateChange(moniker, ((OptionSetValue)request["State"]).Value, ((OptionSetValue)request["Status"]).Value));
            return new SetStateResponse();
        }
    }
}
