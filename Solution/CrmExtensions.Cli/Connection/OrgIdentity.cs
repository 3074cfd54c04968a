using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Connection
{
    /// <summary>
    /// The first requests of every verb on an org and of auth create: WhoAmI, so a wrong login or a refused user stops
    /// before any work, and the org's name and version, so the admin sees which org the work goes to.
    /// </summary>
    public static class OrgIdentity
    {
        public static string Describe(IOrganizationService service)
        {
            var who = (WhoAmIResponse)service.Execute(new WhoAmIRequest());
            var org = ((RetrieveCurrentOrganizationResponse)service.Execute(new RetrieveCurrentOrganizationRequest())).Detail;
            return $"{org.FriendlyName} ({org.UniqueName}, version {org.OrganizationVersion}) as user {who.UserId}";
        }
    }
}
