using System;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Recalculation.Queries;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Recalculation.Sources
{
    /// <summary>
    /// When we last had a completed activity with each contact of the page's accounts: the latest end of an activity the
    /// contact takes part in (sender, recipient, attendee, or what it is regarding), one aggregate over activity parties
    /// for the page, its contacts cut into lists the platform takes and partitioned past the 50,000-row limit. Set on the
    /// contact entries the page's ledgers hold.
    /// </summary>
    public static class ContactActivities
    {
        public static void ReadInto(IOrganizationService service, CustomerPage page)
        {
            var entries = page.ById.Values.Where(s => s.IsAccount && s.Ledger != null)
                .SelectMany(s => s.Ledger.Contacts.Where(c => !c.Value.Removed)).ToDictionary(c => c.Key, c => c.Value);
            if (entries.Count == 0) return;
            foreach (var entry in entries.Values) entry.LastActivityOn = null;
            var ids = entries.Keys.Select(id => id.ToString("D")).ToList();
            foreach (var row in new PartitionedAggregate(service, page.InTransaction).Read(ids, PartitionedAggregate.EarliestDate, page.AsOf.AddDays(1), LastActivity))
            {
                var last = FetchXml.Date(row, "last");
                if (last.HasValue && entries.TryGetValue(FetchXml.Id(row, "contact"), out var entry) && (!entry.LastActivityOn.HasValue || last > entry.LastActivityOn))
                    entry.LastActivityOn = last;
            }
        }

        private static XElement LastActivity(string[] contacts, DateTime from, DateTime to) =>
            new XElement("fetch", new XAttribute("aggregate", "true"),
                new XElement("entity", new XAttribute("name", ActivityParty.EntityLogicalName),
                    FetchXml.GroupBy(ActivityParty.Party, "contact"),
                    new XElement("filter", FetchXml.In(ActivityParty.Party, contacts)),
                    new XElement("link-entity", new XAttribute("name", ActivityPointer.EntityLogicalName), new XAttribute("from", ActivityPointer.PrimaryId),
                        new XAttribute("to", ActivityParty.Activity), new XAttribute("alias", "a"),
                        FetchXml.Aggregate(ActivityPointer.ActualEnd, "max", "last"),
                        new XElement("filter",
                            FetchXml.Condition(ActivityPointer.StateCode, "eq", ActivityPointer.StateCompleted),
                            FetchXml.Condition(ActivityPointer.ActualEnd, "ge", FetchXml.Utc(from)),
                            FetchXml.Condition(ActivityPointer.ActualEnd, "lt", FetchXml.Utc(to))))));
    }
}
