using System;
using System.Collections.Generic;

namespace Microsoft.Xrm.Sdk
{
    public enum EntityState
    {
        Unchanged = 0,
        Created = 1,
        Changed = 2,
    }

    public enum ConcurrencyBehavior
    {
        Default = 0,
        IfRowVersionMatches = 1,
        AlwaysOverwrite = 2,
    }

    public enum EntityRole
    {
        Referencing = 0,
        Referenced = 1,
    }

    public class Entity
    {
        private AttributeCollection _attributes = new AttributeCollection();
        private FormattedValueCollection _formattedValues = new FormattedValueCollection();
        private RelatedEntityCollection _relatedEntities = new RelatedEntityCollection();
        private KeyAttributeCollection _keyAttributes = new KeyAttributeCollection();

        public Entity() { }
        public Entity(string entityName) { LogicalName = entityName; }
        public Entity(string entityName, Guid id) : this(entityName) { Id = id; }
        public Entity(string entityName, string keyName, object keyValue) : this(entityName) { _keyAttributes[keyName] = keyValue; }
        public Entity(string entityName, KeyAttributeCollection keyAttributes) : this(entityName) { _keyAttributes = keyAttributes ?? new KeyAttributeCollection(); }

        public string LogicalName { get; set; }
        public Guid Id { get; set; }

        public AttributeCollection Attributes
        {
            get => _attributes;
            set => _attributes = value;
        }

        public EntityState? EntityState { get; set; }

        public FormattedValueCollection FormattedValues
        {
            get => _formattedValues;
            set => _formattedValues = value;
        }

        public RelatedEntityCollection RelatedEntities
        {
            get => _relatedEntities;
            set => _relatedEntities = value;
        }

        public string RowVersion { get; set; }

        public KeyAttributeCollection KeyAttributes
        {
            get => _keyAttributes;
            set => _keyAttributes = value;
        }

        // Reading a missing attribute throws KeyNotFoundException, as the SDK does.
        public object this[string attributeName]
        {
            get => _attributes[attributeName];
            set => _attributes[attributeName] = value;
        }

        public bool Contains(string attributeName) => _attributes.Contains(attributeName);

        public EntityReference ToEntityReference() =>
            new EntityReference(LogicalName, Id) { KeyAttributes = _keyAttributes, RowVersion = RowVersion };

        // A missing attribute, or one set to null, reads as default(T); a value of another type throws InvalidCastException.
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            if (!_attributes.TryGetValue(attributeLogicalName, out var value) || value == null) return default(T);
            return (T)value;
        }

        public bool TryGetAttributeValue<T>(string attributeKey, out T result)
        {
            if (_attributes.TryGetValue(attributeKey, out var value) && value is T typed)
            {
                result = typed;
                return true;
            }
            result = default(T);
            return false;
        }
    }

    public sealed class EntityReference
    {
        public EntityReference() { }
        public EntityReference(string logicalName) { LogicalName = logicalName; }
        public EntityReference(string logicalName, Guid id) : this(logicalName) { Id = id; }
        public EntityReference(string logicalName, string keyName, object keyValue) : this(logicalName) { KeyAttributes[keyName] = keyValue; }
        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection) : this(logicalName) { KeyAttributes = keyAttributeCollection ?? new KeyAttributeCollection(); }

        public Guid Id { get; set; }
        public string LogicalName { get; set; }
        public string Name { get; set; }
        public KeyAttributeCollection KeyAttributes { get; set; } = new KeyAttributeCollection();
        public string RowVersion { get; set; }

        public override bool Equals(object obj) =>
            obj is EntityReference other && Id == other.Id && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal);

        public override int GetHashCode() => Id.GetHashCode() ^ (LogicalName?.GetHashCode() ?? 0);
    }

    public sealed class EntityCollection
    {
        private DataCollection<Entity> _entities = new DataCollection<Entity>();

        public EntityCollection() { }

        public EntityCollection(IList<Entity> list)
        {
            if (list != null) _entities.AddRange(list);
        }

        public DataCollection<Entity> Entities
        {
            get => _entities;
            set => _entities = value;
        }

        public bool MoreRecords { get; set; }
        public string PagingCookie { get; set; }
        public string MinActiveRowVersion { get; set; }
        public int TotalRecordCount { get; set; }
        public bool TotalRecordCountLimitExceeded { get; set; }
        public string EntityName { get; set; }

        public Entity this[int index]
        {
            get => _entities[index];
            set => _entities[index] = value;
        }
    }
}
