namespace CrmExtensions.Cli.Toolchain
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var context = CliContext.ForConsole();
            return CrmextCommand.Run(ToolchainCommand.Create(context), ToolchainCommand.Name, context, args);
        }
    }
}
