using System.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Reports
{
    /// <summary>The org's base currency, which every amount the report shows is in (the evaluation reads the platform's *_base columns).</summary>
    public static class BaseCurrency
    {
        /// <summary>"US Dollar (USD)", as the organisation's row names it.</summary>
        public static string Of(IOrganizationService service)
        {
            var query = new QueryExpression(Organization.EntityLogicalName) { ColumnSet = new ColumnSet(Organization.BaseCurrency), TopCount = 1 };
            var currency = service.RetrieveMultiple(query).Entities.First().GetAttributeValue<EntityReference>(Organization.BaseCurrency);
            var row = service.Retrieve(TransactionCurrency.EntityLogicalName, currency.Id, new ColumnSet(TransactionCurrency.Name, TransactionCurrency.IsoCode));
            return $"{row.GetAttributeValue<string>(TransactionCurrency.Name)} ({row.GetAttributeValue<string>(TransactionCurrency.IsoCode)})";
        }
    }
}
