namespace CrmExtensions.Cli
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var context = CliContext.ForConsole();
            return CrmextCommand.Run(CrmextCommand.Create(context), CrmextCommand.Name, context, args);
        }
    }
}
