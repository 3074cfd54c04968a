namespace CrmExtensions.Plugins.Model
{
    /// <summary>The organisation's row: it names the base currency every *_base amount is in.</summary>
    public static class Organization
    {
        public const string EntityLogicalName = "organization";
        public const string BaseCurrency = "basecurrencyid";
    }

    /// <summary>A currency of the org; its rate is units of it per unit of the base currency, which the platform divides money by for *_base.</summary>
    public static class TransactionCurrency
    {
        public const string EntityLogicalName = "transactioncurrency";

        /// <summary>The lookup every table with money has to the currency of its amounts.</summary>
        public const string Lookup = "transactioncurrencyid";
        public const string IsoCode = "isocurrencycode";
        public const string Name = "currencyname";
        public const string Symbol = "currencysymbol";
        public const string Precision = "currencyprecision";
        public const string ExchangeRate = "exchangerate";
    }
}
