using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>The system job (asyncoperation) columns a caller polls, and their values as the platform numbers them.</summary>
    public static class AsyncOperation
    {
        public const string EntityLogicalName = "asyncoperation";
        public const string Name = "name";
        public const string StateCode = "statecode";
        public const string StatusCode = "statuscode";
        public const string Message = "message";
        public const string CompletedOn = "completedon";
        public const int StateReady = 0, StateCompleted = 3;
        public const int StatusWaitingForResources = 0, StatusSucceeded = 30, StatusFailed = 31;
    }

    /// <summary>
    /// ExecuteAsync: records a system job for the wrapped request and returns its id at once; the asynchronous service
    /// runs the request as the caller later and writes the outcome on the job, which the caller polls.
    /// </summary>
    internal sealed class ExecuteAsyncHandler : DirectMessage
    {
        public ExecuteAsyncHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "ExecuteAsync";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var inner = Parameter<OrganizationRequest>(request, "Request") ?? throw Invalid("ExecuteAsync needs the Request to run.");
            if (inner.RequestName != "ImportSolution") throw Invalid($"ExecuteAsync runs ImportSolution here, not {inner.RequestName}.");
            var job = new Entity(AsyncOperation.EntityLogicalName, Guid.NewGuid())
            {
                [AsyncOperation.Name] = inner.RequestName,
                [AsyncOperation.StateCode] = new OptionSetValue(AsyncOperation.StateReady),
                [AsyncOperation.StatusCode] = new OptionSetValue(AsyncOperation.StatusWaitingForResources),
            };
            job[PrimaryKey.For(job.LogicalName)] = job.Id;
            SystemColumns.Apply(job, scope.UserId, Host.UtcNow, isCreate: true);
            Host.Store.Insert(job);
            if (inner.Parameters.Contains("ImportJobId")) ImportJobLog.Queue(Host, (Guid)inner["ImportJobId"], scope.UserId);
            var step = StepRegistration.Platform("ExecuteAsync: " + inner.RequestName, inner.RequestName, new AsyncOperationRunner(Host));
            var context = new PluginExecutionContext
            {
                MessageName = inner.RequestName,
                Mode = (int)StepMode.Asynchronous,
                UserId = scope.UserId,
                InitiatingUserId = scope.UserId,
                OrganizationId = Host.OrganizationId,
                CorrelationId = scope.CorrelationId,
                OperationCreatedOn = Host.UtcNow,
                OperationId = job.Id,
            };
            context.InputParameters["Request"] = inner;
            Host.SubmitAsync(step, context);
            var response = new ExecuteAsyncResponse();
            response.Results["AsyncJobId"] = job.Id;
            return response;
        }
    }

    /// <summary>
    /// What the asynchronous service runs for ExecuteAsync: the request, as the caller, then its outcome on the system job,
    /// which the platform writes itself (no client may).
    /// </summary>
    internal sealed class AsyncOperationRunner : IPlugin
    {
        private readonly InMemoryDataverse _host;

        public AsyncOperationRunner(InMemoryDataverse host) { _host = host; }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext));
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory));
            var outcome = new Dictionary<string, object>();
            try
            {
                factory.CreateOrganizationService(context.UserId).Execute((OrganizationRequest)context.InputParameters["Request"]);
                outcome[AsyncOperation.StatusCode] = new OptionSetValue(AsyncOperation.StatusSucceeded);
            }
            catch (Exception ex) when (ex is DataverseFaultException || ex is InvalidPluginExecutionException)
            {
                outcome[AsyncOperation.StatusCode] = new OptionSetValue(AsyncOperation.StatusFailed);
                outcome[AsyncOperation.Message] = ex.Message;
            }
            outcome[AsyncOperation.StateCode] = new OptionSetValue(AsyncOperation.StateCompleted);
            outcome[AsyncOperation.CompletedOn] = context.OperationCreatedOn;
            _host.WritePlatformRow(AsyncOperation.EntityLogicalName, context.OperationId, outcome);
        }
    }

    /// <summary>
    /// ImportSolution: refuses a file that is not a solution zip (solution.xml and customizations.xml), one whose
    /// dependencies the org lacks, or one with a plug-in step whose plug-in type neither the zip nor the org defines, and
    /// records the solution with its version as installed and its assemblies' plug-in types. The components are not
    /// installed here: tests load the registrations from the solution's source (LoadSolution), which the zip is packed from.
    /// </summary>
    internal sealed class ImportSolutionHandler : DirectMessage
    {
        public ImportSolutionHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "ImportSolution";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            var jobId = request.Parameters.Contains("ImportJobId") ? (Guid)request["ImportJobId"] : Guid.Empty;
            ImportJobLog.Queue(Host, jobId, scope.UserId);
            XElement manifest = null, customizations = null;
            IReadOnlyList<(XElement Step, DataverseFaultException Fault)> steps;
            try
            {
                (manifest, customizations) = Read(request);
                Host.Solutions.RefuseMissingDependencies(manifest);
                steps = PluginStepImport.Check(customizations, Host.Solutions.PluginTypes);
            }
            catch (DataverseFaultException failure)
            {
                ImportJobLog.Finish(Host, jobId, manifest, customizations, null, failure);
                throw;
            }
            ImportJobLog.Finish(Host, jobId, manifest, customizations, steps, null);
            // One failing component fails the whole import, which then changes nothing.
            var failed = steps.Select(s => s.Fault).FirstOrDefault(f => f != null);
            if (failed != null) throw failed;
            Host.Solutions.Install(manifest, scope.UserId, Host.UtcNow);
            foreach (var type in PluginStepImport.Types(customizations)) Host.Solutions.PluginTypes.Define(type.Key, type.Value);
            return new ImportSolutionResponse();
        }

        private static (XElement Manifest, XElement Customizations) Read(OrganizationRequest request)
        {
            var file = request.Parameters.Contains("CustomizationFile") ? request["CustomizationFile"] as byte[] : null;
            if (file == null || file.Length == 0) throw Invalid("ImportSolution needs the CustomizationFile (the solution zip).");
            try
            {
                using (var zip = new ZipArchive(new MemoryStream(file), ZipArchiveMode.Read))
                {
                    var customizations = zip.GetEntry("customizations.xml") ?? throw Invalid("The solution file has no customizations.xml.");
                    var solution = zip.GetEntry("solution.xml") ?? throw Invalid("The solution file has no solution.xml.");
                    using (var stream = solution.Open())
                    using (var components = customizations.Open())
                        return (XDocument.Load(stream).Root?.Element("SolutionManifest") ?? throw Invalid("solution.xml has no SolutionManifest."), XDocument.Load(components).Root);
                }
            }
            catch (InvalidDataException ex)
            {
                throw Invalid("The solution file is not a zip: " + ex.Message);
            }
        }
    }

    /// <summary>PublishAllXml: customisations are live at once here, so publishing has nothing left to do.</summary>
    internal sealed class PublishAllXmlHandler : DirectMessage
    {
        public PublishAllXmlHandler(InMemoryDataverse host) : base(host) { }

        public override string RequestName => "PublishAllXml";

        public override OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope) => new PublishAllXmlResponse();
    }
}
