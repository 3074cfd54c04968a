using System.Linq;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>Copies rows in and out of the store so callers never share mutable state with it (as over the wire).</summary>
    public static class EntityCloner
    {
        public static Entity Clone(Entity source, System.Func<string, bool> includeColumn = null)
        {
            var copy = new Entity(source.LogicalName, source.Id);
            foreach (var attribute in source.Attributes)
            {
                if (includeColumn == null || includeColumn(attribute.Key)) copy[attribute.Key] = CloneValue(attribute.Value);
            }
            foreach (var formatted in source.FormattedValues) copy.FormattedValues[formatted.Key] = formatted.Value;
            copy.RowVersion = source.RowVersion;
            return copy;
        }

        public static object CloneValue(object value)
        {
            switch (value)
            {
                case Money money: return new Money(money.Value);
                case OptionSetValue option: return new OptionSetValue(option.Value);
                case EntityReference reference: return new EntityReference(reference.LogicalName, reference.Id) { Name = reference.Name };
                case OptionSetValueCollection options: return new OptionSetValueCollection(options.Select(o => new OptionSetValue(o.Value)).ToList());
                case EntityCollection collection: return new EntityCollection(collection.Entities.Select(e => Clone(e)).ToList()) { EntityName = collection.EntityName };
                default: return value;
            }
        }
    }
}
