using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>IOrganizationService bound to a caller scope: every call goes through the host's pipeline.</summary>
    internal sealed class HostOrganizationService : IOrganizationService
    {
        private readonly InMemoryDataverse _host;
        private readonly ExecutionScope _scope;

        public HostOrganizationService(InMemoryDataverse host, ExecutionScope scope)
        {
            _host = host;
            _scope = scope;
        }

        public Guid Create(Entity entity) => ((CreateResponse)Execute(new CreateRequest { Target = entity })).id;

        public Entity Retrieve(string entityName, Guid id, ColumnSet columnSet) =>
            ((RetrieveResponse)Execute(new RetrieveRequest { Target = new EntityReference(entityName, id), ColumnSet = columnSet })).Entity;

        public void Update(Entity entity) => Execute(new UpdateRequest { Target = entity });

        public void Delete(string entityName, Guid id) => Execute(new DeleteRequest { Target = new EntityReference(entityName, id) });

        public OrganizationResponse Execute(OrganizationRequest request) => _host.Execute(request, _scope);

        public void Associate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            throw new NotSupportedException("Associate (N:N) is not modelled by the in-memory host; set the lookup column instead.");

        public void Disassociate(string entityName, Guid entityId, Relationship relationship, EntityReferenceCollection relatedEntities) =>
            throw new NotSupportedException("Disassociate (N:N) is not modelled by the in-memory host; clear the lookup column instead.");

        public EntityCollection RetrieveMultiple(QueryBase query) =>
            ((RetrieveMultipleResponse)Execute(new RetrieveMultipleRequest { Query = query })).EntityCollection;
    }

    internal sealed class HostServiceFactory : IOrganizationServiceFactory
    {
        private readonly InMemoryDataverse _host;
        private readonly PluginExecutionContext _context;
        private readonly string _stepName;

        public HostServiceFactory(InMemoryDataverse host, PluginExecutionContext context, string stepName)
        {
            _host = host;
            _context = context;
            _stepName = stepName;
        }

        // Calls made by a plugin carry its depth and correlation, so nested events see Depth + 1 and the loop guard works.
        // A null user id means SYSTEM, as on the platform.
        public IOrganizationService CreateOrganizationService(Guid? userId) =>
            new HostOrganizationService(_host, new ExecutionScope
            {
                UserId = userId ?? _host.SystemUserId,
                InitiatingUserId = _context.InitiatingUserId,
                Depth = _context.Depth,
                CorrelationId = _context.CorrelationId,
                Context = _context,
                StepName = _stepName,
                Budget = _context.Budget,
            });
    }

    public sealed class TraceEntry
    {
        public TraceEntry(string step, string text) { Step = step; Text = text; }
        public string Step { get; }
        public string Text { get; }
        public override string ToString() => $"[{Step}] {Text}";
    }

    internal sealed class HostTracingService : ITracingService
    {
        private readonly List<TraceEntry> _sink;
        private readonly string _step;

        public HostTracingService(List<TraceEntry> sink, string step)
        {
            _sink = sink;
            _step = step;
        }

        public void Trace(string format, params object[] args)
        {
            var text = args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            lock (_sink) _sink.Add(new TraceEntry(_step, text));
        }
    }

    internal sealed class HostServiceProvider : IServiceProvider
    {
        private readonly PluginExecutionContext _context;
        private readonly IOrganizationServiceFactory _factory;
        private readonly ITracingService _tracing;

        public HostServiceProvider(PluginExecutionContext context, IOrganizationServiceFactory factory, ITracingService tracing)
        {
            _context = context;
            _factory = factory;
            _tracing = tracing;
        }

        public object GetService(Type serviceType)
        {
            if (serviceType == typeof(IPluginExecutionContext) || serviceType == typeof(IExecutionContext)) return _context;
            if (serviceType == typeof(IOrganizationServiceFactory)) return _factory;
            if (serviceType == typeof(ITracingService)) return _tracing;
            return null;
        }
    }
}
