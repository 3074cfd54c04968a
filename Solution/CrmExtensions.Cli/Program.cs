using System.CommandLine;

namespace CrmExtensions.Cli
{
    internal static class Program
    {
        private static int Main(string[] args) => CrmextCommand.Create(CliContext.ForConsole()).Parse(args).Invoke(new InvocationConfiguration());
    }
}
