using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>What fixture plugins saw, keyed by the step's unsecure configuration so parallel tests do not share it.</summary>
    public sealed class Recorder
    {
        private static readonly ConcurrentDictionary<string, Recorder> All = new ConcurrentDictionary<string, Recorder>();
        public static Recorder New()
        {
            var recorder = new Recorder(Guid.NewGuid().ToString("N"));
            All[recorder.Key] = recorder;
            return recorder;
        }

        public static Recorder For(string key) => All[key];

        private Recorder(string key) { Key = key; }

        public string Key { get; }
        public List<IPluginExecutionContext> Contexts { get; } = new List<IPluginExecutionContext>();
        public List<string> Events { get; } = new List<string>();

        /// <summary>Counts the first attempts that reached the point where they wait for each other (see ReadThenWrite).</summary>
        public System.Threading.CountdownEvent Rendezvous { get; set; }
    }

    public abstract class FixturePlugin : IPlugin
    {
        protected FixturePlugin(string unsecure, string secure)
        {
            Recorder = Recorder.For(unsecure);
            Secure = secure;
        }

        protected Recorder Recorder { get; }
        protected string Secure { get; }

        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext));
            var factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory));
            var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService));
            lock (Recorder)
            {
                Recorder.Contexts.Add(context);
                Recorder.Events.Add($"{GetType().Name}:{context.MessageName}:{context.Stage}:{context.Depth}");
            }
            tracing.Trace("{0} at stage {1}", GetType().Name, context.Stage);
            Run(context, factory.CreateOrganizationService(context.UserId));
        }

        protected abstract void Run(IPluginExecutionContext context, IOrganizationService service);
    }

    public sealed class RecordOnly : FixturePlugin
    {
        public RecordOnly(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service) { }
    }

    public sealed class StampDescription : FixturePlugin
    {
        public StampDescription(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service) =>
            ((Entity)context.InputParameters["Target"])["description"] = $"stamped at {context.Stage}";
    }

    public sealed class CreateFollowUpTask : FixturePlugin
    {
        public CreateFollowUpTask(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service) =>
            service.Create(new Entity("task") { ["subject"] = "follow up", ["regardingobjectid"] = new EntityReference(context.PrimaryEntityName, context.PrimaryEntityId) });
    }

    public sealed class Reject : FixturePlugin
    {
        public Reject(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service) =>
            throw new InvalidPluginExecutionException("Rejected by fixture.");
    }

    /// <summary>Writes a task each run and fails its first runs (as many as the secure configuration says), asking for a retry or not.</summary>
    public sealed class FailFirstRuns : FixturePlugin
    {
        public FailFirstRuns(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            service.Create(new Entity("task") { ["subject"] = "attempt" });
            var settings = Secure.Split(' ');
            if (Recorder.Contexts.Count > int.Parse(settings[0], System.Globalization.CultureInfo.InvariantCulture)) return;
            if (settings[1] == "retry") throw new InvalidPluginExecutionException(OperationStatus.Retry, 0, "SQL timeout: please run me again");
            throw new TimeoutException("SQL timeout");
        }
    }

    /// <summary>Reads a counter, waits until the other first attempts have read it too, then writes it + 1 under RowVersion.</summary>
    public sealed class ReadThenWrite : FixturePlugin
    {
        public ReadThenWrite(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            var row = service.Retrieve("account", context.PrimaryEntityId, new Microsoft.Xrm.Sdk.Query.ColumnSet("numberofemployees"));
            var rendezvous = Recorder.Rendezvous;
            if (!rendezvous.IsSet)
            {
                rendezvous.Signal();
                if (!rendezvous.Wait(TimeSpan.FromSeconds(10))) throw new InvalidOperationException("The other worker never read the row.");
            }
            var update = new Entity("account", context.PrimaryEntityId) { ["numberofemployees"] = row.GetAttributeValue<int>("numberofemployees") + 1, RowVersion = row.RowVersion };
            try
            {
                service.Execute(new Microsoft.Xrm.Sdk.Messages.UpdateRequest { Target = update, ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches });
            }
            catch (System.ServiceModel.FaultException<OrganizationServiceFault> ex)
            {
                throw new InvalidPluginExecutionException(OperationStatus.Retry, ex.Detail.ErrorCode, ex.Message);
            }
        }
    }

    public sealed class StopWorkerOnce : FixturePlugin
    {
        public StopWorkerOnce(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            service.Create(new Entity("task") { ["subject"] = "attempt" });
            if (Recorder.Contexts.Count == 1) throw new Pipeline.WorkerStoppedException();
        }
    }

    public sealed class TouchSelf : FixturePlugin
    {
        public TouchSelf(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service) =>
            service.Update(new Entity(context.PrimaryEntityName, context.PrimaryEntityId) { ["numberofemployees"] = context.Depth });
    }

    public sealed class SetSharedVariable : FixturePlugin
    {
        public SetSharedVariable(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service) =>
            context.SharedVariables["seen-by-" + context.Stage] = Secure ?? "no secure config";
    }

    /// <summary>Marks its own context, then creates a task: does the task's pipeline see the mark?</summary>
    public sealed class MarkThenCreateTask : FixturePlugin
    {
        public MarkThenCreateTask(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            context.SharedVariables["mark"] = "set before the call";
            service.Create(new Entity("task") { ["subject"] = "child" });
        }
    }

    /// <summary>Asks for a row that is not there and carries on when the call fails (what plug-ins must not do inside a transaction).</summary>
    public sealed class SwallowFailedCall : FixturePlugin
    {
        public SwallowFailedCall(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            try
            {
                service.Retrieve("account", Guid.NewGuid(), new Microsoft.Xrm.Sdk.Query.ColumnSet("name"));
            }
            catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
            {
                Recorder.Events.Add("caught");
            }
            if (Secure == "carry on") service.Create(new Entity("task") { ["subject"] = "after the failure" });
        }
    }

    /// <summary>Creates a task and notes the error code of the service fault it gets, if any.</summary>
    public sealed class CreateTaskNotingFaults : FixturePlugin
    {
        public CreateTaskNotingFaults(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            try
            {
                service.Create(new Entity("task") { ["subject"] = "child" });
            }
            catch (System.ServiceModel.FaultException<OrganizationServiceFault> ex)
            {
                Recorder.Events.Add("fault " + ex.Detail.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + ex.Detail.Message);
            }
        }
    }

    /// <summary>Asks whether the row is there with a query, which finds nothing instead of failing, then writes.</summary>
    public sealed class QueryThenWrite : FixturePlugin
    {
        public QueryThenWrite(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            var query = new Microsoft.Xrm.Sdk.Query.QueryExpression("account") { ColumnSet = new Microsoft.Xrm.Sdk.Query.ColumnSet("name") };
            query.Criteria.AddCondition("accountid", Microsoft.Xrm.Sdk.Query.ConditionOperator.Equal, Guid.NewGuid());
            if (service.RetrieveMultiple(query).Entities.Count == 0) service.Create(new Entity("task") { ["subject"] = "nothing found" });
        }
    }

    /// <summary>Makes as many calls as its secure configuration says, catching any failure (as a careless plug-in might).</summary>
    public sealed class CallMany : FixturePlugin
    {
        public CallMany(string unsecure, string secure) : base(unsecure, secure) { }
        protected override void Run(IPluginExecutionContext context, IOrganizationService service)
        {
            for (var i = 0; i < int.Parse(Secure, System.Globalization.CultureInfo.InvariantCulture); i++)
            {
                try
                {
                    service.Execute(new Microsoft.Crm.Sdk.Messages.WhoAmIRequest());
                }
                catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
                {
                    Recorder.Events.Add("caught");
                }
            }
        }
    }

    public sealed class EchoApi : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext));
            context.OutputParameters["Echo"] = ((string)context.InputParameters["Text"]).ToUpperInvariant() + "@" + context.Stage;
        }
    }
}
