using System.Collections.Generic;
using System.IO;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// The sources of the product's solutions: the core's folder (Solution/src, or the one --source names) and, beside
    /// it, the service solution's (&lt;core folder&gt;-service) when it is there. Generated, validated and packed together.
    /// </summary>
    public sealed class ProductSources
    {
        private ProductSources(SolutionSource core, SolutionSource service)
        {
            Core = core;
            Service = service;
        }

        public SolutionSource Core { get; }

        /// <summary>Null when the core's folder has no service folder beside it.</summary>
        public SolutionSource Service { get; }

        public IEnumerable<SolutionSource> All => Service == null ? new[] { Core } : new[] { Core, Service };

        public static string ServiceFolderOf(string coreFolder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(coreFolder)) + ProductSolutions.ServiceFolderSuffix;

        /// <summary>Loads the product into an in-memory org as an admin imports it: the core, then the service part where it is there.</summary>
        public static int LoadInto(InMemoryDataverse host, string coreFolder)
        {
            var steps = host.LoadSolution(coreFolder, typeof(PluginBase).Assembly).Steps.Count;
            var service = ServiceFolderOf(coreFolder);
            if (Directory.Exists(service) && host.HasSolution(PlatformApps.Service)) steps += host.LoadSolution(service, typeof(PluginBase).Assembly).Steps.Count;
            return steps;
        }

        public static ProductSources Load(string coreFolder)
        {
            var service = ServiceFolderOf(coreFolder);
            return new ProductSources(new SolutionSource(coreFolder), Directory.Exists(service) ? new SolutionSource(service) : null);
        }
    }
}
