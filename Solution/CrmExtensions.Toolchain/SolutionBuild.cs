using System.IO;
using System.Reflection;
using CrmExtensions.Plugins.Infrastructure;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// What the solution is generated and packed from: the built net462 assemblies (read from metadata, as Dataverse
    /// will load them), the declarations of the plug-in assembly (read by reflection from the same source built for
    /// .NET), and the compiled web resources.
    /// </summary>
    public sealed class SolutionBuild
    {
        public SolutionBuild(PluginAssemblyInfo plugins, PluginAssemblyInfo workflow, string webResourcesOutput)
        {
            Plugins = plugins;
            Workflow = workflow;
            WebResourcesOutput = webResourcesOutput;
        }

        public static SolutionBuild Of(RepositoryLayout layout) => new SolutionBuild(
            new PluginAssemblyInfo(Path.Combine(layout.PluginOutput, "CrmExtensions.Plugins.dll")),
            new PluginAssemblyInfo(Path.Combine(layout.WorkflowOutput, "CrmExtensions.Workflow.dll")),
            layout.WebResourcesOutput);

        /// <summary>The plug-in assembly (domain core compiled in).</summary>
        public PluginAssemblyInfo Plugins { get; }

        /// <summary>The classic workflow activity assembly.</summary>
        public PluginAssemblyInfo Workflow { get; }

        public string WebResourcesOutput { get; }

        public Assembly PluginAssembly => typeof(PluginBase).Assembly;

        public string Version => Plugins.Name.Version.ToString();
    }
}
