using System.Collections.Generic;
using CrmExtensions.Domain.Json;

namespace CrmExtensions.Domain.Retention
{
    /// <summary>
    /// The retention plan's JSON (cx_retentionplan), the one place its member names are written down, in the order Json.NET
    /// wrote them: a null is left out, "mat" only when true, enums are numbers except the completions' keys, which are
    /// the action kinds' names ("Visit"), dates ISO 8601 UTC. Reading passes over unknown members and nulls.
    /// </summary>
    internal static class RetentionPlanJson
    {
        public static string Write(RetentionPlan plan)
        {
            var o = new JsonTextOutput(indented: false, utcDates: true, capacity: 1024);
            o.StartObject();
            o.Member("v", plan.Version);
            if (plan.Open != null)
            {
                o.Name("o");
                o.StartObject();
                foreach (var open in plan.Open)
                {
                    o.Name(open.Key);
                    Activity(o, open.Value);
                }
                o.EndObject();
            }
            if (plan.Cancelled != null)
            {
                o.Name("g");
                o.StartObject();
                foreach (var count in plan.Cancelled) o.Member(count.Key, count.Value);
                o.EndObject();
            }
            if (plan.LastCompleted != null)
            {
                o.Name("done");
                o.StartObject();
                // A kind's name; a number only for a kind this version does not name.
                foreach (var done in plan.LastCompleted) o.Member(done.Key.ToString(), done.Value);
                o.EndObject();
            }
            if (plan.ClosedByUser != null)
            {
                o.Name("x");
                o.StartArray();
                foreach (var id in plan.ClosedByUser) o.Guid(id);
                o.EndArray();
            }
            o.Member("why", plan.Context);
            if (plan.Materialized) o.Member("mat", true);
            o.EndObject();
            return o.ToString();
        }

        public static RetentionPlan Read(JsonInput i)
        {
            var plan = new RetentionPlan();
            i.EnterObject();
            while (i.NextMember(out var name))
            {
                switch (name)
                {
                    case "v": plan.Version = i.Int32(); break;
                    case "o": Open(i, plan.Open); break;
                    case "g":
                        i.EnterObject();
                        while (i.NextMember(out var key)) plan.Cancelled[key] = i.Int32();
                        break;
                    case "done":
                        i.EnterObject();
                        while (i.NextMember(out var kind)) plan.LastCompleted[JsonScalars.Enum<RetentionActionKind>(kind, allowNumbers: true)] = i.UtcDate();
                        break;
                    case "x":
                        i.EnterArray();
                        while (i.NextItem()) plan.ClosedByUser.Add(i.Guid());
                        break;
                    case "why": plan.Context = i.String(); break;
                    case "mat": plan.Materialized = i.Boolean(); break;
                    default: i.Skip(); break;
                }
            }
            return plan;
        }

        private static void Activity(JsonTextOutput o, PlannedActivity a)
        {
            if (a == null)
            {
                o.Null();
                return;
            }
            o.StartObject();
            o.Member("id", a.Id);
            o.Member("key", a.Key);
            o.Member("k", (int)a.Kind);
            o.Member("c", (int)a.Channel);
            o.Member("s", a.Subject);
            o.Member("d", a.DueOn);
            o.Member("n", a.Description);
            o.Member("ot", a.OwnerTable);
            o.Member("oi", a.OwnerId);
            o.EndObject();
        }

        private static void Open(JsonInput i, Dictionary<string, PlannedActivity> open)
        {
            i.EnterObject();
            while (i.NextMember(out var key))
            {
                var a = new PlannedActivity();
                i.EnterObject();
                while (i.NextMember(out var name))
                {
                    switch (name)
                    {
                        case "id": a.Id = i.Guid(); break;
                        case "key": a.Key = i.String(); break;
                        case "k": a.Kind = i.Enum<RetentionActionKind>(); break;
                        case "c": a.Channel = i.Enum<ActivityChannel>(); break;
                        case "s": a.Subject = i.String(); break;
                        case "d": a.DueOn = i.UtcDate(); break;
                        case "n": a.Description = i.String(); break;
                        case "ot": a.OwnerTable = i.String(); break;
                        case "oi": a.OwnerId = i.Guid(); break;
                        default: i.Skip(); break;
                    }
                }
                open[key] = a;
            }
        }
    }
}
