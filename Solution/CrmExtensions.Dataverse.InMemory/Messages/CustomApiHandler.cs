using System;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// A Custom API: a bound one is about its Target row (of the bound table), an unbound one about no row; the request
    /// must carry its declared parameters and the caller its execute privilege. The main operation is its plugin type,
    /// and the response carries the declared response properties the plugin set.
    /// </summary>
    internal sealed class CustomApiHandler : PipelineMessage
    {
        private readonly CustomApiDefinition _api;

        public CustomApiHandler(InMemoryDataverse host, CustomApiDefinition api) : base(host) { _api = api; }

        public override string RequestName => _api.UniqueName;

        public override void ResolvePrimary(Operation operation)
        {
            if (_api.BindingType == 1)
            {
                var bound = Parameter<EntityReference>(operation.Request, "Target");
                if (bound == null || !string.Equals(bound.LogicalName, _api.BoundEntityLogicalName, StringComparison.OrdinalIgnoreCase))
                    throw Invalid($"{_api.UniqueName} is bound to {_api.BoundEntityLogicalName}: pass Target as a reference to one.");
                operation.PrimaryEntity = bound.LogicalName;
                operation.PrimaryId = bound.Id;
            }
            else
            {
                operation.PrimaryEntity = "none";
            }
            CustomApiParameters.Check(_api, operation.Request);
            if (_api.ExecutePrivilegeName != null && !Host.HasPrivilege(operation.Scope.UserId, _api.ExecutePrivilegeName))
                throw new DataverseFaultException(ErrorCodes.PrivilegeDenied, $"{_api.UniqueName} requires the {_api.ExecutePrivilegeName} privilege, which the caller does not hold.");
        }

        public override OrganizationResponse Execute(Operation operation)
        {
            if (_api.PluginType != null) Host.Pipeline.RunMainOperation(operation, _api);
            var response = new OrganizationResponse { ResponseName = _api.UniqueName };
            foreach (var property in _api.ResponseProperties)
            {
                if (operation.Output.Contains(property.UniqueName)) response.Results[property.UniqueName] = operation.Output[property.UniqueName];
            }
            return response;
        }
    }
}
