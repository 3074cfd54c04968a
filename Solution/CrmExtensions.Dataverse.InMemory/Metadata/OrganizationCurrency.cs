using System;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>The organisation's base currency as a new org has it: US Dollar at an exchange rate of 1, active; and the organisation's row naming it.</summary>
    internal static class OrganizationCurrency
    {
        public static Entity Organization(Guid id, string name, EntityReference baseCurrency) => new Entity("organization", id)
        {
            ["organizationid"] = id, ["name"] = name, ["basecurrencyid"] = baseCurrency,
        };

        public static Entity Row(string table, Guid id) => new Entity(table, id)
        {
            [PrimaryKey.For(table)] = id, ["currencyname"] = "US Dollar", ["isocurrencycode"] = "USD", ["currencysymbol"] = "$",
            [DerivedColumns.ExchangeRate] = 1m, ["currencyprecision"] = 2, ["statecode"] = new OptionSetValue(0), ["statuscode"] = new OptionSetValue(1),
        };
    }
}
