using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using CrmExtensions.Cli.Backtest;
using CrmExtensions.Cli.Demo;
using CrmExtensions.Domain;

namespace CrmExtensions.Cli.Failures
{
    /// <summary>
    /// Turns what stopped a verb into one line, a hint and an exit code; the stack trace only with --verbose, because
    /// an admin acts on the message and a developer asks for the trace.
    /// </summary>
    public static class FailureReport
    {
        /// <summary>What to do when the org refused the login: the credentials are the profile's or the connection string's.</summary>
        public const string CredentialsHint =
            "check the credentials: crmext auth list shows the profiles (* the selected one); a secret or certificate may have expired, or the user is not in this org.";

        /// <summary>What to do when the org or the network in between cannot be reached.</summary>
        public const string NetworkHint = "check the Url and the network (proxy, VPN): the org and its sign-in service (login.microsoftonline.com) must be reachable.";

        /// <summary>What to do when the org was too busy to answer (ServiceClient has retried already).</summary>
        public const string BusyHint = "nothing is wrong with the request; run it again later (a job that had started goes on in the org).";

        public static int Write(Exception failure, TextWriter error, bool verbose)
        {
            var (message, hint, code) = Explain(failure);
            error.WriteLine("error: " + message);
            if (!string.IsNullOrEmpty(hint)) error.WriteLine("hint: " + hint);
            if (verbose) Trace(failure, error);
            else if (code == ExitCode.WorkFailed && !(failure is VerbFailure)) error.WriteLine("hint: run again with --verbose for the details.");
            return code;
        }

        private static (string Message, string Hint, int Code) Explain(Exception failure)
        {
            if (failure is VerbFailure expected) return (expected.Message, expected.Hint, expected.ExitCode);
            // However the client delivered it (the fault, the Web API's error, a 401), a refusal changed nothing.
            if (OrgRefusal.Find(failure) is OrgRefusal refusal)
                return refusal.Busy ? ($"the org was busy: {refusal.Message}", BusyHint, ExitCode.WorkFailed)
                    : refusal.Login ? ($"the org refused the login: {refusal.Message}", CredentialsHint, ExitCode.BadInput)
                    : ($"the org refused the request: {refusal.Message}", "check the options against --help; the refused request changed nothing.", ExitCode.BadInput);
            if (Unreachable(failure) is Exception unreachable)
                return ($"could not reach the org: {unreachable.Message}", NetworkHint, ExitCode.BadInput);
            switch (failure)
            {
                case FileNotFoundException _:
                case DirectoryNotFoundException _:
                case UnauthorizedAccessException _:
                case IOException _:
                    return (failure.Message, "check the path you passed.", ExitCode.BadInput);
                case SampleDataException _:
                case TransactionFileException _:
                case DomainValidationException _:
                    return (failure.Message, "fix the file at the place the message names.", ExitCode.BadInput);
                case TimeoutException _:
                    return (failure.Message, null, ExitCode.WorkFailed);
                default:
                    return ($"{failure.GetType().Name}: {failure.Message}", null, ExitCode.WorkFailed);
            }
        }

        /// <summary>The exception and where it was thrown (a service fault's text leaves its stack trace out).</summary>
        private static void Trace(Exception failure, TextWriter error)
        {
            var text = failure.ToString();
            error.WriteLine(text);
            if (failure.StackTrace != null && !text.Contains(failure.StackTrace, StringComparison.Ordinal)) error.WriteLine(failure.StackTrace);
        }

        /// <summary>The network's failure under what a library wrapped it in (WCF's CommunicationException, ServiceClient's), or null.</summary>
        public static Exception Unreachable(Exception failure) => OrgRefusal.Causes(failure).FirstOrDefault(c => c is HttpRequestException || c is SocketException);

        /// <summary>The cause a library wrapped in its own exceptions: what the admin can act on.</summary>
        public static Exception Innermost(Exception failure) => failure.InnerException == null ? failure : Innermost(failure.InnerException);
    }
}
