using Microsoft.Crm.Sdk.Messages;
using Microsoft.PowerPlatform.Dataverse.Client;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Connection
{
    /// <summary>
    /// The first request of every verb on an org: WhoAmI, so a wrong login or a refused user stops the verb before any
    /// work, and the org's name and version, so the admin sees which org the work goes to.
    /// </summary>
    public static class OrgIdentity
    {
        public static string Describe(IOrganizationService service)
        {
            var who = (WhoAmIResponse)service.Execute(new WhoAmIRequest());
            return service is ServiceClient client
                ? $"{client.ConnectedOrgFriendlyName} ({client.ConnectedOrgUniqueName}, version {client.ConnectedOrgVersion}) as user {who.UserId}"
                : $"organization {who.OrganizationId} as user {who.UserId}";
        }
    }
}
