using System;
using System.Collections.Generic;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    public sealed class CustomApiParameter
    {
        public string UniqueName { get; set; }

        /// <summary>customapifieldtype: 0 Boolean, 1 DateTime, 2 Decimal, 3 Entity, 4 EntityCollection, 5 EntityReference, 6 Float, 7 Integer, 8 Money, 9 Picklist, 10 String, 11 StringArray, 12 Guid.</summary>
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
