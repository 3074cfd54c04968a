using System.CommandLine;
using CrmExtensions.Cli.Commands;

namespace CrmExtensions.Cli.Toolchain
{
    /// <summary>crmext-dev: the developer's verbs on the repository. Without a verb it runs the main job (build, pack, validate, demo).</summary>
    public static class ToolchainCommand
    {
        public const string Name = "crmext-dev";

        public static RootCommand Create(CliContext context)
        {
            var root = CrmextCommand.Root("crmext-dev: generate, build, pack and validate the CrmExtensions solutions from the repository (the admin's verbs are crmext's).");
            SolutionVerbs.AddTo(root, context);
            return root;
        }
    }
}
