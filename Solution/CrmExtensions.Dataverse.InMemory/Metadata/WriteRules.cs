using System;
using System.Globalization;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>How a row reaches the table: a client's Create or Update, or a seeded row that stands for one a client created and later updated.</summary>
    public enum WriteKind
    {
        Create,
        Update,
        Seed,
    }

    /// <summary>
    /// What the platform refuses in a row a client writes, judged by the table's metadata, with the platform's error
    /// codes: an unknown table or column, a column clients may not write on this kind of write (the *_base money columns,
    /// createdon, exchangerate, a create-only or system column), a value of the wrong SDK type, text past its maximum
    /// length, an option the choice does not have, a status of another state, a number outside its range.
    /// </summary>
    public sealed class WriteRules
    {
        private readonly OrgMetadata _metadata;

        public WriteRules(OrgMetadata metadata) { _metadata = metadata; }

        /// <summary>Checks the columns of <paramref name="target"/>; <paramref name="storedState"/> is the row's state on an update.</summary>
        public void Check(Entity target, WriteKind kind, int? storedState = null)
        {
            var table = TableOf(target.LogicalName);
            if (table == null) return;
            var primaryKey = PrimaryKey.For(target.LogicalName);
            foreach (var attribute in target.Attributes)
            {
                // The primary key names the row; an update may repeat it.
                if (attribute.Key == primaryKey && kind != WriteKind.Create && attribute.Value is Guid id && id == target.Id) continue;
                var column = table.Column(attribute.Key);
                if (column == null)
                {
                    if (table.Complete) throw NoColumn(target.LogicalName, attribute.Key);
                    continue;
                }
                CheckWritable(target.LogicalName, column, kind);
                if (attribute.Value != null) CheckValue(target.LogicalName, column, attribute.Value);
            }
            CheckStatus(target, table, storedState);
        }

        /// <summary>The table's metadata; null when nothing describes it and the reference is absent (then nothing is judged).</summary>
        public TableMetadata TableOf(string name)
        {
            if (_metadata.IsUnknownTable(name))
                throw new DataverseFaultException(ErrorCodes.QueryBuilderNoEntity, $"The entity with a name = '{name}' with namemapping = 'Logical' was not found in the MetadataCache.");
            return _metadata.Table(name);
        }

        public static DataverseFaultException NoColumn(string table, string column) =>
            new DataverseFaultException(ErrorCodes.QueryBuilderNoAttribute, $"'{table}' entity doesn't contain attribute with Name = '{column}' and NameMapping = 'Logical'.");

        private static void CheckWritable(string table, ColumnMetadata column, WriteKind kind)
        {
            var writable = kind == WriteKind.Seed ? column.ValidForCreate || column.ValidForUpdate : column.Writable(kind == WriteKind.Create);
            if (writable) return;
            throw kind == WriteKind.Update
                ? new DataverseFaultException(ErrorCodes.NotValidForUpdate, $"A field that is not valid for update was specified: {table}.{column.Name}.")
                : new DataverseFaultException(ErrorCodes.NotValidForCreate, $"A field that is not valid for create was specified: {table}.{column.Name}.");
        }

        private static void CheckValue(string table, ColumnMetadata column, object value)
        {
            if (!column.ValueType.IsInstanceOfType(value))
                throw new DataverseFaultException(ErrorCodes.IncorrectAttributeValueType,
                    $"Invalid Attribute Value Type for {column.Name}. Expected: {column.ValueType.FullName}, Found: {value.GetType().FullName}");
            switch (value)
            {
                case string text when column.MaxLength.HasValue && text.Length > column.MaxLength.Value:
                    throw new DataverseFaultException(ErrorCodes.StringLengthTooLong,
                        $"A validation error occurred. The length of the '{column.Name}' attribute of the '{table}' entity exceeded the maximum allowed length of '{column.MaxLength}'.");
                case OptionSetValue option when column.Options != null && !column.Options.Contains(option.Value):
                    throw new DataverseFaultException(ErrorCodes.PicklistValueOutOfRange,
                        $"A validation error occurred. The value {option.Value} of '{column.Name}' on record of type '{table}' is outside the valid range.");
                case int number: CheckRange(table, column, number, ErrorCodes.IntegerValueOutOfRange); break;
                case long number: CheckRange(table, column, number, ErrorCodes.IntegerValueOutOfRange); break;
                case decimal number: CheckRange(table, column, number, ErrorCodes.DecimalValueOutOfRange); break;
                case double number: CheckRange(table, column, (decimal)number, ErrorCodes.DecimalValueOutOfRange); break;
                case Money money: CheckRange(table, column, money.Value, ErrorCodes.MoneySizeExceeded); break;
            }
        }

        private static void CheckRange(string table, ColumnMetadata column, decimal value, int errorCode)
        {
            if ((column.Min.HasValue && value < column.Min.Value) || (column.Max.HasValue && value > column.Max.Value))
                throw new DataverseFaultException(errorCode, string.Format(CultureInfo.InvariantCulture,
                    "A validation error occurred. The value {0} of '{1}' on record of type '{2}' is outside the allowed range ({3} to {4}).",
                    value, column.Name, table, column.Min, column.Max));
        }

        /// <summary>A status reason belongs to one state: the one written with it, or the row's on an update that keeps its state.</summary>
        private static void CheckStatus(Entity target, TableMetadata table, int? storedState)
        {
            var statusColumn = table.Column("statuscode");
            if (statusColumn == null || statusColumn.StateOfStatus.Count == 0 || !(target.GetAttributeValue<OptionSetValue>("statuscode") is OptionSetValue status)) return;
            var state = target.GetAttributeValue<OptionSetValue>("statecode")?.Value ?? storedState ?? 0;
            if (statusColumn.StateOfStatus.TryGetValue(status.Value, out var owner) && owner != state)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{status.Value} is not a valid status code for state code {state} on {target.LogicalName}.");
        }
    }
}
