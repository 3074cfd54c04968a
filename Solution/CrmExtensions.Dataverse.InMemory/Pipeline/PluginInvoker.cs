using System;
using System.Collections.Generic;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>
    /// Runs one step's plugin with the services the platform hands it (its context, an organization service factory
    /// that carries its depth, a tracing service), and reports any exception other than the plugin's own
    /// InvalidPluginExecutionException or a platform fault as the platform does: an unexpected plug-in error.
    /// </summary>
    internal sealed class PluginInvoker
    {
        private readonly InMemoryDataverse _host;
        private readonly List<TraceEntry> _traces;

        public PluginInvoker(InMemoryDataverse host, List<TraceEntry> traces)
        {
            _host = host;
            _traces = traces;
        }

        public void Invoke(StepRegistration step, PluginExecutionContext context)
        {
            var name = step.ToString();
            var provider = new HostServiceProvider(context, new HostServiceFactory(_host, context.AsHandedOver(), name), new HostTracingService(_traces, name));
            try
            {
                step.Instance.Execute(provider);
                if (context.Budget?.Exceeded == true) throw Timeout(step, context.Budget);
                // The plug-in caught a failed call inside the transaction and went on: the platform fails the operation anyway.
                if (context.IsInTransaction && _host.Store.Doomed)
                    throw new DataverseFaultException(ErrorCodes.IsvTransactionCount,
                        "ISV code reduced the open transaction count. Custom plug-ins should not catch exceptions from OrganizationService calls and continue processing.");
            }
            catch (Exception ex) when (context.Budget?.Exceeded == true && !(ex is WorkerStoppedException))
            {
                throw Timeout(step, context.Budget);
            }
            catch (InvalidPluginExecutionException)
            {
                throw;
            }
            catch (DataverseFaultException)
            {
                throw;
            }
            catch (WorkerStoppedException)
            {
                throw;
            }
            catch (Exception ex)
            {
                throw new InvalidPluginExecutionException($"Unexpected exception from plug-in (Execute): {step.PluginType.FullName}: {ex.GetType().Name}: {ex.Message}", ex);
            }
        }

        /// <summary>The platform stops an execution past its 2 minutes (SandboxWorkerPluginExecuteTimeout), whatever the plug-in caught.</summary>
        private DataverseFaultException Timeout(StepRegistration step, ExecutionBudget budget) =>
            new DataverseFaultException(ErrorCodes.SandboxWorkerPluginExecuteTimeout,
                $"Didn't receive a response from the {step.PluginType?.FullName} plug-in within the 2:20-minute limit. "
                + $"(In-memory host: {budget.Calls} service calls at {_host.CostPerCall.TotalMilliseconds:0} ms each go past the {_host.ExecutionLimit.TotalMinutes:0}-minute limit.)");
    }
}
