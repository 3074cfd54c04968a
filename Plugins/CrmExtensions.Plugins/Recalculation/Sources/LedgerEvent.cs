using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>One event on a source's table as its step's images show it: the record before and after, and when it changed.</summary>
    public sealed class LedgerEvent
    {
        private readonly LocalPluginContext _context;
        private readonly Func<CrmExtensionsSettings> _settings;

        /// <param name="context">The step's execution: its images, target and services.</param>
        /// <param name="settings">The settings in force, read only when a source needs them (an order's header without totals needs none).</param>
        public LedgerEvent(LocalPluginContext context, Func<CrmExtensionsSettings> settings)
        {
            _context = context;
            _settings = settings;
            var execution = context.Execution;
            Message = execution.MessageName;
            Table = execution.PrimaryEntityName;
            RecordId = execution.PrimaryEntityId;
            OccurredOn = execution.OperationCreatedOn;
            Before = Message == MessageName.Create ? null : context.PreImage();
            After = Message == MessageName.Delete ? null : context.PostImage() ?? context.Target;
            ChangedOn = After?.GetAttributeValue<DateTime?>(Common.ModifiedOn) ?? OccurredOn;
        }

        public string Message { get; }
        public string Table { get; }
        public Guid RecordId { get; }
        public DateTime OccurredOn { get; }

        /// <summary>Null for a create.</summary>
        public Entity Before { get; }

        /// <summary>Null for a delete.</summary>
        public Entity After { get; }

        /// <summary>When the record reached the state the images show: its modifiedon, or the event time for a delete.</summary>
        public DateTime? ChangedOn { get; }

        /// <summary>What counts as a purchase under the settings in force.</summary>
        public PurchaseDefinition Purchases => new PurchaseDefinition(_settings().Purchases);

        /// <summary>The case types whose cases are complaints under the settings in force.</summary>
        public IReadOnlyCollection<int> ComplaintCaseTypes => _settings().Complaints.CaseTypes;

        /// <summary>For the reads an event needs beyond its images (an order's lines, a resolution's case).</summary>
        public IOrganizationService Service => _context.SystemService;

        /// <summary>The customers a lookup names in the images, before and after.</summary>
        public IEnumerable<EntityReference> Customers(string lookup) =>
            new[] { Before, After }.Where(i => i != null).Select(i => i.GetAttributeValue<EntityReference>(lookup)).Where(IsCustomer).Distinct();

        public static bool IsCustomer(EntityReference reference) =>
            reference != null && (reference.LogicalName == Account.EntityLogicalName || reference.LogicalName == Contact.EntityLogicalName);
    }
}
