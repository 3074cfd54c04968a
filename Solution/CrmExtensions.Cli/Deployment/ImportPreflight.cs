using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Cli.Failures;
using CrmExtensions.Cli.Packing;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Deployment
{
    /// <summary>
    /// The checks before any upload, on every zip at once: each solution's apps are installed (or come earlier in the
    /// same deploy) and its version is not lower than the installed one, which Dataverse would refuse after the upload.
    /// The service part is optional: an org without Customer Service gets the core alone.
    /// </summary>
    public static class ImportPreflight
    {
        private const string SolutionTable = "solution";

        /// <summary>The zips to import, in order; throws a <see cref="VerbFailure"/> naming what the org lacks.</summary>
        public static IReadOnlyList<(string Zip, SolutionZipManifest Manifest)> Check(IOrganizationService service, IReadOnlyList<string> zips, Action<string> say)
        {
            var plan = new List<(string, SolutionZipManifest)>();
            var coming = new List<string>();
            foreach (var zip in zips)
            {
                var manifest = SolutionZipManifest.TryRead(zip);
                if (manifest == null)
                {
                    plan.Add((zip, null));
                    continue;
                }
                var missing = manifest.RequiredApps.Where(app => !coming.Contains(app) && Installed(service, app) == null).ToList();
                if (missing.Count > 0)
                {
                    var apps = string.Join(", ", missing.Select(a => PlatformApps.Names.TryGetValue(a, out var name) ? $"{name} ({a})" : a));
                    if (manifest.UniqueName == ProductSolutions.Service && zips.Count > 1)
                    {
                        say($"Not importing {manifest.UniqueName}: this org has no {apps}. Everything else works; complaints from cases are not tracked.");
                        continue;
                    }
                    throw new VerbFailure($"{manifest.UniqueName} needs {apps}, which this org does not have: nothing was imported.",
                        "install those apps in the Power Platform admin center first, or import the zips in order.");
                }
                var installed = Installed(service, manifest.UniqueName);
                if (installed != null && Version.TryParse(installed, out var current) && Version.TryParse(manifest.Version, out var incoming) && incoming < current)
                    throw new VerbFailure($"{manifest.UniqueName} {manifest.Version} is older than the installed {installed}: Dataverse does not import a lower version; nothing was imported.",
                        "deploy the zips of the installed version or a later one.");
                plan.Add((zip, manifest));
                coming.Add(manifest.UniqueName);
            }
            return plan;
        }

        private static string Installed(IOrganizationService service, string uniqueName)
        {
            var query = new QueryExpression(SolutionTable) { ColumnSet = new ColumnSet("uniquename", "version"), TopCount = 1 };
            query.Criteria.AddCondition("uniquename", ConditionOperator.Equal, uniqueName);
            return service.RetrieveMultiple(query).Entities.FirstOrDefault()?.GetAttributeValue<string>("version");
        }
    }
}
