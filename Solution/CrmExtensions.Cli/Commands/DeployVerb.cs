using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Commands
{
    /// <summary>deploy: imports the solution zip as a background system job (ExecuteAsync), waits for it, then publishes.</summary>
    public static class DeployVerb
    {
        private const string SystemJob = "asyncoperation";
        private const int Completed = 3, Succeeded = 30;

        public static Command Create(CliContext context)
        {
            var connection = CrmextCommand.ConnectionOption();
            var zip = new Option<string>("--zip") { Description = "The solution zip (default: pack the repository's solution into artifacts/ first)" };
            var managed = new Option<bool>("--managed") { Description = "Pack and import the managed solution" };
            var poll = new Option<int>("--poll-seconds") { Description = "Seconds between two looks at the import", DefaultValueFactory = _ => 10 };
            var timeout = new Option<int>("--timeout-minutes") { Description = "Give up waiting after this long", DefaultValueFactory = _ => 60 };
            var deploy = new Command("deploy", "Import the solution zip into the org, wait for the import to finish, then publish") { connection, zip, managed, poll, timeout };
            deploy.SetAction(r => CrmextCommand.Guarded(context, () =>
            {
                var file = CrmextCommand.FullPath(r, zip) ?? SolutionVerbs.PackBuilt(context, r.GetValue(managed));
                return Deploy(context, CrmextCommand.Org(context, r, connection), file, TimeSpan.FromSeconds(Math.Max(1, r.GetValue(poll))), TimeSpan.FromMinutes(r.GetValue(timeout)));
            }));
            return deploy;
        }

        public static int Deploy(CliContext context, IOrganizationService service, string zip, TimeSpan poll, TimeSpan timeout)
        {
            if (!File.Exists(zip)) throw new FileNotFoundException($"No solution zip at {zip}.");
            var watch = Stopwatch.StartNew();
            context.Output.WriteLine($"Importing {Path.GetFileName(zip)}...");
            var import = new ImportSolutionRequest { CustomizationFile = File.ReadAllBytes(zip), ImportJobId = Guid.NewGuid(), OverwriteUnmanagedCustomizations = true, PublishWorkflows = false };
            var jobId = ((ExecuteAsyncResponse)service.Execute(new ExecuteAsyncRequest { Request = import })).AsyncJobId;
            while (true)
            {
                var job = service.Retrieve(SystemJob, jobId, new ColumnSet("statecode", "statuscode", "message"));
                if (job.GetAttributeValue<OptionSetValue>("statecode")?.Value == Completed)
                {
                    if (job.GetAttributeValue<OptionSetValue>("statuscode")?.Value != Succeeded)
                    {
                        context.Error.WriteLine($"The import failed: {job.GetAttributeValue<string>("message")}");
                        context.Error.WriteLine($"Import job {import.ImportJobId}: its log is in the maker portal under Solutions, Solution history.");
                        return 1;
                    }
                    break;
                }
                if (watch.Elapsed > timeout) throw new TimeoutException($"The import is still running after {timeout}; system job {jobId} goes on in the org.");
                context.Pause(poll);
            }
            context.Output.WriteLine($"Imported in {watch.Elapsed.TotalSeconds:N0} s; publishing customisations...");
            service.Execute(new PublishAllXmlRequest());
            context.Output.WriteLine("Published. Next: give admins the Customer Value Administrator role, then run `crmext recalc` for the first evaluation.");
            return 0;
        }
    }
}
