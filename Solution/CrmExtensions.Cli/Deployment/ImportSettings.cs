using System;

namespace CrmExtensions.Cli.Deployment
{
    /// <summary>How deploy imports, as pac solution import's options name it.</summary>
    public sealed class ImportSettings
    {
        /// <summary>--force-overwrite: replace unmanaged customisations of the solution's components (opt-in: it loses an admin's edits).</summary>
        public bool ForceOverwrite { get; set; }

        /// <summary>--activate-plugins: turn on the solution's plug-in steps and processes (the nightly flow) as part of the import.</summary>
        public bool ActivatePlugins { get; set; }

        /// <summary>--publish-changes: publish all customisations after the import.</summary>
        public bool PublishChanges { get; set; }

        /// <summary>--async: import as a system job and follow it, so a long import outlives the request timeout.</summary>
        public bool Async { get; set; }

        public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>--max-async-wait: how long to follow an async import before giving up (the import goes on in the org).</summary>
        public TimeSpan MaxAsyncWait { get; set; } = TimeSpan.FromMinutes(60);
    }
}
