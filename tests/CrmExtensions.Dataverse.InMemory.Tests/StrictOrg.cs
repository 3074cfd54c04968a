using System;
using System.IO;
using CrmExtensions.Dataverse.InMemory.Metadata;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>
    /// A host that knows the repository's tables (Solution/src) and, where ../shared lies beside the repository,
    /// Microsoft's reference of the standard tables: what the product's own suites run against.
    /// </summary>
    public static class StrictOrg
    {
        public static readonly DateTime Now = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

        public static string SolutionSource
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "CrmExtensions.sln"))) return Path.Combine(dir.FullName, "Solution", "src");
                throw new DirectoryNotFoundException("CrmExtensions.sln not found above the test output folder.");
            }
        }

        public static string Reference => StandardTables.BesideSolution(SolutionSource);

        /// <summary>The solution's tables and, when present, the standard reference.</summary>
        public static InMemoryDataverse New(bool withReference = true)
        {
            var host = new InMemoryDataverse(Now);
            host.Metadata.LoadSolution(SolutionSource);
            if (withReference && File.Exists(Reference)) host.Metadata.LoadStandardTables(Reference);
            return host;
        }
    }

    /// <summary>A fact about the standard tables: skipped, with the reason, where Microsoft's reference (../shared) is absent.</summary>
    public sealed class NeedsStandardReferenceFactAttribute : FactAttribute
    {
        public NeedsStandardReferenceFactAttribute()
        {
            if (!File.Exists(StrictOrg.Reference))
                Skip = $"Microsoft's standard table reference is not at {StrictOrg.Reference} (../shared beside the repository; CI has it).";
        }
    }
}
