using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Query;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory
{
    /// <summary>
    /// An in-memory Dataverse organisation: tables, an event pipeline that runs registered plugin steps
    /// (PreValidation 10 → PreOperation 20 → core 30 → PostOperation 40, async steps queued after commit),
    /// transactions that roll back on exception, images, filtering attributes, depth and its loop guard,
    /// shared variables, QueryExpression/FetchXML with aggregates, and service-call accounting.
    /// </summary>
    public sealed class InMemoryDataverse
    {
        private readonly List<StepRegistration> _steps = new List<StepRegistration>();
        private readonly Dictionary<string, CustomApiDefinition> _customApis = new Dictionary<string, CustomApiDefinition>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Guid, HashSet<string>> _privileges = new Dictionary<Guid, HashSet<string>>();
        private readonly List<TraceEntry> _traces = new List<TraceEntry>();
        private readonly Queue<AsyncJob> _asyncQueue = new Queue<AsyncJob>();
        private readonly List<AsyncJob> _asyncJobs = new List<AsyncJob>();
        private List<AsyncJob> _pendingAsync;
        private const string UnexpectedMarker = "InMemoryDataverse.UnexpectedPluginException";

        public InMemoryDataverse(DateTime? utcNow = null)
        {
            Clock = utcNow.HasValue ? (Func<DateTime>)(() => utcNow.Value) : () => DateTime.UtcNow;
            SystemUserId = AddUser("System Administrator");
        }

        public TableStore Store { get; } = new TableStore();
        public Func<DateTime> Clock { get; set; }
        public DateTime UtcNow => DateTime.SpecifyKind(Clock(), DateTimeKind.Utc);
        public Guid OrganizationId { get; } = Guid.NewGuid();
        public string OrganizationName { get; set; } = "inmemory";
        public Guid BusinessUnitId { get; } = Guid.NewGuid();
        public Guid SystemUserId { get; }

        /// <summary>The platform cancels a chain of plugin-triggered operations deeper than this.</summary>
        public int MaxDepth { get; set; } = 8;

        public int MaxAggregateRecords { get; set; } = 50000;
        public int MaxExecuteMultipleRequests { get; set; } = 1000;
        public int MaxAsyncAttempts { get; set; } = 3;

        public ServiceCallLog Calls { get; } = new ServiceCallLog();
        public IReadOnlyList<TraceEntry> Traces => _traces;
        public IReadOnlyList<AsyncJob> AsyncJobs => _asyncJobs;
        public IReadOnlyList<StepRegistration> Steps => _steps;
        public int PendingAsyncJobs => _asyncQueue.Count;

        /// <summary>Fault injection: return an exception to throw instead of executing the request, or null to proceed.</summary>
        public Func<OrganizationRequest, ExecutionScope, Exception> FaultInjector { get; set; }

        public IOrganizationService GetService(Guid? userId = null) =>
            new HostOrganizationService(this, ExecutionScope.External(userId ?? SystemUserId));

        public void Register(StepRegistration step)
        {
            if (step.PluginType == null || !typeof(IPlugin).IsAssignableFrom(step.PluginType))
                throw new ArgumentException($"Step '{step}' names no IPlugin type.");
            _steps.Add(step);
        }

        public void Register(CustomApiDefinition api) => _customApis[api.UniqueName] = api;

        /// <summary>Registers what the solution source declares: its steps and Custom APIs, with types from the given assemblies.</summary>
        public SolutionRegistrations LoadSolution(string solutionSourceDirectory, params Assembly[] pluginAssemblies)
        {
            var loaded = SolutionRegistrationLoader.Load(solutionSourceDirectory, pluginAssemblies);
            foreach (var step in loaded.Steps) Register(step);
            foreach (var api in loaded.CustomApis) Register(api);
            return loaded;
        }

        public Guid AddUser(string fullName, params string[] privileges)
        {
            var id = Guid.NewGuid();
            var user = new Entity("systemuser", id) { ["fullname"] = fullName, ["businessunitid"] = new EntityReference("businessunit", BusinessUnitId) };
            Store.Insert(user);
            _privileges[id] = new HashSet<string>(privileges ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
            return id;
        }

        public void GrantPrivilege(Guid userId, string privilegeName) => _privileges[userId].Add(privilegeName);

        /// <summary>
        /// Puts rows in place without running any step, as data that existed before the solution was imported. Seeded rows
        /// bypass any open transaction, so a test can also use this to stand for a concurrent writer that already committed.
        /// </summary>
        public void Seed(params Entity[] rows)
        {
            foreach (var row in rows)
            {
                var copy = EntityCloner.Clone(row);
                if (copy.Id == Guid.Empty) copy.Id = Guid.NewGuid();
                copy[PrimaryKey.For(copy.LogicalName)] = copy.Id;
                ApplySystemColumns(copy, SystemUserId, isCreate: true);
                Store.Insert(copy, logged: false);
                row.Id = copy.Id;
            }
        }

        public void SetSecureConfiguration(string stepName, string secureConfiguration)
        {
            var step = _steps.SingleOrDefault(s => s.Name == stepName) ?? throw new ArgumentException($"No step named '{stepName}'.");
            step.SecureConfiguration = secureConfiguration;
        }

        /// <summary>Runs queued async steps (and any they queue) in order; failures are retried up to MaxAsyncAttempts.</summary>
        public int ProcessAsyncQueue(int maxJobs = int.MaxValue)
        {
            var ran = 0;
            while (_asyncQueue.Count > 0 && ran < maxJobs)
            {
                var job = _asyncQueue.Dequeue();
                ran++;
                RunAsyncJob(job);
            }
            return ran;
        }

        internal OrganizationResponse Execute(OrganizationRequest request, ExecutionScope scope)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            Calls.Record(scope, request);
            var injected = FaultInjector?.Invoke(request, scope);
            if (injected != null) throw injected;

            switch (request.RequestName)
            {
                case "Retrieve": return Retrieve((EntityReference)request["Target"], (ColumnSet)request["ColumnSet"]);
                case "RetrieveMultiple": return RetrieveMultiple((QueryBase)request["Query"], scope);
                case "ExecuteMultiple": return ExecuteMultiple(request, scope);
                case "WhoAmI":
                    var who = new WhoAmIResponse();
                    who.Results["UserId"] = scope.UserId;
                    who.Results["BusinessUnitId"] = BusinessUnitId;
                    who.Results["OrganizationId"] = OrganizationId;
                    return who;
                case "RetrieveUserPrivilegeByPrivilegeName": return UserPrivilege(request);
                case "Create":
                case "Update":
                case "Delete":
                case "Assign":
                case "SetState":
                case "WinOpportunity":
                case "CloseIncident":
                    return RunPipeline(request, scope);
                default:
                    if (_customApis.ContainsKey(request.RequestName ?? string.Empty)) return RunPipeline(request, scope);
                    throw new DataverseFaultException(ErrorCodes.UnsupportedMessage, $"The message '{request.RequestName}' is not known to this organisation (no such Custom API or platform message).");
            }
        }

        private OrganizationResponse RunPipeline(OrganizationRequest request, ExecutionScope scope)
        {
            var depth = scope.Depth + 1;
            if (depth > MaxDepth)
                throw new DataverseFaultException(ErrorCodes.InfiniteLoop,
                    "This workflow job was canceled because the workflow that started it included an infinite loop. Correct the workflow logic and try again.");

            var operation = new Operation(request, scope, depth, UtcNow) { MessageName = MessageNameOf(request) };
            ResolvePrimary(operation);
            var steps = StepsFor(operation);
            // The row as it was and as it ends up are copied only when a step registered an image, and only the imaged columns.
            var images = steps.SelectMany(s => s.Images).ToList();
            var imaged = images.Count > 0;
            Func<string, bool> imagedColumn = images.Any(i => i.Attributes.Count == 0) ? (Func<string, bool>)(_ => true) : c => images.Any(i => i.Attributes.Contains(c));
            operation.PreImageSource = imaged && operation.PrimaryId != Guid.Empty && Store.TryGet(operation.PrimaryEntity, operation.PrimaryId, out var existing) ? EntityCloner.Clone(existing, imagedColumn) : null;

            // A top-level call's PreValidation runs before the database transaction opens, as on the platform.
            var ownsTransaction = !Store.InTransaction;
            RunStage(operation, steps, PipelineStage.PreValidation, inTransaction: !ownsTransaction);
            if (ownsTransaction)
            {
                Store.Begin();
                _pendingAsync = new List<AsyncJob>();
            }
            try
            {
                RunStage(operation, steps, PipelineStage.PreOperation, inTransaction: true);
                var response = Core(operation);
                if (imaged && operation.PrimaryId != Guid.Empty && Store.TryGet(operation.PrimaryEntity, operation.PrimaryId, out var after))
                    operation.PostImageSource = EntityCloner.Clone(after, imagedColumn);
                RunStage(operation, steps, PipelineStage.PostOperation, inTransaction: true);
                foreach (var step in steps.Where(s => s.Mode == StepMode.Asynchronous && s.Stage == PipelineStage.PostOperation))
                    _pendingAsync.Add(new AsyncJob(step, BuildContext(operation, step, inTransaction: false)));
                if (ownsTransaction)
                {
                    Store.Commit();
                    foreach (var job in _pendingAsync)
                    {
                        _asyncJobs.Add(job);
                        _asyncQueue.Enqueue(job);
                    }
                    _pendingAsync = null;
                }
                return response;
            }
            catch
            {
                if (ownsTransaction)
                {
                    Store.Rollback();
                    _pendingAsync = null;
                }
                throw;
            }
        }

        // Some request classes carry a different name than the SDK message steps are registered on.
        private static string MessageNameOf(OrganizationRequest request)
        {
            switch (request.RequestName)
            {
                case "WinOpportunity": return "Win";
                case "CloseIncident": return "Close";
                default: return request.RequestName;
            }
        }

        private void ResolvePrimary(Operation operation)
        {
            var request = operation.Request;
            switch (request.RequestName)
            {
                case "Create":
                case "Update":
                    var target = request.Parameters.Contains("Target") ? request["Target"] as Entity : null;
                    if (target == null || string.IsNullOrEmpty(target.LogicalName))
                        throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{request.RequestName} needs a Target entity with a LogicalName.");
                    operation.PrimaryEntity = target.LogicalName;
                    operation.PrimaryId = target.Id;
                    if (request.RequestName == "Update" && target.Id == Guid.Empty)
                        throw new DataverseFaultException(ErrorCodes.InvalidArgument, "Entity Id must be specified for Update.");
                    break;
                case "Delete":
                case "Assign":
                    var reference = request.Parameters.Contains("Target") ? request["Target"] as EntityReference : null;
                    if (reference == null) throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{request.RequestName} needs a Target entity reference.");
                    operation.PrimaryEntity = reference.LogicalName;
                    operation.PrimaryId = reference.Id;
                    break;
                case "WinOpportunity":
                case "CloseIncident":
                    var closeParameter = request.RequestName == "WinOpportunity" ? "OpportunityClose" : "IncidentResolution";
                    var parentColumn = request.RequestName == "WinOpportunity" ? "opportunityid" : "incidentid";
                    var close = request.Parameters.Contains(closeParameter) ? request[closeParameter] as Entity : null;
                    var parent = close != null && close.Contains(parentColumn) ? close[parentColumn] as EntityReference : null;
                    if (parent == null || !request.Parameters.Contains("Status"))
                        throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{request.RequestName} needs {closeParameter} with {parentColumn} and a Status.");
                    operation.PrimaryEntity = parent.LogicalName;
                    operation.PrimaryId = parent.Id;
                    break;
                case "SetState":
                    var moniker = request.Parameters.Contains("EntityMoniker") ? request["EntityMoniker"] as EntityReference : null;
                    if (moniker == null) throw new DataverseFaultException(ErrorCodes.InvalidArgument, "SetState needs an EntityMoniker.");
                    operation.PrimaryEntity = moniker.LogicalName;
                    operation.PrimaryId = moniker.Id;
                    break;
                default:
                    var api = _customApis[request.RequestName];
                    operation.CustomApi = api;
                    if (api.BindingType == 1)
                    {
                        var bound = request.Parameters.Contains("Target") ? request["Target"] as EntityReference : null;
                        if (bound == null || !string.Equals(bound.LogicalName, api.BoundEntityLogicalName, StringComparison.OrdinalIgnoreCase))
                            throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{api.UniqueName} is bound to {api.BoundEntityLogicalName}: pass Target as a reference to one.");
                        operation.PrimaryEntity = bound.LogicalName;
                        operation.PrimaryId = bound.Id;
                    }
                    else
                    {
                        operation.PrimaryEntity = "none";
                    }
                    ValidateCustomApiParameters(api, request);
                    if (api.ExecutePrivilegeName != null && !HasPrivilege(operation.Scope.UserId, api.ExecutePrivilegeName))
                        throw new DataverseFaultException(ErrorCodes.PrivilegeDenied, $"{api.UniqueName} requires the {api.ExecutePrivilegeName} privilege, which the caller does not hold.");
                    break;
            }
        }

        private static void ValidateCustomApiParameters(CustomApiDefinition api, OrganizationRequest request)
        {
            foreach (var parameter in api.RequestParameters.Where(p => !p.IsOptional))
            {
                if (!request.Parameters.Contains(parameter.UniqueName) || request[parameter.UniqueName] == null)
                    throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{api.UniqueName}: required parameter '{parameter.UniqueName}' is missing.");
            }
            foreach (var parameter in api.RequestParameters)
            {
                if (!request.Parameters.TryGetValue(parameter.UniqueName, out var value) || value == null) continue;
                if (!CustomApiParameter.Types.TryGetValue(parameter.Type, out var expected) || !expected.Item1.IsInstanceOfType(value))
                    throw new DataverseFaultException(ErrorCodes.InvalidArgument,
                        $"{api.UniqueName}: parameter '{parameter.UniqueName}' must be {(CustomApiParameter.Types.TryGetValue(parameter.Type, out var e) ? e.Item2 : "type " + parameter.Type)}, not {value.GetType().Name}.");
            }
            var known = new HashSet<string>(api.RequestParameters.Select(p => p.UniqueName), StringComparer.OrdinalIgnoreCase) { "Target" };
            var unknown = request.Parameters.Keys.FirstOrDefault(k => !known.Contains(k));
            if (unknown != null)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"{api.UniqueName}: '{unknown}' is not a parameter of this Custom API.");
        }

        private List<StepRegistration> StepsFor(Operation operation)
        {
            var message = operation.MessageName;
            var target = operation.Request.Parameters.Contains("Target") ? operation.Request["Target"] as Entity : null;
            return _steps
                .Where(s => string.Equals(s.Message, message, StringComparison.OrdinalIgnoreCase))
                .Where(s => string.IsNullOrEmpty(s.PrimaryEntity) || s.PrimaryEntity == "none" || string.Equals(s.PrimaryEntity, operation.PrimaryEntity, StringComparison.OrdinalIgnoreCase))
                // Filtering attributes apply to Update: the step fires only when the Target carries one of them.
                .Where(s => message != "Update" || s.FilteringAttributes.Count == 0 || (target != null && s.FilteringAttributes.Any(target.Contains)))
                .OrderBy(s => (int)s.Stage).ThenBy(s => s.Rank)
                .ToList();
        }

        private void RunStage(Operation operation, List<StepRegistration> steps, PipelineStage stage, bool inTransaction)
        {
            foreach (var step in steps.Where(s => s.Stage == stage && s.Mode == StepMode.Synchronous))
            {
                var context = BuildContext(operation, step, inTransaction);
                InvokePlugin(step, context);
                // Stage 10/20 plugins may change the Target the core operation will write; later stages see those changes.
            }
        }

        private PluginExecutionContext BuildContext(Operation operation, StepRegistration step, bool inTransaction)
        {
            var isAsync = step.Mode == StepMode.Asynchronous;
            var context = new PluginExecutionContext
            {
                Mode = (int)step.Mode,
                Depth = operation.Depth,
                MessageName = operation.MessageName,
                PrimaryEntityName = operation.PrimaryEntity,
                RequestId = operation.Request.RequestId,
                // Async steps get a snapshot: the pipeline's own objects may change after the event is queued.
                InputParameters = isAsync ? CloneParameters(operation.Request.Parameters) : operation.Request.Parameters,
                OutputParameters = isAsync ? CloneParameters(operation.Output) : operation.Output,
                SharedVariables = isAsync ? CloneParameters(operation.SharedVariables) : operation.SharedVariables,
                UserId = operation.Scope.UserId,
                InitiatingUserId = operation.Scope.InitiatingUserId,
                BusinessUnitId = BusinessUnitId,
                OrganizationId = OrganizationId,
                OrganizationName = OrganizationName,
                PrimaryEntityId = operation.PrimaryId,
                OwningExtension = new EntityReference("sdkmessageprocessingstep", step.Id) { Name = step.Name },
                CorrelationId = operation.Scope.CorrelationId,
                IsInTransaction = inTransaction,
                OperationId = isAsync ? Guid.NewGuid() : Guid.Empty,
                OperationCreatedOn = operation.CreatedOn,
                Stage = (int)step.Stage,
                ParentContext = operation.Scope.Context,
            };
            foreach (var image in step.Images)
            {
                var wantsPre = image.Type == ImageType.PreImage || image.Type == ImageType.Both;
                var wantsPost = image.Type == ImageType.PostImage || image.Type == ImageType.Both;
                if (wantsPre && operation.PreImageSource != null && operation.MessageName != "Create")
                    context.PreEntityImages[image.Alias] = Image(operation.PreImageSource, image);
                if (wantsPost && operation.PostImageSource != null && step.Stage == PipelineStage.PostOperation && operation.MessageName != "Delete")
                    context.PostEntityImages[image.Alias] = Image(operation.PostImageSource, image);
            }
            return context;
        }

        private static Entity Image(Entity source, StepImage image) =>
            EntityCloner.Clone(source, column => image.Attributes.Count == 0 || image.Attributes.Contains(column));

        private static ParameterCollection CloneParameters(ParameterCollection source)
        {
            var copy = new ParameterCollection();
            foreach (var pair in source) copy[pair.Key] = pair.Value is Entity e ? EntityCloner.Clone(e) : EntityCloner.CloneValue(pair.Value);
            return copy;
        }

        private void InvokePlugin(StepRegistration step, PluginExecutionContext context)
        {
            var name = step.ToString();
            var provider = new HostServiceProvider(context, new HostServiceFactory(this, context, name), new HostTracingService(_traces, name));
            try
            {
                step.Instance.Execute(provider);
            }
            catch (InvalidPluginExecutionException)
            {
                throw;
            }
            catch (DataverseFaultException)
            {
                throw;
            }
            catch (Exception ex)
            {
                // The platform reports any other exception as an unexpected plug-in error and cancels the operation.
                var unexpected = new InvalidPluginExecutionException($"Unexpected exception from plug-in (Execute): {step.PluginType.FullName}: {ex.GetType().Name}: {ex.Message}", ex);
                unexpected.Data[UnexpectedMarker] = true;
                throw unexpected;
            }
        }

        private OrganizationResponse Core(Operation operation)
        {
            var request = operation.Request;
            var userId = operation.Scope.UserId;
            switch (request.RequestName)
            {
                case "Create":
                {
                    var target = (Entity)request["Target"];
                    var row = EntityCloner.Clone(target);
                    var idColumn = PrimaryKey.For(target.LogicalName);
                    if (row.Id == Guid.Empty) row.Id = target.Contains(idColumn) && target[idColumn] is Guid given ? given : Guid.NewGuid();
                    foreach (var nullColumn in row.Attributes.Where(a => a.Value == null).Select(a => a.Key).ToList()) row.Attributes.Remove(nullColumn);
                    row[idColumn] = row.Id;
                    ApplySystemColumns(row, userId, isCreate: true);
                    Store.Insert(row);
                    operation.PrimaryId = row.Id;
                    operation.Output["id"] = row.Id;
                    var response = new CreateResponse();
                    response.Results["id"] = row.Id;
                    return response;
                }
                case "Update":
                {
                    var target = (Entity)request["Target"];
                    var stored = Store.Get(target.LogicalName, target.Id);
                    // Optimistic concurrency: the caller's RowVersion must still be current.
                    if (request.Parameters.TryGetValue("ConcurrencyBehavior", out var behavior) && behavior is ConcurrencyBehavior b && b == ConcurrencyBehavior.IfRowVersionMatches
                        && target.RowVersion != stored.RowVersion)
                        throw new DataverseFaultException(ErrorCodes.ConcurrencyVersionMismatch,
                            $"The version of the existing record doesn't match the RowVersion property provided ({target.LogicalName} {target.Id}).");
                    var row = EntityCloner.Clone(stored);
                    foreach (var attribute in target.Attributes)
                    {
                        if (attribute.Value == null) row.Attributes.Remove(attribute.Key);
                        else row[attribute.Key] = EntityCloner.CloneValue(attribute.Value);
                    }
                    ApplySystemColumns(row, userId, isCreate: false);
                    Store.Replace(row);
                    return new UpdateResponse();
                }
                case "Delete":
                {
                    var target = (EntityReference)request["Target"];
                    Store.Get(target.LogicalName, target.Id);
                    Store.Remove(target.LogicalName, target.Id);
                    return new DeleteResponse();
                }
                case "Assign":
                {
                    var target = (EntityReference)request["Target"];
                    var row = EntityCloner.Clone(Store.Get(target.LogicalName, target.Id));
                    row["ownerid"] = EntityCloner.CloneValue((EntityReference)request["Assignee"]);
                    ApplySystemColumns(row, userId, isCreate: false);
                    Store.Replace(row);
                    return new AssignResponse();
                }
                case "SetState":
                {
                    var moniker = (EntityReference)request["EntityMoniker"];
                    var row = EntityCloner.Clone(Store.Get(moniker.LogicalName, moniker.Id));
                    row["statecode"] = new OptionSetValue(((OptionSetValue)request["State"]).Value);
                    row["statuscode"] = new OptionSetValue(((OptionSetValue)request["Status"]).Value);
                    ApplySystemColumns(row, userId, isCreate: false);
                    Store.Replace(row);
                    return new SetStateResponse();
                }
                case "WinOpportunity":
                case "CloseIncident":
                {
                    // The platform records the closing activity (which fires its own Create steps) and closes the parent.
                    var closeParameter = request.RequestName == "WinOpportunity" ? "OpportunityClose" : "IncidentResolution";
                    var close = EntityCloner.Clone((Entity)request[closeParameter]);
                    var closing = operation.Scope.Copy(userId);
                    closing.Depth = operation.Depth;
                    Execute(new CreateRequest { Target = close }, closing);
                    var row = EntityCloner.Clone(Store.Get(operation.PrimaryEntity, operation.PrimaryId));
                    row["statecode"] = new OptionSetValue(1);
                    row["statuscode"] = new OptionSetValue(((OptionSetValue)request["Status"]).Value);
                    ApplySystemColumns(row, userId, isCreate: false);
                    Store.Replace(row);
                    return request.RequestName == "WinOpportunity" ? (OrganizationResponse)new WinOpportunityResponse() : new CloseIncidentResponse();
                }
                default:
                {
                    var api = operation.CustomApi;
                    if (api.PluginType != null)
                    {
                        var main = new StepRegistration { Name = api.UniqueName + " (main operation)", Message = api.UniqueName, Stage = PipelineStage.MainOperation, PluginType = api.PluginType };
                        InvokePlugin(main, BuildContext(operation, main, inTransaction: true));
                    }
                    var response = new OrganizationResponse { ResponseName = api.UniqueName };
                    foreach (var property in api.ResponseProperties)
                    {
                        if (operation.Output.Contains(property.UniqueName)) response.Results[property.UniqueName] = operation.Output[property.UniqueName];
                    }
                    return response;
                }
            }
        }

        private void ApplySystemColumns(Entity row, Guid userId, bool isCreate)
        {
            var now = UtcNow;
            var user = new EntityReference("systemuser", userId);
            if (isCreate)
            {
                if (!row.Contains("createdon")) row["createdon"] = now;
                row["createdby"] = user;
                if (!row.Contains("ownerid")) row["ownerid"] = new EntityReference("systemuser", userId);
                if (!row.Contains("statecode")) row["statecode"] = new OptionSetValue(0);
                if (!row.Contains("statuscode")) row["statuscode"] = new OptionSetValue(1);
            }
            row["modifiedon"] = now;
            row["modifiedby"] = user;
        }

        private RetrieveResponse Retrieve(EntityReference target, ColumnSet columns)
        {
            if (target == null) throw new DataverseFaultException(ErrorCodes.InvalidArgument, "Retrieve needs a Target.");
            if (columns == null) throw new DataverseFaultException(ErrorCodes.InvalidArgument, "Retrieve needs a ColumnSet (use new ColumnSet(true) for every column).");
            var row = Store.Get(target.LogicalName, target.Id);
            var copy = EntityCloner.Clone(row, c => columns.AllColumns || columns.Columns.Contains(c));
            copy[PrimaryKey.For(target.LogicalName)] = row.Id;
            var response = new RetrieveResponse();
            response.Results["Entity"] = copy;
            return response;
        }

        private RetrieveMultipleResponse RetrieveMultiple(QueryBase query, ExecutionScope scope)
        {
            var evaluator = new QueryEvaluator(Store, UtcNow, scope.UserId);
            EntityCollection result;
            switch (query)
            {
                case QueryExpression expression:
                    result = evaluator.Execute(expression);
                    break;
                case QueryByAttribute byAttribute:
                    result = evaluator.Execute(ToExpression(byAttribute));
                    break;
                case FetchExpression fetch:
                    var plan = FetchXmlParser.Parse(fetch.Query);
                    result = plan.Aggregate
                        ? AggregateEvaluator.Execute(plan, evaluator.Filter(plan.Query).ToList(), MaxAggregateRecords)
                        : evaluator.Execute(plan.Query);
                    break;
                default:
                    throw new DataverseFaultException(ErrorCodes.InvalidArgument, "RetrieveMultiple needs a QueryExpression, QueryByAttribute or FetchExpression.");
            }
            var response = new RetrieveMultipleResponse();
            response.Results["EntityCollection"] = result;
            return response;
        }

        private static QueryExpression ToExpression(QueryByAttribute byAttribute)
        {
            if (byAttribute.Attributes.Count != byAttribute.Values.Count)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, "QueryByAttribute needs as many values as attributes.");
            var query = new QueryExpression(byAttribute.EntityName) { ColumnSet = byAttribute.ColumnSet, PageInfo = byAttribute.PageInfo, TopCount = byAttribute.TopCount };
            for (var i = 0; i < byAttribute.Attributes.Count; i++) query.Criteria.AddCondition(byAttribute.Attributes[i], ConditionOperator.Equal, byAttribute.Values[i]);
            foreach (var order in byAttribute.Orders) query.Orders.Add(order);
            return query;
        }

        private ExecuteMultipleResponse ExecuteMultiple(OrganizationRequest request, ExecutionScope scope)
        {
            var requests = (OrganizationRequestCollection)request["Requests"];
            var settings = request.Parameters.Contains("Settings") ? (ExecuteMultipleSettings)request["Settings"] : new ExecuteMultipleSettings();
            if (requests == null) throw new DataverseFaultException(ErrorCodes.InvalidArgument, "ExecuteMultiple needs Requests.");
            if (requests.Count > MaxExecuteMultipleRequests)
                throw new DataverseFaultException(ErrorCodes.ExecuteMultipleBatchTooLarge, $"The number of requests in ExecuteMultiple ({requests.Count}) exceeds the maximum of {MaxExecuteMultipleRequests}.");
            var responses = new ExecuteMultipleResponseItemCollection();
            var faulted = false;
            var inner = scope.Copy(inBatch: true);
            for (var i = 0; i < requests.Count; i++)
            {
                try
                {
                    var response = Execute(requests[i], inner);
                    if (settings.ReturnResponses) responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Response = response });
                }
                catch (Exception ex) when (ex is DataverseFaultException || ex is InvalidPluginExecutionException)
                {
                    faulted = true;
                    var fault = ex is DataverseFaultException dfe ? dfe.Fault : new OrganizationServiceFault { ErrorCode = ((InvalidPluginExecutionException)ex).ErrorCode, Message = ex.Message };
                    responses.Add(new ExecuteMultipleResponseItem { RequestIndex = i, Fault = fault });
                    if (!settings.ContinueOnError) break;
                }
            }
            var result = new ExecuteMultipleResponse();
            result.Results["IsFaulted"] = faulted;
            result.Results["Responses"] = responses;
            return result;
        }

        private RetrieveUserPrivilegeByPrivilegeNameResponse UserPrivilege(OrganizationRequest request)
        {
            var userId = (Guid)request["UserId"];
            var name = (string)request["PrivilegeName"];
            var response = new RetrieveUserPrivilegeByPrivilegeNameResponse();
            var has = HasPrivilege(userId, name);
            response.Results["RolePrivileges"] = has
                ? new[] { new RolePrivilege(PrivilegeDepth.Global, Guid.NewGuid(), BusinessUnitId, name) }
                : new RolePrivilege[0];
            return response;
        }

        /// <summary>The system administrator holds every privilege; other users what they were granted.</summary>
        public bool HasPrivilege(Guid userId, string privilegeName) =>
            userId == SystemUserId || (_privileges.TryGetValue(userId, out var set) && set.Contains(privilegeName));

        /// <summary>Runs a finished system job again, as the platform may when it redelivers an async event.</summary>
        public void Replay(AsyncJob job)
        {
            var again = new AsyncJob(job.Step, job.Context);
            _asyncJobs.Add(again);
            _asyncQueue.Enqueue(again);
        }

        private void RunAsyncJob(AsyncJob job)
        {
            while (true)
            {
                job.Attempts++;
                Store.Begin();
                _pendingAsync = new List<AsyncJob>();
                try
                {
                    InvokePlugin(job.Step, job.Context);
                    Store.Commit();
                    foreach (var queued in _pendingAsync)
                    {
                        _asyncJobs.Add(queued);
                        _asyncQueue.Enqueue(queued);
                    }
                    _pendingAsync = null;
                    job.Status = AsyncJobStatus.Succeeded;
                    return;
                }
                catch (Exception ex)
                {
                    Store.Rollback();
                    _pendingAsync = null;
                    job.Errors.Add(ex.Message);
                    // A plugin's own InvalidPluginExecutionException fails the system job; transient errors (timeouts, faults,
                    // anything the host had to wrap as an unexpected plug-in error) are retried.
                    var retryable = !(ex is InvalidPluginExecutionException ipe) || ipe.Status == OperationStatus.Retry || ipe.Data.Contains(UnexpectedMarker);
                    if (!retryable || job.Attempts >= MaxAsyncAttempts)
                    {
                        job.Status = AsyncJobStatus.Failed;
                        return;
                    }
                }
            }
        }

        private sealed class Operation
        {
            public Operation(OrganizationRequest request, ExecutionScope scope, int depth, DateTime createdOn)
            {
                Request = request;
                Scope = scope;
                Depth = depth;
                CreatedOn = createdOn;
            }

            public OrganizationRequest Request { get; }
            public string MessageName { get; set; }
            public ExecutionScope Scope { get; }
            public int Depth { get; }
            public DateTime CreatedOn { get; }
            public string PrimaryEntity { get; set; }
            public Guid PrimaryId { get; set; }
            public CustomApiDefinition CustomApi { get; set; }
            public Entity PreImageSource { get; set; }
            public Entity PostImageSource { get; set; }
            public ParameterCollection Output { get; } = new ParameterCollection();
            public ParameterCollection SharedVariables { get; } = new ParameterCollection();
        }
    }
}
