using System;
using System.Collections.Generic;
using System.Linq;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    /// <summary>
    /// A platform message steps can be registered on: its sdkmessageid (the same in every environment) and the input
    /// parameter its entity images are taken from (the image's MessagePropertyName), as Dataverse registers them.
    /// </summary>
    public sealed class PlatformMessage
    {
        public static readonly IReadOnlyList<PlatformMessage> All = new[]
        {
            new PlatformMessage("Assign", "8cbdbb1b-ea3e-db11-86a7-000a3a5473e8", "Target"),
            new PlatformMessage("Create", "9ebdbb1b-ea3e-db11-86a7-000a3a5473e8", "Id"),
            new PlatformMessage("Delete", "a1bdbb1b-ea3e-db11-86a7-000a3a5473e8", "Target"),
            new PlatformMessage("SetState", "1cbebb1b-ea3e-db11-86a7-000a3a5473e8", "EntityMoniker"),
            new PlatformMessage("SetStateDynamicEntity", "1dbebb1b-ea3e-db11-86a7-000a3a5473e8", "EntityMoniker"),
            new PlatformMessage("Update", "20bebb1b-ea3e-db11-86a7-000a3a5473e8", "Target"),
        };

        private PlatformMessage(string name, string id, string imagePropertyName)
        {
            Name = name;
            Id = new Guid(id);
            ImagePropertyName = imagePropertyName;
        }

        public string Name { get; }
        public Guid Id { get; }
        public string ImagePropertyName { get; }

        /// <summary>Create has nothing to take a pre-image of.</summary>
        public bool HasPreImage => Name != "Create";

        /// <summary>Delete leaves nothing to take a post-image of.</summary>
        public bool HasPostImage => Name != "Delete";

        public static PlatformMessage Named(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
        public static PlatformMessage WithId(Guid id) => All.FirstOrDefault(m => m.Id == id);
    }
}
