using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using CrmExtensions.Cli.Deployment;
using CrmExtensions.Cli.Failures;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>
    /// deploy: imports the product's solutions in order (the core, then the service part where the org has Customer
    /// Service) the way pac solution import does, after a pre-flight of every zip (apps installed, no lower version).
    /// </summary>
    public static class DeployVerb
    {
        public static Command Create(CliContext context)
        {
            var connection = CrmextCommand.ConnectionOption();
            var zip = new Option<string>("--zip") { Description = "One solution zip to import (default: the product's solutions, in order, from the installed tool or artifacts/)" };
            var managed = new Option<bool>("--managed") { Description = "Import the managed solutions (what a production org gets)" };
            var force = new Option<bool>("--force-overwrite") { Description = "Overwrite unmanaged customisations of the solution's components (loses edits made in the org)" };
            var publish = new Option<bool>("--publish-changes") { Description = "Publish all customisations after the import" };
            var activate = new Option<bool>("--activate-plugins") { Description = "Activate the plug-in steps and processes (the nightly refresh flow) on import" };
            var runAsync = new Option<bool>("--async") { Description = "Import as a system job and follow it (for imports that outlast a request)" };
            var maxWait = new Option<int>("--max-async-wait") { Description = "Minutes to follow an --async import (at least 1, default 60)", DefaultValueFactory = _ => 60 }.Within(1, 24 * 60);
            var poll = new Option<int>("--poll-seconds") { Description = "Seconds between two looks at an --async import (1-600)", DefaultValueFactory = _ => 10 }.Within(1, 600);
            var dryRun = new Option<bool>("--dry-run") { Description = "Run the pre-flight and say what would be imported; import nothing" };
            var deploy = new Command("deploy", "Import the solutions into the org (CrmExtensions, then CrmExtensionsService where Customer Service is installed)")
                { connection, zip, managed, force, publish, activate, runAsync, maxWait, poll, dryRun };
            deploy.Excludes(zip, managed);
            deploy.Excludes(dryRun, force, publish, activate, runAsync);
            deploy.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var given = CrmextCommand.FullPath(r, zip);
                if (given != null && !File.Exists(given)) throw new VerbFailure($"no solution zip at {given}.", "pass the path of a zip pack or an export wrote.");
                var zips = given != null ? new[] { given } : context.Product.Zips(r.GetValue(managed));
                var settings = new ImportSettings
                {
                    ForceOverwrite = r.GetValue(force), PublishChanges = r.GetValue(publish), ActivatePlugins = r.GetValue(activate), Async = r.GetValue(runAsync),
                    Poll = TimeSpan.FromSeconds(r.GetValue(poll)), MaxAsyncWait = TimeSpan.FromMinutes(r.GetValue(maxWait)),
                };
                var service = CrmextCommand.Org(context, r, connection);
                return r.GetValue(dryRun) ? DryRun(context, service, zips) : Deploy(context, service, zips, settings);
            }));
            return deploy;
        }

        public static int Deploy(CliContext context, IOrganizationService service, IReadOnlyList<string> zips, ImportSettings settings)
        {
            var import = new SolutionImport(context, service, settings);
            foreach (var (zip, _) in ImportPreflight.Check(service, zips, context.Output.WriteLine))
                if (!import.Run(zip)) return ExitCode.WorkFailed;
            if (settings.PublishChanges)
            {
                context.Output.WriteLine("Publishing customisations...");
                service.Execute(new PublishAllXmlRequest());
                context.Output.WriteLine("Published.");
            }
            else context.Output.WriteLine("Not published: pass --publish-changes, or publish in the maker portal, for unmanaged changes to show.");
            context.Output.WriteLine("Next: give admins the Customer Value Administrator role, then run `crmext recalc` for the first evaluation.");
            return ExitCode.Success;
        }

        private static int DryRun(CliContext context, IOrganizationService service, IReadOnlyList<string> zips)
        {
            var plan = ImportPreflight.Check(service, zips, context.Output.WriteLine);
            foreach (var (zip, manifest) in plan)
                context.Output.WriteLine($"Would import {Path.GetFileName(zip)}{(manifest != null ? $" ({manifest.UniqueName} {manifest.Version})" : "")}.");
            context.Output.WriteLine($"Dry run: the pre-flight passed for {plan.Count} solution{(plan.Count == 1 ? "" : "s")}; nothing was imported.");
            return ExitCode.Success;
        }
    }
}
