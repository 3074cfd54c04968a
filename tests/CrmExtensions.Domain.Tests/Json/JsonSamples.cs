using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Tests.Json
{
    /// <summary>
    /// The documents the round-trip fixtures were written from: ledgers and plans with every entry kind and every optional
    /// field both set and absent, values at the edges of their formats (fractional seconds, date kinds, decimal scales,
    /// strings that need escaping), and a calibration.
    /// </summary>
    internal static class JsonSamples
    {
        private static Guid Id(string name) => NameBasedId.Of("json-fixture/" + name);

        private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0, int s = 0) => new DateTime(y, m, d, h, min, s, DateTimeKind.Utc);

        /// <summary>Text a user may type into any string column: quotes, slashes, control characters, non-ASCII, line separators.</summary>
        public const string AwkwardText = "Fabrikam \"Nord\" / Süd\\Ost\t<&>'\r\n\u0001\u001f\u007f\u0085\u00a0\u2028\u2029€😀 end";

        public static IReadOnlyDictionary<string, CustomerFactsLedger> Ledgers => new Dictionary<string, CustomerFactsLedger>
        {
            ["ledger-full"] = FullLedger(),
            ["ledger-empty"] = new CustomerFactsLedger { Cut = new DateTime(2024, 11, 1) },
        };

        public static IReadOnlyDictionary<string, RetentionPlan> Plans => new Dictionary<string, RetentionPlan>
        {
            ["plan-full"] = FullPlan(),
            ["plan-empty"] = new RetentionPlan(),
        };

        private static CustomerFactsLedger FullLedger()
        {
            var ledger = new CustomerFactsLedger { Cut = Utc(2025, 2, 1) };
            ledger.Purchases.Put(Id("p-order"), new PurchaseEntry
            {
                Table = "salesorder", Date = new DateTime(2026, 10, 5, 9, 30, 0), Revenue = 1234.5m, Discount = 0m,
                Families = new List<string> { "Hardware", "Services/Support", AwkwardText }, Changed = new DateTime(2026, 10, 5, 8, 15, 30, DateTimeKind.Utc).AddTicks(1234567),
            });
            ledger.Purchases.Put(Id("p-invoice"), new PurchaseEntry { Table = "invoice", Date = Utc(2026, 9, 30, 23, 59, 59), Revenue = 100m, Discount = 12.50m });
            ledger.Purchases.Put(Id("p-no-families"), new PurchaseEntry
            {
                Table = "salesorder", Date = Utc(2026, 8, 1).AddMilliseconds(5), Revenue = -50.25m, Discount = 0.0000000001m, Families = new List<string>(),
                Changed = Utc(2026, 8, 2).AddTicks(1),
            });
            ledger.Purchases.Put(Id("p-extremes"), new PurchaseEntry
            {
                Table = "invoice", Date = DateTime.MinValue, Revenue = 79228162514264337593543950335m, Discount = 1.10m, Families = new List<string> { "" },
            });
            ledger.Purchases.Withdraw(Id("p-withdrawn"), Utc(2026, 10, 30, 12));
            ledger.Purchases.Withdraw(Id("p-withdrawn-unknown-time"), null);

            ledger.Earlier["salesorder"] = new PurchaseTotals
            {
                Orders = 12, Revenue = 45000.75m, Discount = 300m, First = Utc(2019, 3, 4), Last = new DateTime(2025, 1, 28, 14, 0, 0),
                Families = new List<string> { "Hardware", "Licences" },
            };
            ledger.Earlier["invoice"] = new PurchaseTotals();

            ledger.Complaints.Put(Id("c-open"), new ComplaintEntry { OpenedOn = Utc(2026, 10, 20, 7, 45), IsOpen = true, Changed = Utc(2026, 10, 20, 7, 45) });
            ledger.Complaints.Put(Id("c-closed"), new ComplaintEntry { OpenedOn = Utc(2026, 9, 1), IsOpen = false });
            ledger.Complaints.Withdraw(Id("c-removed"), Utc(2026, 10, 31));

            ledger.Surveys.Put(Id("s-half"), new SurveyEntry { AnsweredOn = Utc(2026, 6, 15), Score = 4.5m, Changed = Utc(2026, 6, 15, 10) });
            ledger.Surveys.Put(Id("s-whole"), new SurveyEntry { AnsweredOn = Utc(2025, 12, 1), Score = 5m });
            ledger.Surveys.Withdraw(Id("s-removed"), Utc(2026, 10, 1));

            ledger.Referrals.Put(Id("r-live"), new ReferralEntry());
            ledger.Referrals.Put(Id("r-dated"), new ReferralEntry { Changed = Utc(2026, 4, 4, 4, 4, 4) });
            ledger.Referrals.Withdraw(Id("r-removed"), Utc(2026, 10, 2));

            ledger.Contacts.Put(Id("k-full"), new ContactEntry
            {
                Layer = ContactLayer.Decision, Function = ContactFunction.Finance, LastActivityOn = Utc(2026, 10, 12, 16, 20), Changed = Utc(2026, 10, 12, 16, 21),
            });
            ledger.Contacts.Put(Id("k-bare"), new ContactEntry());
            ledger.Contacts.Put(Id("k-unknown-option"), new ContactEntry { Layer = (ContactLayer)99, Function = ContactFunction.UserDepartment });
            ledger.Contacts.Withdraw(Id("k-removed"), Utc(2026, 10, 3));

            ledger.Competitors.Put(Id("cp-full"), new CompetitorEntry
            {
                Competitor = AwkwardText, Kind = CompetitorSignalKind.Recorded, On = Utc(2026, 7, 7), Trend = CompetitorTrend.GainingGround, Satisfaction = 4,
                Relationship = CompetitorRelationship.Strong, Representative = "Jane Roe", Products = "ERP/CRM, \"Cloud\"", Changed = Utc(2026, 7, 8),
            });
            ledger.Competitors.Put(Id("cp-bare"), new CompetitorEntry { Competitor = "Contoso", Kind = CompetitorSignalKind.LostOpportunity, On = Utc(2026, 5, 5), Satisfaction = 0 });
            ledger.Competitors.Put(Id("cp-null-name"), new CompetitorEntry { Kind = CompetitorSignalKind.LostOpportunity, On = Utc(2026, 5, 6) });
            ledger.Competitors.Withdraw(Id("cp-removed"), Utc(2026, 10, 4));

            ledger.Losses.Put(Id("l-full"), new LossEntry
            {
                LostOn = Utc(2025, 10, 1), Detection = LossDetection.ClosedByUser, Family = LossCauseFamily.Competitor, Cause = LossCause.CompetitorPrice,
                Outcome = WinBackOutcome.WonBack, RecoveredOn = Utc(2026, 3, 1), TierAtLoss = ValueTier.Gold, Changed = Utc(2026, 3, 1, 1),
            });
            ledger.Losses.Put(Id("l-bare"), new LossEntry { LostOn = Utc(2024, 12, 31), Detection = LossDetection.NoPurchase });
            ledger.Losses.Withdraw(Id("l-dismissed"), Utc(2026, 1, 1));
            return ledger;
        }

        private static RetentionPlan FullPlan()
        {
            var customer = Id("customer");
            var plan = new RetentionPlan
            {
                Context = "a Platinum customer in Stable (churn risk Medium) / \"why\"",
                Materialized = true,
                ClosedByUser = new List<Guid> { Id("closed-1"), Id("closed-2") },
            };
            plan.Open[RetentionPolicy.KeyFor(customer, RetentionActionKind.Visit)] = new PlannedActivity
            {
                Id = Id("a-visit"), Key = RetentionPolicy.KeyFor(customer, RetentionActionKind.Visit), Kind = RetentionActionKind.Visit, Channel = ActivityChannel.Task,
                Subject = "Visit (Platinum customer)", DueOn = Utc(2026, 12, 1, 9), Description = "Scheduled by CrmExtensions for a Platinum customer; repeats every 90 days.",
                OwnerTable = "team", OwnerId = Id("team"),
            };
            plan.Open[RetentionPolicy.KeyFor(customer, RetentionActionKind.FollowUpCall)] = new PlannedActivity
            {
                Id = Id("a-call"), Key = RetentionPolicy.KeyFor(customer, RetentionActionKind.FollowUpCall), Kind = RetentionActionKind.FollowUpCall,
                Channel = ActivityChannel.PhoneCall, Subject = AwkwardText, DueOn = new DateTime(2026, 11, 15),
            };
            plan.Open["legacy-key"] = new PlannedActivity { Id = Id("a-legacy"), Kind = RetentionActionKind.MeetDecisionMaker, Channel = ActivityChannel.Task, DueOn = DateTime.MinValue };
            plan.Cancelled[RetentionPolicy.KeyFor(customer, RetentionActionKind.WinBack)] = 2;
            plan.Cancelled["legacy-key"] = 1;
            plan.LastCompleted[RetentionActionKind.FollowUpCall] = Utc(2026, 10, 1, 10, 30);
            plan.LastCompleted[RetentionActionKind.Visit] = Utc(2026, 9, 1).AddTicks(5000000);
            plan.LastCompleted[RetentionActionKind.MeetDecisionMaker] = new DateTime(2026, 8, 1, 8, 0, 0);
            plan.LastCompleted[(RetentionActionKind)99] = Utc(2020, 1, 1);
            return plan;
        }

        /// <summary>What a calibration run stores: fitted doubles, thresholds of several scales, a UTC and an unspecified date.</summary>
        public static CalibrationSettings Calibration => new CalibrationSettings
        {
            CalibratedOn = new DateTime(2026, 11, 1, 2, 3, 4, DateTimeKind.Utc).AddTicks(5678),
            FirstCalibratedOn = new DateTime(2026, 5, 1),
            Population = 48213,
            ActiveCustomers = 30125,
            CurrentValueThreshold = 12500m,
            GrowthPotentialThreshold = 3187.4166666666666666666666667m,
            GrowthPotentialThresholdAtHighValue = 0.10m,
            PurchaseModel = new PurchaseModelParameters { R = 0.30000000000000004, Alpha = 365, A = 1E-05, B = 6.123456789012345 },
        };

        /// <summary>Settings cases: the calibration document and the admin document each is loaded from (null: none).</summary>
        public static IReadOnlyDictionary<string, string[]> SettingsCases => new Dictionary<string, string[]>
        {
            ["settings-defaults"] = new string[] { null, null },
            ["settings-calibrated"] = new[] { "calibration.json", null },
            ["settings-admin-absolute"] = new[] { null, "admin-absolute.json" },
            ["settings-admin-retention"] = new[] { null, "admin-retention.json" },
            ["settings-admin-nulls"] = new[] { "calibration.json", "admin-nulls.json" },
            ["settings-admin-lenient"] = new[] { null, "admin-lenient.json" },
            ["settings-calibrated-admin"] = new[] { "calibration.json", "admin-absolute.json" },
            ["settings-calibration-compact"] = new[] { "calibration-compact.json", "admin-retention.json" },
        };

        /// <summary>Hand-written documents the old code read: what it accepted beyond what it wrote itself.</summary>
        public static IReadOnlyList<string> LenientLedgers => new[] { "ledger-lenient" };

        public static IReadOnlyList<string> LenientPlans => new[] { "plan-lenient" };
    }
}
