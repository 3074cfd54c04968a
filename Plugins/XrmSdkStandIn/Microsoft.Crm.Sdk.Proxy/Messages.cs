using System;
using Microsoft.Xrm.Sdk;

namespace Microsoft.Crm.Sdk.Messages
{
    public sealed class AssignRequest : OrganizationRequest
    {
        public AssignRequest() { RequestName = "Assign"; }
        public EntityReference Target { get => Parameters.Contains("Target") ? (EntityReference)Parameters["Target"] : null; set => Parameters["Target"] = value; }
        public EntityReference Assignee { get => Parameters.Contains("Assignee") ? (EntityReference)Parameters["Assignee"] : null; set => Parameters["Assignee"] = value; }
    }

    public sealed class AssignResponse : OrganizationResponse
    {
        public AssignResponse() { ResponseName = "Assign"; }
    }

    public sealed class SetStateRequest : OrganizationRequest
    {
        public SetStateRequest() { RequestName = "SetState"; }
        public EntityReference EntityMoniker { get => Parameters.Contains("EntityMoniker") ? (EntityReference)Parameters["EntityMoniker"] : null; set => Parameters["EntityMoniker"] = value; }
        public OptionSetValue State { get => Parameters.Contains("State") ? (OptionSetValue)Parameters["State"] : null; set => Parameters["State"] = value; }
        public OptionSetValue Status { get => Parameters.Contains("Status") ? (OptionSetValue)Parameters["Status"] : null; set => Parameters["Status"] = value; }
    }

    public sealed class SetStateResponse : OrganizationResponse
    {
        public SetStateResponse() { ResponseName = "SetState"; }
    }

    public sealed class WhoAmIRequest : OrganizationRequest
    {
        public WhoAmIRequest() { RequestName = "WhoAmI"; }
    }

    public sealed class WhoAmIResponse : OrganizationResponse
    {
        public WhoAmIResponse() { ResponseName = "WhoAmI"; }
        public Guid UserId => Results.Contains("UserId") ? (Guid)Results["UserId"] : Guid.Empty;
        public Guid BusinessUnitId => Results.Contains("BusinessUnitId") ? (Guid)Results["BusinessUnitId"] : Guid.Empty;
        public Guid OrganizationId => Results.Contains("OrganizationId") ? (Guid)Results["OrganizationId"] : Guid.Empty;
    }

    public enum PrivilegeDepth
    {
        Basic = 0,
        Local = 1,
        Deep = 2,
        Global = 3,
        RecordFilter = 4,
    }

    public sealed class RolePrivilege
    {
        public RolePrivilege() { }
        public RolePrivilege(int depth, Guid privilegeId) { Depth = (PrivilegeDepth)depth; PrivilegeId = privilegeId; }
        public RolePrivilege(int depth, Guid privilegeId, Guid businessId) : this(depth, privilegeId) { BusinessUnitId = businessId; }
        public RolePrivilege(int depth, Guid privilegeId, Guid businessId, string privilegeName) : this(depth, privilegeId, businessId) { PrivilegeName = privilegeName; }
        public RolePrivilege(PrivilegeDepth depth, Guid privilegeId, Guid businessId) : this((int)depth, privilegeId, businessId) { }
        public RolePrivilege(PrivilegeDepth depth, Guid privilegeId, Guid businessId, string privilegeName) : this((int)depth, privilegeId, businessId, privilegeName) { }

        public PrivilegeDepth Depth { get; set; }
        public Guid PrivilegeId { get; set; }
        public Guid BusinessUnitId { get; set; }
        public string PrivilegeName { get; set; }
    }

    public sealed class RetrieveUserPrivilegeByPrivilegeNameRequest : OrganizationRequest
    {
        public RetrieveUserPrivilegeByPrivilegeNameRequest() { RequestName = "RetrieveUserPrivilegeByPrivilegeName"; }
        public Guid UserId { get => Parameters.Contains("UserId") ? (Guid)Parameters["UserId"] : Guid.Empty; set => Parameters["UserId"] = value; }
        public string PrivilegeName { get => Parameters.Contains("PrivilegeName") ? (string)Parameters["PrivilegeName"] : null; set => Parameters["PrivilegeName"] = value; }
    }

    public sealed class RetrieveUserPrivilegeByPrivilegeNameResponse : OrganizationResponse
    {
        public RetrieveUserPrivilegeByPrivilegeNameResponse() { ResponseName = "RetrieveUserPrivilegeByPrivilegeName"; }
        public RolePrivilege[] RolePrivileges => Results.Contains("RolePrivileges") ? (RolePrivilege[])Results["RolePrivileges"] : new RolePrivilege[0];
    }
}

namespace Microsoft.Crm.Sdk.Messages
{
    public sealed class WinOpportunityRequest : Microsoft.Xrm.Sdk.OrganizationRequest
    {
        public WinOpportunityRequest() { RequestName = "WinOpportunity"; }
        public Microsoft.Xrm.Sdk.Entity OpportunityClose { get => Parameters.Contains("OpportunityClose") ? (Microsoft.Xrm.Sdk.Entity)Parameters["OpportunityClose"] : null; set => Parameters["OpportunityClose"] = value; }
        public Microsoft.Xrm.Sdk.OptionSetValue Status { get => Parameters.Contains("Status") ? (Microsoft.Xrm.Sdk.OptionSetValue)Parameters["Status"] : null; set => Parameters["Status"] = value; }
    }

    public sealed class WinOpportunityResponse : Microsoft.Xrm.Sdk.OrganizationResponse
    {
        public WinOpportunityResponse() { ResponseName = "WinOpportunity"; }
    }

    public sealed class CloseIncidentRequest : Microsoft.Xrm.Sdk.OrganizationRequest
    {
        public CloseIncidentRequest() { RequestName = "CloseIncident"; }
        public Microsoft.Xrm.Sdk.Entity IncidentResolution { get => Parameters.Contains("IncidentResolution") ? (Microsoft.Xrm.Sdk.Entity)Parameters["IncidentResolution"] : null; set => Parameters["IncidentResolution"] = value; }
        public Microsoft.Xrm.Sdk.OptionSetValue Status { get => Parameters.Contains("Status") ? (Microsoft.Xrm.Sdk.OptionSetValue)Parameters["Status"] : null; set => Parameters["Status"] = value; }
    }

    public sealed class CloseIncidentResponse : Microsoft.Xrm.Sdk.OrganizationResponse
    {
        public CloseIncidentResponse() { ResponseName = "CloseIncident"; }
    }
}
