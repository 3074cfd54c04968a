using System;
using System.Collections.Generic;
using System.Diagnostics;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Retention;

namespace CrmExtensions.Benchmarks
{
    /// <summary>
    /// What every event pays for the customer's JSON columns: reading and writing a ledger of two years of orders (with
    /// complaints, surveys, contacts, competitors and a loss) and a retention plan, and loading settings from a document.
    /// </summary>
    internal static class LedgerJson
    {
        public static void Run(int repeats)
        {
            var ledger = Ledger();
            var ledgerJson = ledger.Serialize();
            var plan = Plan();
            var planJson = plan.Serialize();
            const string admin = @"{ ""valueMatrix"": { ""thresholds"": ""absolute"", ""currentValueThreshold"": 10000 }, ""rfm"": { ""frequency"": [1, 3, 6, 9] } }";
            var calibration = SettingsLoader.CalibrationDocument(new CalibrationSettings
            {
                CalibratedOn = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), FirstCalibratedOn = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc),
                Population = 100, ActiveCustomers = 50, CurrentValueThreshold = 5000m,
                GrowthPotentialThreshold = 1500m, GrowthPotentialThresholdAtHighValue = 2500m, PurchaseModel = SettingsLoader.Defaults.PurchaseModel,
            });

            Console.WriteLine();
            Console.WriteLine($"JSON columns (single thread; ledger {ledgerJson.Length:N0} chars, plan {planJson.Length:N0} chars)");
            Console.WriteLine("| operation (best of 3 rounds)         |   µs/op |     ops/s | bytes allocated/op |");
            Console.WriteLine("|--------------------------------------|---------|-----------|--------------------|");
            Measure("ledger parse", repeats, () => CustomerFactsLedger.Parse(ledgerJson).Version);
            Measure("ledger serialize", repeats, () => ledger.Serialize().Length);
            Measure("ledger parse + serialize (an event)", repeats, () => CustomerFactsLedger.Parse(ledgerJson).Serialize().Length);
            Measure("plan parse + serialize", repeats, () => RetentionPlan.Parse(planJson).Serialize().Length);
            Measure("settings load (calibration + admin)", Math.Max(1, repeats / 20), () => SettingsLoader.Load(calibration, admin).Rfm.Frequency[0]);
        }

        private static void Measure(string what, int repeats, Func<int> operation)
        {
            // Warm up past the JIT's tiers; the machine is shared, so the best of three rounds is reported.
            long checksum = 0;
            for (var i = 0; i < Math.Min(repeats, 2000); i++) checksum += operation();
            var micros = double.MaxValue;
            long allocated = 0;
            for (var round = 0; round < 3; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < repeats; i++) checksum += operation();
                watch.Stop();
                allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / repeats;
                micros = Math.Min(micros, watch.Elapsed.TotalMilliseconds * 1000 / repeats);
            }
            Console.WriteLine($"| {what,-36} | {micros,7:0.0} | {1_000_000 / micros,9:N0} | {allocated,18:N0} |  (checksum {checksum})");
        }

        private static Guid Id(string name) => NameBasedId.Of("bench/" + name);

        private static CustomerFactsLedger Ledger()
        {
            var asOf = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            var ledger = CustomerFactsLedger.Empty(asOf, SettingsLoader.Defaults.Analysis);
            for (var m = 0; m < 24; m++)
            {
                var on = asOf.AddMonths(-m).AddDays(-3).AddHours(9.5);
                ledger.Purchases.Put(Id("order" + m), new PurchaseEntry
                {
                    Table = "salesorder", Date = on, Revenue = 3000m + m * 12.5m, Discount = m % 3 == 0 ? 150m : 0m, Changed = on.AddMinutes(m),
                    Families = new List<string> { "Hardware", m % 2 == 0 ? "Services" : "Licences" },
                });
            }
            ledger.EarlierFor("invoice").Add(40, 98000.5m, 1200m, asOf.AddYears(-6), asOf.AddYears(-2), new[] { "Hardware" });
            for (var i = 0; i < 5; i++)
            {
                ledger.Complaints.Put(Id("case" + i), new ComplaintEntry { OpenedOn = asOf.AddDays(-20 * i), IsOpen = i == 0, Changed = asOf.AddDays(-20 * i) });
                ledger.Surveys.Put(Id("survey" + i), new SurveyEntry { AnsweredOn = asOf.AddDays(-60 * i), Score = 3.5m + i % 2, Changed = asOf.AddDays(-60 * i) });
            }
            for (var i = 0; i < 10; i++)
                ledger.Contacts.Put(Id("contact" + i), new ContactEntry { Layer = (ContactLayer)(1 + i % 3), Function = (ContactFunction)(1 + i % 3), LastActivityOn = asOf.AddDays(-i) });
            for (var i = 0; i < 3; i++)
                ledger.Competitors.Put(Id("competitor" + i), new CompetitorEntry
                {
                    Competitor = "Competitor " + i, Kind = CompetitorSignalKind.Recorded, On = asOf.AddDays(-30 * i), Trend = CompetitorTrend.Holding,
                    Satisfaction = 3, Relationship = CompetitorRelationship.Moderate, Representative = "Rep " + i, Products = "ERP",
                });
            ledger.Losses.Put(Id("loss"), new LossEntry { LostOn = asOf.AddYears(-3), Detection = LossDetection.NoPurchase, Outcome = WinBackOutcome.WonBack, RecoveredOn = asOf.AddYears(-2) });
            ledger.Referrals.Withdraw(Id("referral"), asOf.AddDays(-2));
            return ledger;
        }

        private static RetentionPlan Plan()
        {
            var plan = new RetentionPlan { Context = "a Platinum customer in Stable (churn risk Low)" };
            foreach (var kind in new[] { RetentionActionKind.FollowUpCall, RetentionActionKind.Visit, RetentionActionKind.SatisfactionSurvey })
            {
                var key = RetentionPolicy.KeyFor(Id("customer"), kind);
                plan.Open[key] = new PlannedActivity
                {
                    Id = Id(key), Key = key, Kind = kind, Channel = ActivityChannel.Task, Subject = kind + " (Platinum customer)",
                    DueOn = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), Description = "Scheduled by CrmExtensions; repeats every 90 days.",
                };
                plan.LastCompleted[kind] = new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);
            }
            plan.Cancelled["x"] = 1;
            return plan;
        }
    }
}
