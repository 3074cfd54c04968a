using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>
    /// What the platform writes on a row besides what the client sent: created and modified on and by (a new row's
    /// createdon is its overriddencreatedon when a migration gave one), the owner, a new row's state and the status its
    /// state defaults to, and for money: the row's currency (the organisation's base currency when none is given), its
    /// exchange rate taken from that currency, and every *_base column as the money column divided by that rate.
    /// </summary>
    public sealed class DerivedColumns
    {
        public const string TransactionCurrency = "transactioncurrencyid";
        public const string ExchangeRate = "exchangerate";

        /// <summary>The precision of every *_base column in Microsoft's metadata.</summary>
        private const int BasePrecision = 4;

        private readonly OrgMetadata _metadata;
        private readonly TableStore _store;
        private readonly Func<EntityReference> _baseCurrency;

        public DerivedColumns(OrgMetadata metadata, TableStore store, Func<EntityReference> baseCurrency)
        {
            _metadata = metadata;
            _store = store;
            _baseCurrency = baseCurrency;
        }

        /// <summary>A row about to be inserted (a client's Create or a seeded row).</summary>
        public void OnCreate(Entity row, Guid userId, DateTime now)
        {
            var user = new EntityReference("systemuser", userId);
            row["createdon"] = row.GetAttributeValue<DateTime?>("overriddencreatedon") ?? now;
            row["createdby"] = user;
            if (Has(row.LogicalName, "ownerid") && !row.Contains("ownerid")) row["ownerid"] = user;
            if (Has(row.LogicalName, "statecode"))
            {
                var state = row.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? 0;
                row["statecode"] = new OptionSetValue(state);
                if (!row.Contains("statuscode")) row["statuscode"] = new OptionSetValue(DefaultStatus(row.LogicalName, state));
            }
            Money(row, row, isCreate: true);
            Modified(row, userId, now);
        }

        /// <summary>A stored row after an update wrote <paramref name="target"/>'s columns over it.</summary>
        public void OnUpdate(Entity row, Entity target, Guid userId, DateTime now)
        {
            // A new state without a status gets the state's default status.
            if (target.Contains("statecode") && !target.Contains("statuscode") && row.GetAttributeValue<OptionSetValue>("statecode") is OptionSetValue state)
                row["statuscode"] = new OptionSetValue(DefaultStatus(row.LogicalName, state.Value));
            Money(row, target, isCreate: false);
            Modified(row, userId, now);
        }

        /// <summary>A message that changes a few columns of a stored row (SetState, Assign, Win, Close).</summary>
        public static void Modified(Entity row, Guid userId, DateTime now)
        {
            row["modifiedon"] = now;
            row["modifiedby"] = new EntityReference("systemuser", userId);
        }

        /// <summary>
        /// The status a row in <paramref name="state"/> gets when none is named: the state's default, if it is one of the
        /// state's own statuses (the reference prints invoice's Closed state with Canceled's 100003), else its first.
        /// </summary>
        public int DefaultStatus(string table, int state)
        {
            var metadata = _metadata.Table(table);
            var own = metadata?.Column("statuscode")?.StateOfStatus.Where(s => s.Value == state).Select(s => s.Key).OrderBy(s => s).ToList() ?? new List<int>();
            if (metadata?.Column("statecode")?.DefaultStatus.TryGetValue(state, out var status) == true && (own.Count == 0 || own.Contains(status))) return status;
            return own.Count > 0 ? own[0] : state + 1;
        }

        /// <summary>
        /// The base values of the money columns <paramref name="written"/> carries, at the rate of the row's currency,
        /// captured again whenever a money column is written (as the platform does; a later change of the currency's
        /// rate alone leaves stored rows as they are).
        /// </summary>
        private void Money(Entity row, Entity written, bool isCreate)
        {
            var moneyColumns = written.Attributes.Where(a => IsMoney(row.LogicalName, a.Key, a.Value)).Select(a => a.Key).ToList();
            // A table with money has a currency lookup (transactioncurrency's own key bears the same name).
            var hasCurrency = _metadata.Table(row.LogicalName)?.Column(TransactionCurrency)?.Kind == ColumnKind.Lookup;
            if (moneyColumns.Count == 0 && !(isCreate && hasCurrency)) return;
            if (!(row.GetAttributeValue<EntityReference>(TransactionCurrency) is EntityReference currency))
                row[TransactionCurrency] = currency = _baseCurrency();
            var rate = _store.Get(currency.LogicalName, currency.Id).GetAttributeValue<decimal?>(ExchangeRate) ?? 1m;
            row[ExchangeRate] = rate;
            foreach (var column in moneyColumns)
            {
                var value = row.GetAttributeValue<Money>(column);
                if (value == null) row.Attributes.Remove(column + "_base");
                else row[column + "_base"] = new Money(Math.Round(value.Value / rate, BasePrecision));
            }
        }

        /// <summary>A money column with a base companion: by the metadata, or by the platform's naming where none describes the table.</summary>
        private bool IsMoney(string table, string column, object value)
        {
            if (column.EndsWith("_base", StringComparison.Ordinal)) return false;
            var metadata = _metadata.Table(table);
            var described = metadata?.Column(column);
            if (described != null) return described.Kind == ColumnKind.Money && metadata.Has(column + "_base");
            return value is Money && (metadata == null || !metadata.Complete);
        }

        private bool Has(string table, string column)
        {
            var metadata = _metadata.Table(table);
            return metadata == null || !metadata.Complete || metadata.Has(column);
        }
    }
}
