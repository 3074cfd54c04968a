using System;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// WinOpportunity and CloseIncident: the platform records the closing activity (whose Create fires its own steps)
    /// and closes the parent row with the given status. Steps are registered on Win and Close.
    /// </summary>
    internal sealed class CloseHandler : PipelineMessage
    {
        private readonly string _requestName;
        private readonly string _messageName;
        private readonly string _closeParameter;
        private readonly string _parentColumn;
        private readonly Func<OrganizationResponse> _response;

        private CloseHandler(InMemoryDataverse host, string requestName, string messageName, string closeParameter, string parentColumn, Func<OrganizationResponse> response)
            : base(host)
        {
            _requestName = requestName;
            _messageName = messageName;
            _closeParameter = closeParameter;
            _parentColumn = parentColumn;
            _response = response;
        }

        public static CloseHandler WinOpportunity(InMemoryDataverse host) =>
            new CloseHandler(host, "WinOpportunity", "Win", "OpportunityClose", "opportunityid", () => new WinOpportunityResponse());

        public static CloseHandler CloseIncident(InMemoryDataverse host) =>
            new CloseHandler(host, "CloseIncident", "Close", "IncidentResolution", "incidentid", () => new CloseIncidentResponse());

        /// <summary>Won (opportunity) and Resolved (incident) are state 1.</summary>
        private const int ClosedState = 1;

        public override string RequestName => _requestName;
        public override string MessageNameOf(OrganizationRequest request) => _messageName;

        public override void ResolvePrimary(Operation operation)
        {
            var request = operation.Request;
            var close = Parameter<Entity>(request, _closeParameter);
            var parent = close != null && close.Contains(_parentColumn) ? close[_parentColumn] as EntityReference : null;
            if (parent == null || !request.Parameters.Contains("Status"))
                throw Invalid($"{_requestName} needs {_closeParameter} with {_parentColumn} and a Status.");
            operation.PrimaryEntity = parent.LogicalName;
            operation.PrimaryId = parent.Id;
        }

        public override OrganizationResponse Execute(Operation operation)
        {
            var request = operation.Request;
            var userId = operation.Scope.UserId;
            var close = EntityCloner.Clone((Entity)request[_closeParameter]);
            var closing = operation.Scope.Copy(userId);
            closing.Depth = operation.Depth;
            Host.Execute(new CreateRequest { Target = close }, closing);
            var parent = new EntityReference(operation.PrimaryEntity, operation.PrimaryId);
            Change(operation, parent.LogicalName, parent.Id, StateChange(parent, ClosedState, ((OptionSetValue)request["Status"]).Value));
            return _response();
        }
    }
}
