using System;

namespace CrmExtensions.Cli.Failures
{
    /// <summary>A failure a verb expects and explains: one line, a hint for what to do next, and the exit code.</summary>
    public sealed class VerbFailure : Exception
    {
        public VerbFailure(string message, string hint, int exitCode = Failures.ExitCode.BadInput, Exception inner = null) : base(message, inner)
        {
            Hint = hint;
            ExitCode = exitCode;
        }

        public string Hint { get; }
        public int ExitCode { get; }
    }
}
