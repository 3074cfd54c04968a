using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// What the admin's tool works with besides an org: the solution zips it imports, the unpacked solution the demo's
    /// in-memory org loads, the sample dataset and Microsoft's solution schema. Installed as a .NET tool it carries them
    /// in product/ beside itself; run from the repository they are the repository's (artifacts/, Solution/src,
    /// Solution/sample, ../shared/schemas).
    /// </summary>
    public sealed class ProductFiles
    {
        /// <summary>The folder beside the installed tool's assembly that holds what it carries (see the project file).</summary>
        public const string Carried = "product";

        private ProductFiles(string solutionSource, string sampleData, string zips, string solutionSchemas)
        {
            SolutionSource = solutionSource;
            SampleData = sampleData;
            ZipFolder = zips;
            SolutionSchemas = solutionSchemas;
        }

        public string SolutionSource { get; }
        public string SampleData { get; }
        public string ZipFolder { get; }
        public string SolutionSchemas { get; }

        /// <summary>The product's zips in import order (the core, then the service part); none is an error that says how to get them.</summary>
        public IReadOnlyList<string> Zips(bool managed)
        {
            var zips = ZipsIfAny(managed);
            if (zips.Count == 0)
                throw new FileNotFoundException($"No {(managed ? "managed" : "unmanaged")} solution zips in {ZipFolder}: pass --zip, or pack them first " +
                    $"(`{RepositoryLayout.Invocation} pack{(managed ? " --managed" : "")}`).");
            return zips;
        }

        /// <summary>The product's zips in import order, the newest version of each; empty when there are none.</summary>
        public IReadOnlyList<string> ZipsIfAny(bool managed) => Directory.Exists(ZipFolder)
            ? new[] { ProductSolutions.Core, ProductSolutions.Service }.Select(name => Directory.GetFiles(ZipFolder, name + "_*.zip")
                .Where(z => z.EndsWith("_managed.zip", StringComparison.Ordinal) == managed).OrderByDescending(z => z, StringComparer.Ordinal).FirstOrDefault())
                .Where(z => z != null).ToList()
            : new List<string>();

        public static ProductFiles Find()
        {
            var carried = Path.Combine(AppContext.BaseDirectory, Carried);
            if (Directory.Exists(carried))
                return new ProductFiles(Path.Combine(carried, "src"), Path.Combine(carried, "sample"), Path.Combine(carried, "zips"), Path.Combine(carried, "schemas"));
            var layout = RepositoryLayout.Find();
            return new ProductFiles(layout.SolutionSource, layout.SampleData, layout.ArtifactsDirectory, layout.SolutionSchemas);
        }
    }
}
