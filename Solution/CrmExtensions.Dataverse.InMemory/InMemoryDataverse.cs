using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CrmExtensions.Dataverse.InMemory.Messages;
using CrmExtensions.Dataverse.InMemory.Metadata;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory
{
    /// <summary>
    /// An in-memory Dataverse organisation: tables, an event pipeline that runs registered plugin steps
    /// (PreValidation 10 → PreOperation 20 → core 30 → PostOperation 40, async steps queued after commit),
    /// transactions that roll back on exception, images, filtering attributes, depth and its loop guard,
    /// shared variables, QueryExpression/FetchXML with aggregates, and service-call accounting. This class is the
    /// facade: each message is a handler under Messages/, the pipeline and the async queue are under Pipeline/.
    /// Requests from several threads (async workers, a test's concurrent caller) are serialised one whole request at a
    /// time, as the database's locks would order them; between requests they interleave.
    /// </summary>
    public sealed class InMemoryDataverse
    {
        private readonly List<StepRegistration> _steps = new List<StepRegistration>();
        private readonly List<TraceEntry> _traces = new List<TraceEntry>();
        private readonly MessageHandlers _messages;
        private readonly AsyncQueue _async;
        private readonly object _requestLock = new object();
        private readonly SolutionInstalls _solutions;

        /// <param name="utcNow">The org's clock, fixed; the machine's when null.</param>
        /// <param name="apps">
        /// The Dynamics 365 apps installed (see <see cref="PlatformApps"/>); null: Sales and Customer Service with the
        /// product catalog. An app's tables exist only where it is installed.
        /// </param>
        public InMemoryDataverse(DateTime? utcNow = null, IEnumerable<string> apps = null)
        {
            Clock = utcNow.HasValue ? (Func<DateTime>)(() => utcNow.Value) : () => DateTime.UtcNow;
            var invoker = new PluginInvoker(this, _traces);
            _async = new AsyncQueue(this, invoker);
            Pipeline = new EventPipeline(this, invoker, _async);
            _messages = new MessageHandlers(this);
            Security = new SecurityModel(BusinessUnitId);
            SystemUserId = AddUser("System Administrator");
            Security.Users.SystemUserId = SystemUserId;
            _solutions = new SolutionInstalls(Store);
            foreach (var app in apps ?? PlatformApps.Versions.Keys) _solutions.AddApp(app);
            Rules = new WriteRules(Metadata);
            Queries = new Query.QueryRules(Rules);
            Derived = new DerivedColumns(Metadata, Store, () => new EntityReference(BaseCurrency, BaseCurrencyId));
            Store.Insert(OrganizationCurrency.Row(BaseCurrency, BaseCurrencyId));
            Store.Insert(OrganizationCurrency.Organization(OrganizationId, OrganizationName, new EntityReference(BaseCurrency, BaseCurrencyId)));
        }

        /// <summary>Whether a solution (an app, or one imported) is installed: a row of the solution table.</summary>
        public bool HasSolution(string uniqueName) => _solutions.Has(uniqueName);

        /// <summary>The solution table and the plug-in types its solutions define, which ImportSolution checks and adds to.</summary>
        internal SolutionInstalls Solutions => _solutions;

        private const string BaseCurrency = "transactioncurrency";

        /// <summary>The ErrorCode of an InvalidPluginExecutionException made without one (the .NET exception's HRESULT).</summary>
        private const int NoPluginErrorCode = unchecked((int)0x80131500);

        public TableStore Store { get; } = new TableStore();
        public Func<DateTime> Clock { get; set; }
        public DateTime UtcNow => DateTime.SpecifyKind(Clock(), DateTimeKind.Utc);
        public Guid OrganizationId { get; } = Guid.NewGuid();
        public string OrganizationName { get; set; } = "inmemory";
        public Guid BusinessUnitId { get; } = Guid.NewGuid();
        public Guid SystemUserId { get; }

        /// <summary>The organisation's base currency (US Dollar, exchange rate 1): rows without a currency of their own get it.</summary>
        public Guid BaseCurrencyId { get; } = Guid.NewGuid();

        /// <summary>The tables and columns the organisation has: the solution's, and Microsoft's reference for the standard tables.</summary>
        public OrgMetadata Metadata { get; } = new OrgMetadata();

        internal WriteRules Rules { get; }
        internal Query.QueryRules Queries { get; }
        internal DerivedColumns Derived { get; }

        /// <summary>Users, roles, business units, record access and column security; checked for every request a user's service makes.</summary>
        public SecurityModel Security { get; }

        /// <summary>The platform cancels a chain of plugin-triggered operations deeper than this.</summary>
        public int MaxDepth { get; set; } = 8;

        /// <summary>"A hard 2-minute time limit for a Dataverse message operation" (Microsoft's analyze-performance page), and for a plug-in's run.</summary>
        public TimeSpan ExecutionLimit { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// What one service call a plug-in makes is taken to cost on Dataverse (the README's limits section says why 50 ms):
        /// with the 2-minute limit, an execution may make 2,400 calls.
        /// </summary>
        public TimeSpan CostPerCall { get; set; } = TimeSpan.FromMilliseconds(50);

        public int CallsPerExecution => ExecutionBudget.CallsWithin(ExecutionLimit, CostPerCall);

        public int MaxAggregateRecords { get; set; } = 50000;
        public int MaxExecuteMultipleRequests { get; set; } = 1000;
        /// <summary>
        /// Runs of an asynchronous step that asks for a retry (InvalidPluginExecutionException with OperationStatus.Retry):
        /// "the asynchronous service will attempt to run your plug-in four times" (Microsoft's handle-exceptions page).
        /// </summary>
        public int MaxAsyncAttempts { get; set; } = 4;

        /// <summary>Workers the asynchronous service runs system jobs with at once (1: one after the other, in queue order).</summary>
        public int AsyncWorkers { get; set; } = 1;

        public ServiceCallLog Calls { get; } = new ServiceCallLog();
        public IReadOnlyList<TraceEntry> Traces => _traces;
        public IReadOnlyList<AsyncJob> AsyncJobs => _async.Jobs;
        public IReadOnlyList<StepRegistration> Steps => _steps;

        /// <summary>What a delete does to referencing rows: the platform's activity rule, then the solution's relationships.</summary>
        public List<CascadeRelationship> Relationships { get; } = new List<CascadeRelationship>(CascadeRelationship.Platform());
        public int PendingAsyncJobs => _async.Pending;

        /// <summary>Fault injection: return an exception to throw instead of executing the request, or null to proceed.</summary>
        public Func<OrganizationRequest, ExecutionScope, Exception> FaultInjector { get; set; }

        internal EventPipeline Pipeline { get; }

        public IOrganizationService GetService(Guid? userId = null) =>
            new HostOrganizationService(this, ExecutionScope.External(userId ?? SystemUserId));

        public void Register(StepRegistration step)
        {
            if (step.PluginType == null || !typeof(IPlugin).IsAssignableFrom(step.PluginType))
                throw new ArgumentException($"Step '{step}' names no IPlugin type.");
            _steps.Add(step);
        }

        public void Register(CustomApiDefinition api) => _messages.Register(api);

        /// <summary>
        /// Registers what the solution source declares: its steps and Custom APIs, with types from the given assemblies,
        /// its security roles, its column security (secured columns and field security profiles), its relationships'
        /// cascades and its tables; Microsoft's reference of the standard tables joins them when it lies beside the
        /// repository (<see cref="StandardTables.BesideSolution"/>).
        /// </summary>
        public SolutionRegistrations LoadSolution(string solutionSourceDirectory, params Assembly[] pluginAssemblies)
        {
            // As an import: refused where a solution it depends on is missing, then recorded as installed.
            var manifest = RegistrationXml.Read(System.IO.Path.Combine(solutionSourceDirectory, "Other", "Solution.xml")).Element("SolutionManifest");
            _solutions.Install(manifest, SystemUserId, UtcNow);
            _solutions.PluginTypes.Add(solutionSourceDirectory, pluginAssemblies);
            var loaded = SolutionRegistrationLoader.Load(solutionSourceDirectory, _solutions.PluginTypes);
            Metadata.LoadSolution(solutionSourceDirectory);
            var reference = StandardTables.BesideSolution(solutionSourceDirectory);
            if (System.IO.File.Exists(reference)) Metadata.LoadStandardTables(reference);
            Security.Load(solutionSourceDirectory);
            Relationships.AddRange(CascadeRelationship.Load(solutionSourceDirectory));
            foreach (var step in loaded.Steps) Register(step);
            foreach (var api in loaded.CustomApis) Register(api);
            return loaded;
        }

        /// <summary>A user in the root business unit holding <paramref name="privileges"/> directly, each reaching every row.</summary>
        public Guid AddUser(string fullName, params string[] privileges)
        {
            var id = InsertUser(fullName, BusinessUnitId);
            Security.Users.Add(id, BusinessUnitId, privileges);
            return id;
        }

        /// <summary>A user in <paramref name="businessUnitId"/> with the named security roles (the solution's, or ones a test defined).</summary>
        public Guid AddUser(string fullName, Guid businessUnitId, params string[] roles)
        {
            var id = InsertUser(fullName, businessUnitId);
            Security.Users.Add(id, businessUnitId, null);
            foreach (var role in roles) Security.Users.Assign(id, role);
            return id;
        }

        public Guid AddBusinessUnit(string name, Guid? parentId = null)
        {
            var id = Guid.NewGuid();
            Security.Units.Add(id, parentId ?? BusinessUnitId);
            Store.Insert(new Entity("businessunit", id) { ["name"] = name, ["parentbusinessunitid"] = new EntityReference("businessunit", parentId ?? BusinessUnitId) });
            return id;
        }

        /// <summary>A role the solution does not ship (a platform role such as Salesperson), for tests to give users.</summary>
        public void DefineRole(string name, IDictionary<string, AccessDepth> privileges) => Security.Users.Define(new SecurityRole(name, privileges));

        public void AssignRole(Guid userId, string roleName) => Security.Users.Assign(userId, roleName);

        public void AddToFieldSecurityProfile(Guid userId, string profileName) => Security.Columns.AddMember(profileName, userId);

        public void GrantPrivilege(Guid userId, string privilegeName) => Security.Users.Grant(userId, privilegeName);

        /// <summary>The system administrator holds every privilege; other users what their roles or direct grants give.</summary>
        public bool HasPrivilege(Guid userId, string privilegeName) => Security.Users.Has(userId, privilegeName);

        private Guid InsertUser(string fullName, Guid businessUnitId)
        {
            var id = Guid.NewGuid();
            Store.Insert(new Entity("systemuser", id) { ["fullname"] = fullName, ["businessunitid"] = new EntityReference("businessunit", businessUnitId) });
            return id;
        }

        /// <summary>
        /// Puts rows in place without running any step, as data that existed before the solution was imported. Seeded rows
        /// bypass any open transaction, so a test can also use this to stand for a concurrent writer that already committed.
        /// A seeded row stands for one a client created and later updated: it may carry what a client may write on create or
        /// on update (a state, a total), never what only the platform writes, which is derived as on Create.
        /// </summary>
        public void Seed(params Entity[] rows)
        {
            lock (_requestLock)
            foreach (var row in rows)
            {
                AppTableGuard.Check(this, row.LogicalName);
                var copy = EntityCloner.Clone(row);
                // The platform stores no empty columns (as Create does not): a null value is a column not set.
                foreach (var empty in copy.Attributes.Where(a => a.Value == null).Select(a => a.Key).ToList()) copy.Attributes.Remove(empty);
                Rules.Check(copy, WriteKind.Seed);
                if (copy.Id == Guid.Empty) copy.Id = Guid.NewGuid();
                copy[PrimaryKey.For(copy.LogicalName)] = copy.Id;
                Derived.OnCreate(copy, SystemUserId, UtcNow);
                Store.Insert(copy, logged: false);
                row.Id = copy.Id;
            }
        }

        /// <summary>Columns the platform itself writes on one of its rows (a system job's outcome): no client request, no step.</summary>
        internal void WritePlatformRow(string table, Guid id, IDictionary<string, object> columns)
        {
            lock (_requestLock)
            {
                var row = EntityCloner.Clone(Store.Get(table, id));
                foreach (var column in columns) row[column.Key] = column.Value;
                DerivedColumns.Modified(row, SystemUserId, UtcNow);
                Store.Replace(row);
            }
        }

        public void SetSecureConfiguration(string stepName, string secureConfiguration) =>
            (_steps.SingleOrDefault(s => s.Name == stepName) ?? throw new ArgumentException($"No step named '{stepName}'.")).SecureConfiguration = secureConfiguration;

        /// <summary>Runs queued async steps (and any they queue) on AsyncWorkers workers; a step that asks for a retry gets up to MaxAsyncAttempts runs.</summary>
        public int ProcessAsyncQueue(int maxJobs = int.MaxValue) => _async.Process(maxJobs, AsyncWorkers);

        internal void SubmitAsync(StepRegistration step, PluginExecutionContext context) => _async.Submit(step, context);

        /// <summary>Runs a finished system job again, as the platform may when it redelivers an async event.</summary>
        public void Replay(AsyncJob job) => _async.Replay(job);

        internal OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            // The injector runs before the request takes the lock, so it can stand for another caller committing first.
            var injected = FaultInjector?.Invoke(request, scope);
            lock (_requestLock)
            {
                Calls.Record(scope, request);
                if (scope.Context != null) scope.Budget?.Spend();
                // A call a plug-in makes inside the operation's transaction: if it fails, the transaction is lost with it.
                var inTransaction = scope.Context?.IsInTransaction == true && Store.InTransaction;
                if (inTransaction && Store.Doomed)
                    throw new DataverseFaultException(ErrorCodes.TransactionNotStarted,
                        "There is no active transaction. This error is usually caused by custom plug-ins that ignore errors from service calls and continue processing.");
                try
                {
                    if (scope.Budget?.Exceeded == true)
                        throw new DataverseFaultException(ErrorCodes.SandboxWorkerPluginExecuteTimeout, "The execution went past its time limit and was stopped.");
                    if (injected != null) throw injected;
                    AppTableGuard.Check(this, request);
                    switch (_messages.For(request.RequestName))
                    {
                        case DirectMessage direct: return direct.Execute(request, scope);
                        case PipelineMessage message: return Pipeline.Run(message, request, scope);
                        default:
                            throw new DataverseFaultException(ErrorCodes.UnsupportedMessage,
                                $"The message '{request.RequestName}' is not known to this organisation (no such Custom API or platform message).");
                    }
                }
                catch (InvalidPluginExecutionException ex) when (scope.Context != null)
                {
                    // A plug-in's refusal reaches the plug-in that made the call as the platform sends it: a service fault.
                    Calls.RecordFailure();
                    if (inTransaction) Store.Doom();
                    throw new DataverseFaultException(ex.ErrorCode != 0 && ex.ErrorCode != NoPluginErrorCode ? ex.ErrorCode : ErrorCodes.IsvAborted, ex.Message);
                }
                catch
                {
                    Calls.RecordFailure();
                    if (inTransaction) Store.Doom();
                    throw;
                }
            }
        }
    }
}
