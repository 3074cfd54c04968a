using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Metadata
{
    /// <summary>What a column holds, as far as the SDK value a client sends for it is concerned.</summary>
    public enum ColumnKind
    {
        Text,
        Integer,
        BigInt,
        Decimal,
        Double,
        Money,
        Boolean,
        DateTime,
        Choice,
        State,
        Status,
        Lookup,
        PartyList,
        UniqueIdentifier,
        EntityName,
        Image,
    }

    /// <summary>
    /// One column as the platform's metadata describes it: its kind, its limits (length, range, options) and whether
    /// clients may write it on create and on update. Read from a solution's Entity.xml or Microsoft's entity reference.
    /// </summary>
    public sealed class ColumnMetadata
    {
        public ColumnMetadata(string name, ColumnKind kind)
        {
            Name = name;
            Kind = kind;
        }

        public string Name { get; }
        public ColumnKind Kind { get; }
        public int? MaxLength { get; set; }
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
        public bool ValidForCreate { get; set; } = true;
        public bool ValidForUpdate { get; set; } = true;

        /// <summary>The option values of a choice, state or status column; null: the values are not checked.</summary>
        public ISet<int> Options { get; set; }

        /// <summary>A status column: the state each status value belongs to.</summary>
        public IDictionary<int, int> StateOfStatus { get; } = new Dictionary<int, int>();

        /// <summary>A state column: the status a row gets in each state when the writer names none.</summary>
        public IDictionary<int, int> DefaultStatus { get; } = new Dictionary<int, int>();

        /// <summary>Whether a client may write the column on this kind of write.</summary>
        public bool Writable(bool isCreate) => isCreate ? ValidForCreate : ValidForUpdate;

        /// <summary>The SDK type a value of this column has.</summary>
        public Type ValueType
        {
            get
            {
                switch (Kind)
                {
                    case ColumnKind.Text: case ColumnKind.EntityName: return typeof(string);
                    case ColumnKind.Integer: return typeof(int);
                    case ColumnKind.BigInt: return typeof(long);
                    case ColumnKind.Decimal: return typeof(decimal);
                    case ColumnKind.Double: return typeof(double);
                    case ColumnKind.Money: return typeof(Money);
                    case ColumnKind.Boolean: return typeof(bool);
                    case ColumnKind.DateTime: return typeof(DateTime);
                    case ColumnKind.Choice: case ColumnKind.State: case ColumnKind.Status: return typeof(OptionSetValue);
                    case ColumnKind.Lookup: return typeof(EntityReference);
                    case ColumnKind.PartyList: return typeof(EntityCollection);
                    case ColumnKind.UniqueIdentifier: return typeof(Guid);
                    default: return typeof(byte[]);
                }
            }
        }

        /// <summary>Columns of kinds whose values are ordered: the only ones gt, ge, lt, le apply to.</summary>
        public bool IsOrdered => Kind == ColumnKind.Text || Kind == ColumnKind.Integer || Kind == ColumnKind.BigInt || Kind == ColumnKind.Decimal
            || Kind == ColumnKind.Double || Kind == ColumnKind.Money || Kind == ColumnKind.DateTime;
    }
}
