using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>The execution context and services of one plugin invocation.</summary>
    public sealed class LocalPluginContext
    {
        private readonly ITracingService _tracing;
        private readonly IOrganizationServiceFactory _factory;
        private IOrganizationService _callerService;
        private IOrganizationService _systemService;
        private CrmExtensionsSettings _settings;

        public LocalPluginContext(IServiceProvider serviceProvider)
        {
            Execution = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))
                ?? throw new InvalidPluginExecutionException("No IPluginExecutionContext is available.");
            var tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService));
            _tracing = tracing == null ? null : new ElapsedTracing(tracing);
            _factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))
                ?? throw new InvalidPluginExecutionException("No IOrganizationServiceFactory is available.");
        }

        public IPluginExecutionContext Execution { get; }

        /// <summary>Acts as the user whose action started the pipeline: their security applies (for reads whose answer goes to them).</summary>
        public IOrganizationService CallerService => _callerService ?? (_callerService = _factory.CreateOrganizationService(Execution.InitiatingUserId));

        /// <summary>Acts as SYSTEM, for bookkeeping a user may not be allowed to write (evaluations, audit rows).</summary>
        public IOrganizationService SystemService => _systemService ?? (_systemService = _factory.CreateOrganizationService(null));

        /// <summary>The settings in force, read once in this execution and kept for none after it (see <see cref="SettingsProvider"/>).</summary>
        public CrmExtensionsSettings Settings(string unsecureConfiguration) =>
            _settings ?? (_settings = SettingsProvider.Read(SystemService, unsecureConfiguration));

        public Entity Target => Execution.InputParameters.Contains(Parameters.Target) ? Execution.InputParameters[Parameters.Target] as Entity : null;

        public EntityReference TargetReference =>
            Execution.InputParameters.Contains(Parameters.Target) ? Execution.InputParameters[Parameters.Target] as EntityReference : null;

        /// <summary>The row as the operation leaves it: the pre-image's columns with the Target's written over them.</summary>
        public Entity TargetOverPreImage(string alias = Parameters.PreImage)
        {
            var target = Target;
            var merged = new Entity(target.LogicalName, target.Id);
            foreach (var column in PreImage(alias)?.Attributes ?? Enumerable.Empty<KeyValuePair<string, object>>()) merged[column.Key] = column.Value;
            foreach (var column in target.Attributes) merged[column.Key] = column.Value;
            return merged;
        }

        public Entity PreImage(string alias = Parameters.PreImage) => Execution.PreEntityImages.Contains(alias) ? Execution.PreEntityImages[alias] : null;
        public Entity PostImage(string alias = Parameters.PostImage) => Execution.PostEntityImages.Contains(alias) ? Execution.PostEntityImages[alias] : null;

        public void Trace(string format, params object[] args) => _tracing?.Trace(format, args);
    }
}
