using System.Collections.Generic;
using System.Linq;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>Counts IOrganizationService requests, split by who made them (outside caller or a named plugin step).</summary>
    public sealed class ServiceCallLog
    {
        private readonly Dictionary<(string Caller, string Message), int> _counts = new Dictionary<(string, string), int>();

        public const string ExternalCaller = "(external)";

        private int _batched;
        private int _failed;

        internal void Record(ExecutionScope scope, OrganizationRequest request)
        {
            if (scope.InBatch)
            {
                _batched++;
                return;
            }
            var key = (scope.StepName ?? ExternalCaller, request.RequestName);
            _counts.TryGetValue(key, out var n);
            _counts[key] = n + 1;
        }

        internal void RecordFailure() => _failed++;

        /// <summary>Requests the service refused (a fault, a plug-in's exception): inside a transaction each one dooms it.</summary>
        public int Failed => _failed;

        /// <summary>Requests sent to the service (an ExecuteMultiple counts once).</summary>
        public int Total => _counts.Values.Sum();

        /// <summary>Requests carried inside ExecuteMultiple batches.</summary>
        public int Batched => _batched;
        public int FromPlugins => _counts.Where(c => c.Key.Caller != ExternalCaller).Sum(c => c.Value);
        public int For(string message) => _counts.Where(c => c.Key.Message == message).Sum(c => c.Value);
        public int FromStep(string stepNameFragment) => _counts.Where(c => c.Key.Caller.Contains(stepNameFragment)).Sum(c => c.Value);
        public IReadOnlyDictionary<(string Caller, string Message), int> ByCallerAndMessage => _counts;
        public void Reset()
        {
            _counts.Clear();
            _batched = 0;
            _failed = 0;
        }
    }
}
