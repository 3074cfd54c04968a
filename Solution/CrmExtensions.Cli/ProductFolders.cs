using System.IO;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// The product's unpacked solutions on disk: the core's folder (Solution/src, or the copy the installed tool carries)
    /// and, beside it, the service solution's (&lt;core folder&gt;-service).
    /// </summary>
    public static class ProductFolders
    {
        public static string ServiceFolderOf(string coreFolder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(coreFolder)) + ProductSolutions.ServiceFolderSuffix;

        /// <summary>Loads the product into an in-memory org as an admin imports it: the core, then the service part where it is there.</summary>
        public static int LoadInto(InMemoryDataverse host, string coreFolder)
        {
            var steps = host.LoadSolution(coreFolder, typeof(PluginBase).Assembly).Steps.Count;
            var service = ServiceFolderOf(coreFolder);
            if (Directory.Exists(service) && host.HasSolution(PlatformApps.Service)) steps += host.LoadSolution(service, typeof(PluginBase).Assembly).Steps.Count;
            return steps;
        }
    }
}
