using System;

namespace Microsoft.Xrm.Sdk
{
    public sealed class Money
    {
        public Money() { }
        public Money(decimal value) { Value = value; }

        public decimal Value { get; set; }

        public override bool Equals(object obj) => obj is Money other && other.Value == Value;
        public override int GetHashCode() => Value.GetHashCode();
    }

    public sealed class OptionSetValue
    {
        public OptionSetValue() { }
        public OptionSetValue(int value) { Value = value; }

        public int Value { get; set; }

        public override bool Equals(object obj) => obj is OptionSetValue other && other.Value == Value;
        public override int GetHashCode() => Value.GetHashCode();
    }

    public sealed class AliasedValue
    {
        public AliasedValue() { }

        public AliasedValue(string entityLogicalName, string attributeLogicalName, object value)
        {
            EntityLogicalName = entityLogicalName;
            AttributeLogicalName = attributeLogicalName;
            Value = value;
        }

        public string AttributeLogicalName { get; private set; }
        public string EntityLogicalName { get; private set; }
        public object Value { get; private set; }
    }

    public sealed class Relationship
    {
        public Relationship() { }
        public Relationship(string schemaName) { SchemaName = schemaName; }

        public string SchemaName { get; set; }
        public EntityRole? PrimaryEntityRole { get; set; }

        public override bool Equals(object obj) =>
            obj is Relationship other && string.Equals(SchemaName, other.SchemaName, StringComparison.Ordinal) && PrimaryEntityRole == other.PrimaryEntityRole;

        public override int GetHashCode() => (SchemaName?.GetHashCode() ?? 0) ^ PrimaryEntityRole.GetHashCode();
        public override string ToString() => SchemaName;
    }
}
