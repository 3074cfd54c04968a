using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Auth;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Cli.Connection;
using CrmExtensions.Cli.Failures;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// crmext: the admin's tool, a verb per task on an org (deploy, recalc, report) and on this machine (demo, backtest,
    /// validate a zip). The verbs that talk to an org take a connection and work against IOrganizationService.
    /// </summary>
    public static class CrmextCommand
    {
        public const string Name = "crmext", VerboseOption = "--verbose", ProfileOption = "--profile";

        public static RootCommand Create(CliContext context)
        {
            var root = Root("crmext: deploy the CrmExtensions solutions, run and follow recalculation jobs, report on an org, run the demo and the backtest.");
            root.Subcommands.Add(DeployVerb.Create(context));
            root.Subcommands.Add(RecalcVerb.Create(context));
            root.Subcommands.Add(ReportVerb.Create(context));
            root.Subcommands.Add(DemoVerb.Create(context));
            root.Subcommands.Add(BacktestVerb.Create(context));
            root.Subcommands.Add(ValidateVerb.Create(context));
            root.Subcommands.Add(AuthVerb.Create(context, ProfileStore.ForUser));
            var profile = AuthVerb.ProfileNameOption(ProfileOption, $"Connection profile to use (precedence: {ConnectionSource.Precedence})");
            foreach (var verb in root.Subcommands.Where(v => v.Options.Any(o => o.Name == "--connection"))) verb.Options.Add(profile);
            return root;
        }

        /// <summary>A root command with the options every verb of both tools takes.</summary>
        public static RootCommand Root(string description)
        {
            var root = new RootCommand(description);
            root.Options.Add(new Option<bool>(VerboseOption) { Description = "Print the stack trace of a failure", Recursive = true });
            return root;
        }

        /// <summary>Parses and runs: a wrong command line prints its errors and a hint and exits 2 before anything runs.</summary>
        public static int Run(RootCommand root, string tool, CliContext context, string[] args)
        {
            var result = root.Parse(args);
            context.Verbose = result.GetValue(root.Options.OfType<Option<bool>>().Single(o => o.Name == VerboseOption));
            if (result.Errors.Count == 0) return result.Invoke(new InvocationConfiguration { Output = context.Output, Error = context.Error });
            foreach (var error in result.Errors) context.Error.WriteLine("error: " + error.Message);
            var verb = result.CommandResult.Command == root ? "" : " " + result.CommandResult.Command.Name;
            context.Error.WriteLine($"hint: {tool}{verb} --help lists the options and their ranges.");
            return ExitCode.BadInput;
        }

        /// <summary>The option every verb that works on an org takes.</summary>
        public static Option<string> ConnectionOption() =>
            new Option<string>("--connection", "-c") { Description = $"Dataverse connection string (precedence: {ConnectionSource.Precedence})" };

        /// <summary>The org the verb works on (see <see cref="ConnectionSource"/>); tested with WhoAmI before any work.</summary>
        public static IOrganizationService Org(CliContext context, ParseResult result, Option<string> connection)
        {
            var (text, origin) = ConnectionSource.Resolve(result.GetValue(connection), result.GetValue<string>(ProfileOption), Environment.GetEnvironmentVariable, ProfileStore.ForUser());
            var service = context.Connect(text);
            context.Info.WriteLine($"Connected to {OrgIdentity.Describe(service)} via {origin}");
            return service;
        }

        /// <summary>Runs a verb; what stops it is reported as one line and a hint (see <see cref="FailureReport"/>).</summary>
        public static int Guarded(CliContext context, Func<int> verb)
        {
            try
            {
                return verb();
            }
            catch (Exception ex)
            {
                return FailureReport.Write(ex, context.Error, context.Verbose);
            }
        }

        /// <summary>A path option's value as a full path, or null when not given.</summary>
        public static string FullPath(ParseResult result, Option<string> option)
        {
            var value = result.GetValue(option);
            return string.IsNullOrEmpty(value) ? null : Path.GetFullPath(value);
        }
    }
}
