using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Linq;
using CrmExtensions.Cli.Packing;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Registration;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>
    /// deploy: imports the product's solutions in order (the core, then the service part where the org has Customer
    /// Service), each as a background system job (ExecuteAsync) it waits for, then publishes. Before each import it checks
    /// that the apps the solution names under MissingDependencies are installed.
    /// </summary>
    public static class DeployVerb
    {
        private const string SystemJob = "asyncoperation", SolutionTable = "solution";
        private const int Completed = 3, Succeeded = 30;

        public static Command Create(CliContext context)
        {
            var connection = CrmextCommand.ConnectionOption();
            var zip = new Option<string>("--zip") { Description = "One solution zip to import (default: the product's solutions, in order, from the installed tool or artifacts/)" };
            var managed = new Option<bool>("--managed") { Description = "Import the managed solutions" };
            var poll = new Option<int>("--poll-seconds") { Description = "Seconds between two looks at the import", DefaultValueFactory = _ => 10 };
            var timeout = new Option<int>("--timeout-minutes") { Description = "Give up waiting after this long", DefaultValueFactory = _ => 60 };
            var deploy = new Command("deploy", "Import the solutions into the org (CrmExtensions, then CrmExtensionsService where Customer Service is installed), then publish")
                { connection, zip, managed, poll, timeout };
            deploy.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var given = CrmextCommand.FullPath(r, zip);
                var zips = given != null ? new[] { given } : context.Product.Zips(r.GetValue(managed));
                return Deploy(context, CrmextCommand.Org(context, r, connection), zips, TimeSpan.FromSeconds(Math.Max(1, r.GetValue(poll))), TimeSpan.FromMinutes(r.GetValue(timeout)));
            }));
            return deploy;
        }

        public static int Deploy(CliContext context, IOrganizationService service, IReadOnlyList<string> zips, TimeSpan poll, TimeSpan timeout)
        {
            var imported = new List<string>();
            foreach (var zip in zips)
            {
                if (!File.Exists(zip)) throw new FileNotFoundException($"No solution zip at {zip}.");
                var manifest = SolutionZipManifest.TryRead(zip);
                var missing = manifest?.RequiredApps.Where(app => !imported.Contains(app) && !Installed(service, app)).ToList() ?? new List<string>();
                if (missing.Count > 0)
                {
                    var apps = string.Join(", ", missing.Select(a => PlatformApps.Names.TryGetValue(a, out var name) ? $"{name} ({a})" : a));
                    // The service part is optional: an org without Customer Service gets the core, and complaints from nothing.
                    if (manifest.UniqueName == ProductSolutions.Service && zips.Count > 1)
                    {
                        context.Output.WriteLine($"Not importing {manifest.UniqueName}: this org has no {apps}. Everything else works; complaints from cases are not tracked.");
                        continue;
                    }
                    context.Error.WriteLine($"{manifest.UniqueName} needs {apps}, which this org does not have: nothing was imported from {Path.GetFileName(zip)}.");
                    return 1;
                }
                if (Import(context, service, zip, poll, timeout) != 0) return 1;
                if (manifest != null) imported.Add(manifest.UniqueName);
            }
            context.Output.WriteLine("Publishing customisations...");
            service.Execute(new PublishAllXmlRequest());
            context.Output.WriteLine("Published. Next: give admins the Customer Value Administrator role, then run `crmext recalc` for the first evaluation.");
            return 0;
        }

        private static bool Installed(IOrganizationService service, string uniqueName)
        {
            var query = new QueryExpression(SolutionTable) { ColumnSet = new ColumnSet("uniquename"), TopCount = 1 };
            query.Criteria.AddCondition("uniquename", ConditionOperator.Equal, uniqueName);
            return service.RetrieveMultiple(query).Entities.Count > 0;
        }

        private static int Import(CliContext context, IOrganizationService service, string zip, TimeSpan poll, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            context.Output.WriteLine($"Importing {Path.GetFileName(zip)}...");
            var import = new ImportSolutionRequest { CustomizationFile = File.ReadAllBytes(zip), ImportJobId = Guid.NewGuid(), OverwriteUnmanagedCustomizations = true, PublishWorkflows = false };
            var jobId = ((ExecuteAsyncResponse)service.Execute(new ExecuteAsyncRequest { Request = import })).AsyncJobId;
            while (true)
            {
                var job = service.Retrieve(SystemJob, jobId, new ColumnSet("statecode", "statuscode", "message"));
                if (job.GetAttributeValue<OptionSetValue>("statecode")?.Value == Completed)
                {
                    if (job.GetAttributeValue<OptionSetValue>("statuscode")?.Value == Succeeded) break;
                    context.Error.WriteLine($"The import failed: {job.GetAttributeValue<string>("message")}");
                    context.Error.WriteLine($"Import job {import.ImportJobId}: its log is in the maker portal under Solutions, Solution history.");
                    return 1;
                }
                if (watch.Elapsed > timeout) throw new TimeoutException($"The import is still running after {timeout}; system job {jobId} goes on in the org.");
                context.Pause(poll);
            }
            context.Output.WriteLine($"Imported in {watch.Elapsed.TotalSeconds:N0} s.");
            return 0;
        }
    }
}
