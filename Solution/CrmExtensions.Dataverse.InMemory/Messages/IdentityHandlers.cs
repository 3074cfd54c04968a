using System;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Security;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Organization;

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
            who.Results["BusinessUnitId"] = Host.Security.Users.BusinessUnitOf(scope.UserId);
            who.Results["OrganizationId"] = Host.OrganizationId;
            return who;
        }
    }

    /// <summary>RetrieveCurrentOrganization: the org's names and version, which a client prints to say which org it reached.</summary>
    internal sealed class RetrieveCurrentOrganizationHandler : DirectMessage
    {
        /// <summary>The platform version the host stands for: Dataverse's current 9.2.</summary>
        public const string Version = "9.2.0.0";

        public RetrieveCurrentOrganizationHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "RetrieveCurrentOrganization";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var response = new RetrieveCurrentOrganizationResponse();
            response.Results["Detail"] = new OrganizationDetail
            {
                OrganizationId = Host.OrganizationId, FriendlyName = Host.OrganizationName, UniqueName = Host.OrganizationName, UrlName = Host.OrganizationName,
                OrganizationVersion = Version, State = OrganizationState.Enabled,
            };
            return response;
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
            var user = (Guid)request["UserId"];
            var depth = Host.Security.Users.Depth(user, name);
            var response = new RetrieveUserPrivilegeByPrivilegeNameResponse();
            response.Results["RolePrivileges"] = depth != AccessDepth.None
                ? new[] { new RolePrivilege(ToPrivilegeDepth(depth), Guid.NewGuid(), Host.Security.Users.BusinessUnitOf(user), name) }
                : new RolePrivilege[0];
            return response;
        }

        private static PrivilegeDepth ToPrivilegeDepth(AccessDepth depth) =>
            depth == AccessDepth.Basic ? PrivilegeDepth.Basic : depth == AccessDepth.Local ? PrivilegeDepth.Local : depth == AccessDepth.Deep ? PrivilegeDepth.Deep : PrivilegeDepth.Global;
    }
}
