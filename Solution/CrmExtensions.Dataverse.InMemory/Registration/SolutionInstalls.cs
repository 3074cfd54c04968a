using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Registration
{
    /// <summary>
    /// The solution table: the apps the org has (Sales, Customer Service...) and the solutions imported into it, with the
    /// plug-in types they define. An import stops before it changes anything when a solution its MissingDependencies name
    /// is not there.
    /// </summary>
    internal sealed class SolutionInstalls
    {
        public const string Table = "solution";
        private readonly TableStore _store;

        public SolutionInstalls(TableStore store)
        {
            _store = store;
        }

        public bool Has(string uniqueName) => Row(uniqueName) != null;

        /// <summary>The plug-in types of the installed solutions, by id: a step a later import carries may run one of them.</summary>
        public PluginTypeCatalog PluginTypes { get; } = new PluginTypeCatalog();

        public void AddApp(string app) => Record(app, PlatformApps.Versions[app], managed: true, userId: null, now: null);

        /// <summary>Checks the manifest's dependencies, then records the solution (or its new version) as installed.</summary>
        public void Install(XElement manifest, Guid userId, DateTime now)
        {
            RefuseMissingDependencies(manifest);
            Record((string)manifest.Element("UniqueName"), (string)manifest.Element("Version"), (string)manifest.Element("Managed") == "1", userId, now);
        }

        public void RefuseMissingDependencies(XElement manifest)
        {
            var uniqueName = (string)manifest.Element("UniqueName");
            var missing = manifest.Descendants("Required").Where(r => !Has(Regex.Match((string)r.Attribute("solution") ?? "", @"^(\S+) \(").Groups[1].Value))
                .Select(r => new XElement(r.Parent)).ToList();
            // The text the import log shows; Microsoft documents no error code for it.
            if (missing.Count > 0)
                throw new DataverseFaultException(ErrorCodes.InvalidArgument, $"The following solution cannot be imported: {uniqueName}. Some dependencies are missing. " +
                    "The missing dependencies are : " + new XElement("MissingDependencies", missing).ToString(SaveOptions.DisableFormatting));
        }

        private Entity Row(string uniqueName) =>
            _store.Rows(Table).FirstOrDefault(s => string.Equals((string)s["uniquename"], uniqueName, StringComparison.OrdinalIgnoreCase));

        private void Record(string uniqueName, string version, bool managed, Guid? userId, DateTime? now)
        {
            var row = Row(uniqueName);
            var installed = row == null ? new Entity(Table, Guid.NewGuid()) : EntityCloner.Clone(row);
            installed["uniquename"] = uniqueName;
            installed["version"] = version;
            installed["ismanaged"] = managed;
            installed[PrimaryKey.For(Table)] = installed.Id;
            if (userId.HasValue && now.HasValue) SystemColumns.Apply(installed, userId.Value, now.Value, isCreate: row == null);
            if (row == null) _store.Insert(installed);
            else _store.Replace(installed);
        }
    }
}
