using System;
using System.Text.Json;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Cli.Jobs
{
    /// <summary>A recalculation job as its row shows it: what the form and the job list show an admin.</summary>
    public sealed class JobState
    {
        private static readonly ColumnSet Columns = new ColumnSet(RecalculationJob.Name, RecalculationJob.Status, RecalculationJob.Planned, RecalculationJob.Done,
            RecalculationJob.Failed, RecalculationJob.Pages, RecalculationJob.PagesDone, RecalculationJob.StartedOn, RecalculationJob.FinishedOn, RecalculationJob.Errors);

        private JobState(Entity row)
        {
            Id = row.Id;
            Name = row.GetAttributeValue<string>(RecalculationJob.Name);
            Status = (RecalculationStatusChoice)(row.GetAttributeValue<OptionSetValue>(RecalculationJob.Status)?.Value ?? (int)RecalculationStatusChoice.Queued);
            Planned = row.GetAttributeValue<int?>(RecalculationJob.Planned) ?? 0;
            Done = row.GetAttributeValue<int?>(RecalculationJob.Done) ?? 0;
            Failed = row.GetAttributeValue<int?>(RecalculationJob.Failed) ?? 0;
            Pages = row.GetAttributeValue<int?>(RecalculationJob.Pages);
            PagesDone = row.GetAttributeValue<int?>(RecalculationJob.PagesDone) ?? 0;
            StartedOn = row.GetAttributeValue<DateTime?>(RecalculationJob.StartedOn);
            FinishedOn = row.GetAttributeValue<DateTime?>(RecalculationJob.FinishedOn);
            Errors = row.GetAttributeValue<string>(RecalculationJob.Errors);
        }

        public Guid Id { get; }
        public string Name { get; }
        public RecalculationStatusChoice Status { get; }
        public int Planned { get; }
        public int Done { get; }
        public int Failed { get; }

        /// <summary>Null until the job's plan has recorded every page.</summary>
        public int? Pages { get; }
        public int PagesDone { get; }
        public DateTime? StartedOn { get; }
        public DateTime? FinishedOn { get; }
        public string Errors { get; }

        public bool IsFinished => Status == RecalculationStatusChoice.Completed || Status == RecalculationStatusChoice.CompletedWithFailures || Status == RecalculationStatusChoice.Failed;

        public static JobState Read(IOrganizationService service, Guid id) => new JobState(service.Retrieve(RecalculationJob.EntityLogicalName, id, Columns));

        /// <summary>The outcome for a pipeline: recalc --json.</summary>
        public string ToJson() => JsonSerializer.Serialize(new
        {
            id = Id, name = Name, status = Status.ToString(), planned = Planned, done = Done, failed = Failed, pages = Pages, pagesDone = PagesDone,
            startedOn = StartedOn, finishedOn = FinishedOn, errors = string.IsNullOrEmpty(Errors) ? new string[0] : Errors.Split('\n'),
        });

        public override string ToString() =>
            $"{Name}: {Status}, {Done + Failed:N0}/{Planned:N0} customers ({Failed:N0} failed), {PagesDone}/{(Pages.HasValue ? Pages.Value.ToString("N0") : "?")} pages";
    }
}
