using System;
using System.CommandLine;
using System.IO;
using CrmExtensions.Cli.Backtest;
using CrmExtensions.Cli.Commands;
using CrmExtensions.Cli.Connection;
using CrmExtensions.Cli.Demo;
using CrmExtensions.Domain;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli
{
    /// <summary>
    /// crmext: one tool with a verb per admin task. Without a verb it runs the main job (build, pack, validate, demo).
    /// The verbs that talk to an org take a connection string and work against IOrganizationService.
    /// </summary>
    public static class CrmextCommand
    {
        public static RootCommand Create(CliContext context)
        {
            var root = new RootCommand("crmext: deploy the CrmExtensions solutions, run and follow recalculation jobs, report on an org, run the demo and the backtest.");
            root.Subcommands.Add(DeployVerb.Create(context));
            root.Subcommands.Add(RecalcVerb.Create(context));
            root.Subcommands.Add(ReportVerb.Create(context));
            root.Subcommands.Add(DemoVerb.Create(context));
            root.Subcommands.Add(BacktestVerb.Create(context));
            return root;
        }

        /// <summary>The option every verb that works on an org takes.</summary>
        public static Option<string> ConnectionOption() =>
            new Option<string>("--connection", "-c") { Description = $"Dataverse connection string (default: the {DataverseConnection.EnvironmentVariable} environment variable)" };

        /// <summary>The org the verb works on: --connection, else the environment variable; neither is a usage error.</summary>
        public static IOrganizationService Org(CliContext context, ParseResult result, Option<string> connection)
        {
            var text = result.GetValue(connection);
            if (string.IsNullOrWhiteSpace(text)) text = Environment.GetEnvironmentVariable(DataverseConnection.EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(text))
                throw new ArgumentException($"No connection string: pass --connection or set {DataverseConnection.EnvironmentVariable} " +
                    "(e.g. \"AuthType=ClientSecret;Url=https://contoso.crm.dynamics.com;ClientId=<app id>;ClientSecret=<secret>\"; README, The admin's CLI, lists the forms).");
            return context.Connect(text);
        }

        /// <summary>Runs a verb; the errors a user can fix (bad input, missing files, a refused request) print one line and exit 2.</summary>
        public static int Guarded(CliContext context, Func<int> verb)
        {
            try
            {
                return verb();
            }
            catch (Exception ex) when (ex is SampleDataException || ex is TransactionFileException || ex is DomainValidationException || ex is InvalidOperationException
                || ex is IOException || ex is ArgumentException)
            {
                context.Error.WriteLine("error: " + ex.Message);
                return 2;
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
