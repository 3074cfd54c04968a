using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    public sealed class AttributeCollection : DataCollection<string, object> { }

    public sealed class FormattedValueCollection : DataCollection<string, string> { }

    public sealed class KeyAttributeCollection : DataCollection<string, object> { }

    public class EntityImageCollection : DataCollection<string, Entity> { }

    public sealed class ErrorDetailCollection : DataCollection<string, object> { }

    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection> { }

    public class ParameterCollection : DataCollection<string, object>
    {
        public void AddOrUpdateIfNotNull(string key, object obj)
        {
            if (obj != null) this[key] = obj;
        }

        public bool TryGetValue<T>(string key, out T value)
        {
            if (base.TryGetValue(key, out var raw) && raw is T typed)
            {
                value = typed;
                return true;
            }
            value = default(T);
            return false;
        }
    }

    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection() { }
        public EntityReferenceCollection(IList<EntityReference> list) : base(list) { }
    }

    public sealed class OptionSetValueCollection : DataCollection<OptionSetValue>
    {
        public OptionSetValueCollection() { }
        public OptionSetValueCollection(IList<OptionSetValue> list) : base(list) { }
    }

    public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest> { }

    public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem> { }
}
