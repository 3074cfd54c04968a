using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// Reads the services a plugin needs, runs it, and turns domain validation failures into the platform's
    /// InvalidPluginExecutionException so the user sees the rule's own message and the transaction rolls back.
    /// Stateless: the platform caches one instance per step and calls it concurrently.
    /// </summary>
    public abstract class PluginBase : IPlugin
    {
        protected PluginBase(string unsecureConfiguration = null, string secureConfiguration = null)
        {
            UnsecureConfiguration = unsecureConfiguration;
            SecureConfiguration = secureConfiguration;
        }

        protected string UnsecureConfiguration { get; }
        protected string SecureConfiguration { get; }

        public void Execute(IServiceProvider serviceProvider)
        {
            if (serviceProvider == null) throw new InvalidPluginExecutionException("The platform passed no service provider.");
            var context = new LocalPluginContext(serviceProvider);
            context.Trace("{0} entered: {1} of {2} {3}, stage {4}, depth {5}", GetType().Name, context.Execution.MessageName,
                context.Execution.PrimaryEntityName, context.Execution.PrimaryEntityId, context.Execution.Stage, context.Execution.Depth);
            try
            {
                Run(context);
            }
            catch (DomainValidationException ex)
            {
                context.Trace("Rejected: {0}", ex.Message);
                throw new InvalidPluginExecutionException(ex.Message, ex);
            }
        }

        protected abstract void Run(LocalPluginContext context);
    }

    /// <summary>The execution context and services of one plugin invocation.</summary>
    public sealed class LocalPluginContext
    {
        private readonly ITracingService _tracing;
        private readonly IOrganizationServiceFactory _factory;
        private IOrganizationService _userService;
        private IOrganizationService _systemService;

        public LocalPluginContext(IServiceProvider serviceProvider)
        {
            Execution = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))
                ?? throw new InvalidPluginExecutionException("No IPluginExecutionContext is available.");
            _tracing = (ITracingService)serviceProvider.GetService(typeof(ITracingService));
            _factory = (IOrganizationServiceFactory)serviceProvider.GetService(typeof(IOrganizationServiceFactory))
                ?? throw new InvalidPluginExecutionException("No IOrganizationServiceFactory is available.");
        }

        public IPluginExecutionContext Execution { get; }

        /// <summary>Acts as the calling user: their security applies.</summary>
        public IOrganizationService UserService => _userService ?? (_userService = _factory.CreateOrganizationService(Execution.UserId));

        /// <summary>Acts as SYSTEM, for bookkeeping a user may not be allowed to write (evaluations, audit rows).</summary>
        public IOrganizationService SystemService => _systemService ?? (_systemService = _factory.CreateOrganizationService(null));

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

        /// <summary>True when an ancestor pipeline of this event was marked with <paramref name="sharedVariable"/>.</summary>
        public bool IsTriggeredBy(string sharedVariable)
        {
            for (var parent = Execution.ParentContext; parent != null; parent = parent.ParentContext)
            {
                if (parent.SharedVariables.Contains(sharedVariable)) return true;
            }
            return false;
        }
    }
}
