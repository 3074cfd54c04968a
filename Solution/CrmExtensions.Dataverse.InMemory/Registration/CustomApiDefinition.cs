using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    public sealed class CustomApiParameter
    {
        /// <summary>customapifieldtype → the SDK type a value of it has, and the type's name.</summary>
        public static readonly IReadOnlyDictionary<int, Tuple<Type, string>> Types = new Dictionary<int, Tuple<Type, string>>
        {
            [0] = Tuple.Create(typeof(bool), "Boolean"),
            [1] = Tuple.Create(typeof(DateTime), "DateTime"),
            [2] = Tuple.Create(typeof(decimal), "Decimal"),
            [3] = Tuple.Create(typeof(Entity), "Entity"),
            [4] = Tuple.Create(typeof(EntityCollection), "EntityCollection"),
            [5] = Tuple.Create(typeof(EntityReference), "EntityReference"),
            [6] = Tuple.Create(typeof(double), "Float"),
            [7] = Tuple.Create(typeof(int), "Integer"),
            [8] = Tuple.Create(typeof(Money), "Money"),
            [9] = Tuple.Create(typeof(OptionSetValue), "Picklist"),
            [10] = Tuple.Create(typeof(string), "String"),
            [11] = Tuple.Create(typeof(string[]), "StringArray"),
            [12] = Tuple.Create(typeof(Guid), "Guid"),
        };

        public string UniqueName { get; set; }

        /// <summary>customapifieldtype, a key of <see cref="Types"/>.</summary>
        public int Type { get; set; }

        public bool IsOptional { get; set; }
    }

    /// <summary>A Custom API: a message of our own whose main operation (stage 30) is a plugin type.</summary>
    public sealed class CustomApiDefinition
    {
        public string UniqueName { get; set; }

        /// <summary>0 global (unbound), 1 entity, 2 entity collection.</summary>
        public int BindingType { get; set; }

        public string BoundEntityLogicalName { get; set; }
        public bool IsFunction { get; set; }

        /// <summary>Privilege a caller must hold to run the API; null: anyone.</summary>
        public string ExecutePrivilegeName { get; set; }
        public Type PluginType { get; set; }
        public IList<CustomApiParameter> RequestParameters { get; } = new List<CustomApiParameter>();
        public IList<CustomApiParameter> ResponseProperties { get; } = new List<CustomApiParameter>();
    }
}
