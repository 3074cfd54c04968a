using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>The import job (importjob) columns a caller polls: its progress in percent and the log in its data.</summary>
    public static class ImportJob
    {
        public const string EntityLogicalName = "importjob";
        public const string SolutionName = "solutionname";
        public const string Progress = "progress";
        public const string Data = "data";
        public const string StartedOn = "startedon";
        public const string CompletedOn = "completedon";
    }

    /// <summary>
    /// The import job row an import writes, as Dataverse keeps it under the request's ImportJobId: created when the
    /// import is queued (progress 0), then its log — &lt;importexportxml&gt; with one element per solution manifest and
    /// component, each with a &lt;result result="success|failure" errorcode errortext&gt; — and progress 100.
    /// </summary>
    internal static class ImportJobLog
    {
        public static void Queue(InMemoryDataverse host, Guid id, Guid userId)
        {
            if (id == Guid.Empty || host.Store.TryGet(ImportJob.EntityLogicalName, id, out _)) return;
            var row = new Entity(ImportJob.EntityLogicalName, id) { [ImportJob.Progress] = 0d };
            row[PrimaryKey.For(row.LogicalName)] = id;
            SystemColumns.Apply(row, userId, host.UtcNow, isCreate: true);
            host.Store.Insert(row);
        }

        /// <summary>
        /// Writes the finished log: the manifest's result and, when the manifest passed (<paramref name="failure"/> is null),
        /// each table's and each plug-in step's, a step whose plug-in type is missing with its error.
        /// </summary>
        public static void Finish(InMemoryDataverse host, Guid id, XElement manifest, XElement customizations,
            IReadOnlyList<(XElement Step, DataverseFaultException Fault)> steps, DataverseFaultException failure)
        {
            if (id == Guid.Empty) return;
            var name = (string)manifest?.Element("UniqueName");
            var tables = failure == null && customizations != null
                ? customizations.Elements("Entities").Elements("Entity").Select(e => Component("entity", (string)e.Element("Name"), (string)e.Element("Name")?.Attribute("LocalizedName"), null))
                : Enumerable.Empty<XElement>();
            var stepResults = (steps ?? new List<(XElement, DataverseFaultException)>())
                .Select(s => Component("SdkMessageProcessingStep", (string)s.Step.Attribute("SdkMessageProcessingStepId"), (string)s.Step.Attribute("Name"), s.Fault));
            var data = new XElement("importexportxml", new XAttribute("progress", 100), new XAttribute("processed", "true"),
                new XElement("solutionManifests", new XElement("solutionManifest", new XAttribute("id", name ?? ""), new XAttribute("LocalizedName", name ?? ""),
                    new XAttribute("version", (string)manifest?.Element("Version") ?? ""), new XAttribute("processed", "true"), Result(failure))),
                new XElement("entities", tables), new XElement("SdkMessageProcessingSteps", stepResults));
            host.WritePlatformRow(ImportJob.EntityLogicalName, id, new Dictionary<string, object>
            {
                [ImportJob.SolutionName] = name,
                [ImportJob.Progress] = 100d,
                [ImportJob.Data] = data.ToString(SaveOptions.DisableFormatting),
                [ImportJob.StartedOn] = host.UtcNow,
                [ImportJob.CompletedOn] = host.UtcNow,
            });
        }

        private static XElement Component(string kind, string id, string localizedName, DataverseFaultException failure) =>
            new XElement(kind, new XAttribute("id", id ?? ""), new XAttribute("LocalizedName", localizedName ?? id ?? ""), new XAttribute("processed", "true"), Result(failure));

        private static XElement Result(DataverseFaultException failure) =>
            new XElement("result", new XAttribute("result", failure == null ? "success" : "failure"),
                new XAttribute("errorcode", failure == null ? "0" : "0x" + failure.ErrorCode.ToString("X8", CultureInfo.InvariantCulture)),
                new XAttribute("errortext", failure?.Message ?? ""));
    }
}
