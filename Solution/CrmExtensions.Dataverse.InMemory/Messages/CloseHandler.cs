using System;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// WinOpportunity, CloseIncident, FulfillSalesOrder and CancelSalesOrder: the platform records the closing activity
    /// (whose Create fires its own steps) and closes the parent row with the given status (-1: the state's default). Steps
    /// may be registered on Win and Close; the order's messages are not on Microsoft's list of messages plug-ins can be
    /// registered on, so the orderclose's Create is where a step sees an order fulfilled or cancelled.
    /// </summary>
    internal sealed class CloseHandler : PipelineMessage
    {
        private readonly string _requestName;
        private readonly string _messageName;
        private readonly string _closeParameter;
        private readonly string _parentColumn;
        private readonly Func<OrganizationResponse> _response;
        private readonly int _closedState;

        /// <summary>The states the parent may be closed from; null: any.</summary>
        private readonly int[] _from;

        private CloseHandler(InMemoryDataverse host, string requestName, string messageName, string closeParameter, string parentColumn, Func<OrganizationResponse> response,
            int closedState = 1, int[] from = null)
            : base(host)
        {
            _closedState = closedState;
            _from = from;
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

        /// <summary>Fulfilled is the order's state 3; only an active or submitted order is fulfilled or cancelled ("only active orders can be edited").</summary>
        public static CloseHandler FulfillSalesOrder(InMemoryDataverse host) =>
            new CloseHandler(host, "FulfillSalesOrder", "FulfillSalesOrder", "OrderClose", "salesorderid", () => new FulfillSalesOrderResponse(), 3, OpenOrder);

        /// <summary>Canceled is the order's state 2.</summary>
        public static CloseHandler CancelSalesOrder(InMemoryDataverse host) =>
            new CloseHandler(host, "CancelSalesOrder", "CancelSalesOrder", "OrderClose", "salesorderid", () => new CancelSalesOrderResponse(), 2, OpenOrder);

        private static readonly int[] OpenOrder = { 0, 1 };

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
            var state = Host.Store.Get(parent.LogicalName, parent.Id).GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
            if (_from != null && Array.IndexOf(_from, state) < 0)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{_requestName}: the {parent.LogicalName} is in state {state}; only an open one can be closed.");
            Change(operation, parent.LogicalName, parent.Id, StateChange(parent, _closedState, ((OptionSetValue)request["Status"]).Value));
            return _response();
        }
    }
}
