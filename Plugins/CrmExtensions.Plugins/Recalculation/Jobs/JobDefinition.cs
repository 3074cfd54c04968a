using System;
using System.Xml;
using System.Xml.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Recalculation.Jobs
{
    /// <summary>What a recalculation job covers and how, as its row says: checked once when the job starts.</summary>
    public sealed class JobDefinition
    {
        public const int DefaultPageSize = 250;
        public const int MaxPageSize = 1000;

        /// <summary>The job row columns a plan or a page reads.</summary>
        public static readonly ColumnSet Columns = new ColumnSet(RecalculationJob.Name, RecalculationJob.Scope, RecalculationJob.Filter, RecalculationJob.EvaluatedBefore,
            RecalculationJob.Rebuild, RecalculationJob.Calibrate, RecalculationJob.PageSize, RecalculationJob.Status, RecalculationJob.Pages, RecalculationJob.CreatedOn);

        public JobDefinition(Entity job)
        {
            Job = job.ToEntityReference();
            // A job saved on the form without a name still names its pages.
            Name = job.GetAttributeValue<string>(RecalculationJob.Name) ?? "Recalculation job";
            var scope = job.GetAttributeValue<OptionSetValue>(RecalculationJob.Scope)?.Value ?? (int)RecalculationScopeChoice.Accounts;
            Table = scope == (int)RecalculationScopeChoice.Contacts ? Contact.EntityLogicalName : Account.EntityLogicalName;
            Filter = CheckedFilter(job.GetAttributeValue<string>(RecalculationJob.Filter));
            EvaluatedBefore = job.GetAttributeValue<DateTime?>(RecalculationJob.EvaluatedBefore);
            Rebuild = job.GetAttributeValue<bool>(RecalculationJob.Rebuild);
            Calibrate = job.GetAttributeValue<bool>(RecalculationJob.Calibrate);
            PageSize = job.GetAttributeValue<int?>(RecalculationJob.PageSize) ?? DefaultPageSize;
            if (PageSize < 1 || PageSize > MaxPageSize) throw new DomainValidationException($"Customers per page must be between 1 and {MaxPageSize} (got {PageSize}).");
            // Every page evaluates as of the moment the job was asked for, so its pages agree with each other.
            AsOf = job.GetAttributeValue<DateTime?>(RecalculationJob.CreatedOn) ?? throw new DomainValidationException("The job row has no created on.");
            Status = (RecalculationStatusChoice)(job.GetAttributeValue<OptionSetValue>(RecalculationJob.Status)?.Value ?? (int)RecalculationStatusChoice.Queued);
            Pages = job.GetAttributeValue<int?>(RecalculationJob.Pages);
        }

        public EntityReference Job { get; }
        public string Name { get; }
        public string Table { get; }
        public XElement Filter { get; }
        public DateTime? EvaluatedBefore { get; }
        public bool Rebuild { get; }
        public bool Calibrate { get; }
        public int PageSize { get; }
        public DateTime AsOf { get; }
        public RecalculationStatusChoice Status { get; }

        /// <summary>Set when the plan has created every page; until then the job cannot be complete.</summary>
        public int? Pages { get; }

        public static RecalculationScopeChoice ScopeOf(string table)
        {
            var name = string.IsNullOrWhiteSpace(table) ? Account.EntityLogicalName : table.Trim().ToLowerInvariant();
            if (name == Account.EntityLogicalName) return RecalculationScopeChoice.Accounts;
            if (name == Contact.EntityLogicalName) return RecalculationScopeChoice.Contacts;
            throw new DomainValidationException($"A job recalculates accounts or contacts: TableName must be 'account' or 'contact', not '{table}'.");
        }

        /// <summary>The job's name as its row will hold it; longer than the column is refused (the platform would fail the row's create).</summary>
        public static string CheckedName(string name)
        {
            var trimmed = name.Trim();
            if (trimmed.Length > RecalculationJob.NameMaxLength)
                throw new DomainValidationException($"The job's Name is {trimmed.Length} characters long; a job row holds at most {RecalculationJob.NameMaxLength}.");
            return trimmed;
        }

        /// <summary>The admin's filter as a FetchXML &lt;filter&gt; element, or null; anything else is refused with the reason.</summary>
        public static XElement CheckedFilter(string filter)
        {
            if (string.IsNullOrWhiteSpace(filter)) return null;
            if (filter.Length > RecalculationJob.TextMaxLength) throw new DomainValidationException($"The filter is longer than {RecalculationJob.TextMaxLength} characters.");
            XElement element;
            try
            {
                element = XElement.Parse(filter);
            }
            catch (XmlException ex)
            {
                throw new DomainValidationException($"The filter is not well-formed FetchXML: {ex.Message}");
            }
            if (element.Name.LocalName != "filter") throw new DomainValidationException($"The filter must be one FetchXML <filter> element, not <{element.Name.LocalName}>.");
            return element;
        }
    }
}
