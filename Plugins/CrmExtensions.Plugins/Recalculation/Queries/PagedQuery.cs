using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Queries
{
    /// <summary>Every row of a query, read in the platform's pages of 5,000 with its paging cookie.</summary>
    public static class PagedQuery
    {
        public static IEnumerable<Entity> All(IOrganizationService service, QueryExpression query)
        {
            query.PageInfo = new PagingInfo { Count = QueryLimits.PageSize, PageNumber = 1 };
            while (true)
            {
                var page = service.RetrieveMultiple(query);
                foreach (var row in page.Entities) yield return row;
                if (!page.MoreRecords) yield break;
                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }
    }
}
