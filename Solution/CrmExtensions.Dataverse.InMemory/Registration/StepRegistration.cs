using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    public enum PipelineStage
    {
        PreValidation = 10,
        PreOperation = 20,
        MainOperation = 30,
        PostOperation = 40,
    }

    public enum StepMode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }

    public enum ImageType
    {
        PreImage = 0,
        PostImage = 1,
        Both = 2,
    }

    public sealed class StepImage
    {
        public StepImage(string alias, ImageType type, IEnumerable<string> attributes)
        {
            Alias = alias;
            Type = type;
            Attributes = new HashSet<string>(attributes ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        }

        public string Alias { get; }
        public ImageType Type { get; }

        /// <summary>Empty means every column, as in the Plugin Registration Tool.</summary>
        public ISet<string> Attributes { get; }
    }

    /// <summary>One sdkmessageprocessingstep: which plugin type fires on which message, table, stage and mode.</summary>
    public sealed class StepRegistration
    {
        private readonly object _instanceLock = new object();
        private IPlugin _instance;

        public Guid Id { get; set; } = Guid.NewGuid();
        public string Name { get; set; }
        public string Message { get; set; }

        /// <summary>Null or empty: any table.</summary>
        public string PrimaryEntity { get; set; }

        public PipelineStage Stage { get; set; }
        public StepMode Mode { get; set; }
        public int Rank { get; set; } = 1;
        public ISet<string> FilteringAttributes { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        public string UnsecureConfiguration { get; set; }
        public string SecureConfiguration { get; set; }
        public Type PluginType { get; set; }
        public IList<StepImage> Images { get; } = new List<StepImage>();

        /// <summary>A step of the platform's own, whose plug-in is an object the host made (not a registered type).</summary>
        internal static StepRegistration Platform(string name, string message, IPlugin plugin) => new StepRegistration
        {
            Name = name, Message = message, Mode = StepMode.Asynchronous, PluginType = plugin.GetType(), _instance = plugin,
        };

        /// <summary>The platform constructs a plugin once and reuses it across events, so plugins must be stateless.</summary>
        public IPlugin Instance
        {
            get
            {
                lock (_instanceLock)
                {
                    return _instance ?? (_instance = Create());
                }
            }
        }

        private IPlugin Create()
        {
            var two = PluginType.GetConstructor(new[] { typeof(string), typeof(string) });
            if (two != null) return (IPlugin)two.Invoke(new object[] { UnsecureConfiguration, SecureConfiguration });
            var one = PluginType.GetConstructor(new[] { typeof(string) });
            if (one != null) return (IPlugin)one.Invoke(new object[] { UnsecureConfiguration });
            return (IPlugin)Activator.CreateInstance(PluginType);
        }

        public override string ToString() => Name ?? $"{PluginType?.Name}: {Message} of {PrimaryEntity ?? "any entity"} ({Stage}, {Mode})";
    }
}
