using System;
using System.IO;

namespace CrmExtensions.Cli
{
    /// <summary>Where things are in the repository, found from the working directory or the tool's own location.</summary>
    public sealed class RepositoryLayout
    {
        /// <summary>How a developer runs the toolchain (crmext-dev) from the repository root; the messages that tell someone to run one of its verbs use it.</summary>
        public const string Invocation = "dotnet run --project Solution/CrmExtensions.Toolchain -c Release --";

        /// <param name="root">The repository's root folder (the one holding CrmExtensions.sln).</param>
        /// <param name="shared">The folder of Microsoft's schemas and packages; ../shared beside the repository when null.</param>
        public RepositoryLayout(string root, string shared = null)
        {
            Root = root;
            _shared = shared ?? Path.Combine(root, "..", "shared");
        }

        private readonly string _shared;

        public string Root { get; }
        /// <summary>The core solution's source (CrmExtensions); the service solution's lies beside it (see <see cref="ProductFolders"/>).</summary>
        public string SolutionSource => Path.Combine(Root, "Solution", "src");
        public string SampleData => Path.Combine(Root, "Solution", "sample");
        public string PluginProject => Path.Combine(Root, "Plugins", "CrmExtensions.Plugins", "CrmExtensions.Plugins.csproj");
        public string PluginOutput => Path.Combine(Root, "Plugins", "CrmExtensions.Plugins", "bin", "Release", "net462");
        public string WorkflowProject => Path.Combine(Root, "Plugins", "CrmExtensions.Workflow", "CrmExtensions.Workflow.csproj");
        public string WorkflowOutput => Path.Combine(Root, "Plugins", "CrmExtensions.Workflow", "bin", "Release", "net462");
        public string WebResourcesProject => Path.Combine(Root, "WebResources");
        public string WebResourcesOutput => Path.Combine(Root, "WebResources", "dist");
        public string TypeScriptContracts => Path.Combine(Root, "WebResources", "src", "shared", "customApis.ts");
        public string WebSchema => Path.Combine(Root, "WebResources", "src", "shared", "schema.ts");
        public string ChoiceEnums => Path.Combine(Root, "Plugins", "CrmExtensions.Plugins", "Model", "OptionSets.cs");
        public string ArtifactsDirectory => Path.Combine(Root, "artifacts");

        /// <summary>Microsoft's solution XSDs beside the repository (../shared); absent outside CI and this workplace.</summary>
        public string SolutionSchemas => Path.GetFullPath(Path.Combine(_shared, "schemas", "solution-9.0.0.2090"));

        public static RepositoryLayout Find()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "CrmExtensions.sln"))) return new RepositoryLayout(dir.FullName);
                }
            }
            throw new DirectoryNotFoundException("Run crmext inside the CrmExtensions repository (CrmExtensions.sln not found).");
        }
    }
}
