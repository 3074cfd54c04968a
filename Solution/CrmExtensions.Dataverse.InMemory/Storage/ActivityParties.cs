using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Storage
{
    /// <summary>
    /// What the platform keeps beside every activity: an activitypointer row (the columns all activities share, so one
    /// query spans tasks, calls, appointments and emails) and an activityparty row per participant — each entry of a
    /// party list column (from, to, cc, bcc, attendees, organizer, customers) and what the activity is regarding — with
    /// the participation type the platform numbers them by. Derived from the activity row alone, so writes and undo
    /// simply remove the old rows and add the new ones.
    /// </summary>
    public static class ActivityParties
    {
        public const string PointerTable = "activitypointer", PartyTable = "activityparty";
        public const int Regarding = 8;

        /// <summary>Party list columns and their ParticipationTypeMask values.</summary>
        private static readonly Dictionary<string, int> PartyLists = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["from"] = 1, ["to"] = 2, ["cc"] = 3, ["bcc"] = 4, ["requiredattendees"] = 5, ["optionalattendees"] = 6, ["organizer"] = 7, ["customers"] = 11,
        };

        private static readonly string[] PointerColumns =
        {
            "statecode", "statuscode", "actualend", "actualstart", "scheduledend", "scheduledstart", "subject", "regardingobjectid", "ownerid", "createdon", "modifiedon",
        };

        /// <summary>The rows the platform keeps for this activity row; none for any other row.</summary>
        public static IEnumerable<Entity> Of(Entity row)
        {
            if (!PrimaryKey.IsActivity(row.LogicalName)) yield break;
            var pointer = new Entity(PointerTable, row.Id) { ["activityid"] = row.Id, ["activitytypecode"] = row.LogicalName };
            foreach (var column in PointerColumns.Where(row.Contains)) pointer[column] = EntityCloner.CloneValue(row[column]);
            yield return pointer;

            var parties = new List<(EntityReference Party, int Mask)>();
            if (row.GetAttributeValue<EntityReference>("regardingobjectid") is EntityReference regarding) parties.Add((regarding, Regarding));
            foreach (var list in PartyLists.Where(l => row.Contains(l.Key)))
                foreach (var party in (row[list.Key] as EntityCollection)?.Entities ?? Enumerable.Empty<Entity>())
                    if (party.GetAttributeValue<EntityReference>("partyid") is EntityReference reference) parties.Add((reference, list.Value));
            for (var i = 0; i < parties.Count; i++)
                yield return new Entity(PartyTable, PartyId(row.Id, i))
                {
                    ["activitypartyid"] = PartyId(row.Id, i),
                    ["activityid"] = new EntityReference(row.LogicalName, row.Id),
                    ["partyid"] = new EntityReference(parties[i].Party.LogicalName, parties[i].Party.Id),
                    ["participationtypemask"] = new OptionSetValue(parties[i].Mask),
                };
        }

        private static Guid PartyId(Guid activity, int index)
        {
            using (var md5 = MD5.Create())
                return new Guid(md5.ComputeHash(Encoding.UTF8.GetBytes($"activityparty/{activity:N}/{index}")));
        }
    }
}
