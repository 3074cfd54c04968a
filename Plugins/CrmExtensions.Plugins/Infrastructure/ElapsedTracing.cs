using System.Diagnostics;
using System.Globalization;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Infrastructure
{
    /// <summary>
    /// Prefixes each trace line with the milliseconds since the previous one (the pac plug-in template's idea), so the
    /// trace log shows where a step spends its time without a profiler in the sandbox.
    /// </summary>
    public sealed class ElapsedTracing : ITracingService
    {
        private readonly ITracingService _inner;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _previous;

        public ElapsedTracing(ITracingService inner) { _inner = inner; }

        public void Trace(string format, params object[] args)
        {
            var now = _clock.ElapsedMilliseconds;
            var text = args == null || args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
            _inner.Trace("[+{0} ms] {1}", now - _previous, text);
            _previous = now;
        }
    }
}
