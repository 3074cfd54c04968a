using System.IO;
using Spectre.Console;

namespace CrmExtensions.Cli
{
    /// <summary>What the verbs write to and where the repository is: the console for a person, a string writer for a test.</summary>
    public sealed class CliContext
    {
        private RepositoryLayout _layout;

        public CliContext(TextWriter output, TextWriter error, IAnsiConsole console)
        {
            Output = output;
            Error = error;
            Console = console;
        }

        public TextWriter Output { get; }
        public TextWriter Error { get; }

        /// <summary>Progress bars and tables for a person at a terminal; plain text when the output is redirected.</summary>
        public IAnsiConsole Console { get; }

        /// <summary>Found on first use: the verbs that work on an org need no repository.</summary>
        public RepositoryLayout Layout => _layout ?? (_layout = RepositoryLayout.Find());

        public static CliContext ForConsole() => new CliContext(System.Console.Out, System.Console.Error, AnsiConsole.Console);

        public static CliContext ForWriter(TextWriter writer, RepositoryLayout layout = null) =>
            new CliContext(writer, writer, AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            }))
            {
                _layout = layout,
            };
    }
}
