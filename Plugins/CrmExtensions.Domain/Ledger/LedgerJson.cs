using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Json;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Ledger
{
    /// <summary>
    /// The ledger's JSON (cx_factsledger), the one place its member names are written down. Members appear in the order
    /// Json.NET wrote them (an entry's own members, then "m" and "del"); a null is left out, "del" only when true; enums
    /// are numbers; dates ISO 8601 UTC. Reading passes over unknown members and nulls, as Json.NET did.
    /// </summary>
    internal static class LedgerJson
    {
        public static string Write(CustomerFactsLedger ledger)
        {
            var o = new JsonTextOutput(indented: false, utcDates: true, capacity: 4096);
            o.StartObject();
            o.Member("v", ledger.Version);
            o.Member("cut", ledger.Cut);
            Entries(o, "p", ledger.Purchases, Purchase);
            if (ledger.Earlier != null)
            {
                o.Name("e");
                o.StartObject();
                foreach (var table in ledger.Earlier)
                {
                    o.Name(table.Key);
                    Totals(o, table.Value);
                }
                o.EndObject();
            }
            foreach (var slot in LedgerSlots.All) slot.Write(o, ledger);
            o.EndObject();
            return o.ToString();
        }

        public static CustomerFactsLedger Read(JsonInput i)
        {
            var ledger = new CustomerFactsLedger();
            i.EnterObject();
            while (i.NextMember(out var name))
            {
                switch (name)
                {
                    case "v": ledger.Version = i.Int32(); break;
                    case "cut": ledger.Cut = i.UtcDate(); break;
                    case "p": Entries(i, ledger.Purchases, Purchase); break;
                    case "e": Earlier(i, ledger.Earlier); break;
                    default:
                        var slot = LedgerSlots.All.FirstOrDefault(k => k.Key == name);
                        if (slot == null) i.Skip();
                        else slot.Read(i, ledger);
                        break;
                }
            }
            return ledger;
        }

        internal static void Entries<T>(JsonTextOutput o, string name, LedgerEntries<T> entries, Action<JsonTextOutput, T> members) where T : LedgerEntry, new()
        {
            if (entries == null) return;
            o.Name(name);
            o.StartObject();
            foreach (var pair in entries)
            {
                o.Name(pair.Key.ToString("D"));
                var entry = pair.Value;
                if (entry == null)
                {
                    o.Null();
                    continue;
                }
                o.StartObject();
                members(o, entry);
                o.Member("m", entry.Changed);
                if (entry.Removed) o.Member("del", true);
                o.EndObject();
            }
            o.EndObject();
        }

        /// <summary>Reads entries into <paramref name="entries"/>; <paramref name="member"/> reads one of the entry's own members (false: not its member).</summary>
        internal static void Entries<T>(JsonInput i, LedgerEntries<T> entries, Func<JsonInput, T, string, bool> member) where T : LedgerEntry, new()
        {
            i.EnterObject();
            while (i.NextMember(out var key))
            {
                var entry = new T();
                i.EnterObject();
                while (i.NextMember(out var name))
                {
                    if (name == "m") entry.Changed = i.UtcDate();
                    else if (name == "del") entry.Removed = i.Boolean();
                    else if (!member(i, entry, name)) i.Skip();
                }
                entries[Guid.Parse(key)] = entry;
            }
        }

        private static void Purchase(JsonTextOutput o, PurchaseEntry e)
        {
            o.Member("t", e.Table);
            o.Member("d", e.Date);
            o.Member("r", e.Revenue);
            o.Member("x", e.Discount);
            Strings(o, "f", e.Families);
        }

        private static bool Purchase(JsonInput i, PurchaseEntry e, string name)
        {
            switch (name)
            {
                case "t": e.Table = i.String(); return true;
                case "d": e.Date = i.UtcDate(); return true;
                case "r": e.Revenue = i.Decimal(); return true;
                case "x": e.Discount = i.Decimal(); return true;
                case "f": Strings(i, e.Families ?? (e.Families = new List<string>())); return true;
                default: return false;
            }
        }

        private static void Totals(JsonTextOutput o, PurchaseTotals t)
        {
            if (t == null)
            {
                o.Null();
                return;
            }
            o.StartObject();
            o.Member("n", t.Orders);
            o.Member("r", t.Revenue);
            o.Member("x", t.Discount);
            o.Member("a", t.First);
            o.Member("z", t.Last);
            Strings(o, "f", t.Families);
            o.EndObject();
        }

        private static void Earlier(JsonInput i, Dictionary<string, PurchaseTotals> earlier)
        {
            i.EnterObject();
            while (i.NextMember(out var table))
            {
                var t = new PurchaseTotals();
                i.EnterObject();
                while (i.NextMember(out var name))
                {
                    switch (name)
                    {
                        case "n": t.Orders = i.Int32(); break;
                        case "r": t.Revenue = i.Decimal(); break;
                        case "x": t.Discount = i.Decimal(); break;
                        case "a": t.First = i.UtcDate(); break;
                        case "z": t.Last = i.UtcDate(); break;
                        case "f": Strings(i, t.Families); break;
                        default: i.Skip(); break;
                    }
                }
                earlier[table] = t;
            }
        }

        internal static void Complaint(JsonTextOutput o, ComplaintEntry e)
        {
            o.Member("o", e.OpenedOn);
            o.Member("x", e.IsOpen);
        }

        internal static bool Complaint(JsonInput i, ComplaintEntry e, string name)
        {
            switch (name)
            {
                case "o": e.OpenedOn = i.UtcDate(); return true;
                case "x": e.IsOpen = i.Boolean(); return true;
                default: return false;
            }
        }

        internal static void Survey(JsonTextOutput o, SurveyEntry e)
        {
            o.Member("d", e.AnsweredOn);
            o.Member("s", e.Score);
        }

        internal static bool Survey(JsonInput i, SurveyEntry e, string name)
        {
            switch (name)
            {
                case "d": e.AnsweredOn = i.UtcDate(); return true;
                case "s": e.Score = i.Decimal(); return true;
                default: return false;
            }
        }

        internal static void Contact(JsonTextOutput o, ContactEntry e)
        {
            o.Member("l", (int?)e.Layer);
            o.Member("f", (int?)e.Function);
            o.Member("a", e.LastActivityOn);
        }

        internal static bool Contact(JsonInput i, ContactEntry e, string name)
        {
            switch (name)
            {
                case "l": e.Layer = i.Enum<ContactLayer>(); return true;
                case "f": e.Function = i.Enum<ContactFunction>(); return true;
                case "a": e.LastActivityOn = i.UtcDate(); return true;
                default: return false;
            }
        }

        internal static void Competitor(JsonTextOutput o, CompetitorEntry e)
        {
            o.Member("n", e.Competitor);
            o.Member("k", (int)e.Kind);
            o.Member("d", e.On);
            o.Member("t", (int?)e.Trend);
            o.Member("s", e.Satisfaction);
            o.Member("r", (int?)e.Relationship);
            o.Member("p", e.Representative);
            o.Member("u", e.Products);
        }

        internal static bool Competitor(JsonInput i, CompetitorEntry e, string name)
        {
            switch (name)
            {
                case "n": e.Competitor = i.String(); return true;
                case "k": e.Kind = i.Enum<CompetitorSignalKind>(); return true;
                case "d": e.On = i.UtcDate(); return true;
                case "t": e.Trend = i.Enum<CompetitorTrend>(); return true;
                case "s": e.Satisfaction = i.Int32(); return true;
                case "r": e.Relationship = i.Enum<CompetitorRelationship>(); return true;
                case "p": e.Representative = i.String(); return true;
                case "u": e.Products = i.String(); return true;
                default: return false;
            }
        }

        internal static void Loss(JsonTextOutput o, LossEntry e)
        {
            o.Member("d", e.LostOn);
            o.Member("k", (int)e.Detection);
            o.Member("f", (int?)e.Family);
            o.Member("c", (int?)e.Cause);
            o.Member("o", (int?)e.Outcome);
            o.Member("r", e.RecoveredOn);
            o.Member("t", (int?)e.TierAtLoss);
        }

        internal static bool Loss(JsonInput i, LossEntry e, string name)
        {
            switch (name)
            {
                case "d": e.LostOn = i.UtcDate(); return true;
                case "k": e.Detection = i.Enum<LossDetection>(); return true;
                case "f": e.Family = i.Enum<LossCauseFamily>(); return true;
                case "c": e.Cause = i.Enum<LossCause>(); return true;
                case "o": e.Outcome = i.Enum<WinBackOutcome>(); return true;
                case "r": e.RecoveredOn = i.UtcDate(); return true;
                case "t": e.TierAtLoss = i.Enum<ValueTier>(); return true;
                default: return false;
            }
        }

        private static void Strings(JsonTextOutput o, string name, List<string> values)
        {
            if (values == null) return;
            o.Name(name);
            o.StartArray();
            foreach (var value in values) o.String(value);
            o.EndArray();
        }

        /// <summary>Adds the array's strings to <paramref name="values"/> (Json.NET filled the list a new object already held).</summary>
        private static void Strings(JsonInput i, List<string> values)
        {
            i.EnterArray();
            while (i.NextItem()) values.Add(i.String());
        }
    }
}
