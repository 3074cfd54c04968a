using System;
using System.Diagnostics;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.History;
using CrmExtensions.Plugins.Recalculation;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// Reads the services a plugin needs, runs it, and turns domain validation failures into the platform's
    /// InvalidPluginExecutionException so the user sees the rule's own message and the transaction rolls back; in an
    /// asynchronous step a transient failure asks for another run (<see cref="TransientFailure"/>). Traces entry, exit
    /// with the elapsed time, and any unexpected exception before the platform reports it.
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
            var name = GetType().Name;
            var elapsed = Stopwatch.StartNew();
            context.Trace("{0} entered: {1} of {2} {3}, stage {4}, depth {5}", name, context.Execution.MessageName,
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
            catch (Exception ex) when (context.Execution.Mode == AsynchronousMode && TransientFailure.Is(ex))
            {
                context.Trace("Transient {0}: {1}; asking the asynchronous service to run the step again.", ex.GetType().FullName, ex.Message);
                throw TransientFailure.AskForRetry(ex);
            }
            catch (Exception ex) when (!(ex is InvalidPluginExecutionException))
            {
                // The platform reports it as an unexpected plug-in error without our context; the trace keeps what and where.
                context.Trace("Unexpected {0}: {1}\n{2}", ex.GetType().FullName, ex.Message, ex.StackTrace);
                throw;
            }
            finally
            {
                context.Trace("{0} exited after {1} ms", name, elapsed.ElapsedMilliseconds);
            }
        }

        /// <summary>IExecutionContext.Mode of a step run by the asynchronous service.</summary>
        private const int AsynchronousMode = 1;

        protected abstract void Run(LocalPluginContext context);

        /// <summary>The settings in force: the step's configuration, else the active cx_setting row, else the defaults.</summary>
        protected CrmExtensionsSettings Settings(LocalPluginContext context) => context.Settings(UnsecureConfiguration);

        /// <summary>
        /// A recalculation with the settings in force that writes as the system. Its writes carry what triggered it, so
        /// the score history records the trigger: the platform event (message, table, record) or the Custom API and its
        /// caller.
        /// </summary>
        protected CustomerRecalculation Recalculation(LocalPluginContext context, TriggerKind trigger)
        {
            var settings = Settings(context);
            var execution = context.Execution;
            var source = trigger == TriggerKind.Event
                ? ScoreTrigger.ForEvent(execution.MessageName, execution.PrimaryEntityName, execution.PrimaryEntityId)
                : new ScoreTrigger(trigger, $"{execution.MessageName} by user {execution.InitiatingUserId:D}");
            return new CustomerRecalculation(context.SystemService, settings, execution.IsInTransaction, source);
        }
    }
}
