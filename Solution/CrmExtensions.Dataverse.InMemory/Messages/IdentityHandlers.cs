using System;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>WhoAmI: the caller, its business unit and the organisation.</summary>
    internal sealed class WhoAmIHandler : DirectMessage
    {
        public WhoAmIHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "WhoAmI";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var who = new WhoAmIResponse();
            who.Results["UserId"] = scope.UserId;
            who.Results["BusinessUnitId"] = Host.BusinessUnitId;
            who.Results["OrganizationId"] = Host.OrganizationId;
            return who;
        }
    }

    /// <summary>RetrieveUserPrivilegeByPrivilegeName: one global role privilege when the user holds it, none otherwise.</summary>
    internal sealed class UserPrivilegeHandler : DirectMessage
    {
        public UserPrivilegeHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "RetrieveUserPrivilegeByPrivilegeName";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var name = (string)request["PrivilegeName"];
            var response = new RetrieveUserPrivilegeByPrivilegeNameResponse();
            response.Results["RolePrivileges"] = Host.HasPrivilege((Guid)request["UserId"], name)
                ? new[] { new RolePrivilege(PrivilegeDepth.Global, Guid.NewGuid(), Host.BusinessUnitId, name) }
                : new RolePrivilege[0];
            return response;
        }
    }
}
