using System.Collections.Generic;
using System.IO;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// The sources of the product's solutions: the core's folder (Solution/src, or the one --source names) and, beside
    /// it, the service solution's (see <see cref="ProductFolders"/>) when it is there. Generated, validated and packed together.
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

        public static ProductSources Load(string coreFolder)
        {
            var service = ProductFolders.ServiceFolderOf(coreFolder);
            return new ProductSources(new SolutionSource(coreFolder), Directory.Exists(service) ? new SolutionSource(service) : null);
        }
    }
}
