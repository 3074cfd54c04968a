using System;
using System.IO;
using System.Threading;
using CrmExtensions.Cli.Connection;
using Microsoft.Xrm.Sdk;
using Spectre.Console;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// What the verbs write to, where the repository is, how they reach an org and how they wait for it: the console,
    /// ServiceClient and a pause for a person; a string writer, the in-memory host and its async queue for a test.
    /// </summary>
    public sealed class CliContext
    {
        private RepositoryLayout _layout;
        private ProductFiles _product;

        public CliContext(TextWriter output, TextWriter error, IAnsiConsole console, Func<string, IOrganizationService> connect, Action<TimeSpan> pause)
        {
            Output = output;
            Error = error;
            Console = console;
            Connect = connect;
            Pause = pause;
        }

        public TextWriter Output { get; }

        /// <summary>Where a verb says what it is doing: the output, or the error stream when the output carries JSON.</summary>
        public TextWriter Info => Json ? Error : Output;

        /// <summary>--json: the output is one JSON document; what a verb says meanwhile goes to <see cref="Info"/>.</summary>
        public bool Json { get; set; }

        /// <summary>--verbose: a failure prints its stack trace too.</summary>
        public bool Verbose { get; set; }
        public TextWriter Error { get; }

        /// <summary>Progress bars for a person at a terminal; plain lines when the output is not interactive.</summary>
        public IAnsiConsole Console { get; }

        /// <summary>An organization service from a connection string.</summary>
        public Func<string, IOrganizationService> Connect { get; }

        /// <summary>Waits between two looks at something the org does in the background (an import, a job).</summary>
        public Action<TimeSpan> Pause { get; }

        /// <summary>Found on first use: the developer's toolchain works on the repository.</summary>
        public RepositoryLayout Layout => _layout ?? (_layout = RepositoryLayout.Find());

        /// <summary>Found on first use: what the installed tool carries, or the repository's files (see <see cref="ProductFiles"/>).</summary>
        public ProductFiles Product => _product ?? (_product = ProductFiles.Find());

        public static CliContext ForConsole() =>
            new CliContext(System.Console.Out, System.Console.Error, AnsiConsole.Console, DataverseConnection.Open, Thread.Sleep);

        /// <summary>Everything written to one writer, plain text; the org is what <paramref name="connect"/> returns.</summary>
        public static CliContext ForWriter(TextWriter writer, Func<string, IOrganizationService> connect, Action<TimeSpan> pause, RepositoryLayout layout = null) =>
            new CliContext(writer, writer, AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            }), connect, pause)
            {
                _layout = layout,
            };
    }
}
