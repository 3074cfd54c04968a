using System.CommandLine;

namespace CrmExtensions.Cli.Toolchain
{
    internal static class Program
    {
        private static int Main(string[] args) => ToolchainCommand.Create(CliContext.ForConsole()).Parse(args).Invoke(new InvocationConfiguration());
    }
}
