namespace CrmExtensions.Cli.Failures
{
    /// <summary>What a pipeline or a script can tell from crmext's exit status alone.</summary>
    public static class ExitCode
    {
        public const int Success = 0;

        /// <summary>The work ran and failed: customers failed, the import failed, the validation found problems.</summary>
        public const int WorkFailed = 1;

        /// <summary>Nothing was done: an option, a file or a connection is wrong, or the org refused the request.</summary>
        public const int BadInput = 2;
    }
}
