using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Ledger;
using FsCheck;
using FsCheck.Xunit;
using Newtonsoft.Json;

namespace CrmExtensions.Domain.Tests.Json
{
    /// <summary>
    /// Beyond the fixtures: for any string, decimal, date and double, the text the domain writes is the text Json.NET
    /// wrote for it (Json.NET is referenced here only to compare with), and the ledger reads it back unchanged.
    /// </summary>
    public class JsonTextCompatibilityTests
    {
        private static readonly JsonSerializerSettings LedgerSettings = new JsonSerializerSettings { DateTimeZoneHandling = DateTimeZoneHandling.Utc };

        private static CustomerFactsLedger With(CompetitorEntry entry)
        {
            var ledger = new CustomerFactsLedger();
            ledger.Competitors.Put(Guid.Empty, entry);
            return ledger;
        }

        [Property(MaxTest = 500)]
        public bool Any_string_is_escaped_as_JsonNet_escaped_it_and_reads_back(NonNull<string> text)
        {
            var json = With(new CompetitorEntry { Competitor = text.Get }).Serialize();
            var written = json.Contains("\"n\":" + JsonConvert.ToString(text.Get) + ",", StringComparison.Ordinal);
            // A lone surrogate cannot pass through UTF-8, which the framework's reader reads; no user types one.
            var wellFormed = !text.Get.Where((c, i) => char.IsSurrogate(c) && !char.IsSurrogatePair(text.Get, i) && (i == 0 || !char.IsSurrogatePair(text.Get, i - 1))).Any();
            return written && (!wellFormed || CustomerFactsLedger.Parse(json).Competitors[Guid.Empty].Competitor == text.Get);
        }

        [Property(MaxTest = 500)]
        public bool Any_decimal_is_written_as_JsonNet_wrote_it_and_reads_back_with_its_scale(decimal value)
        {
            var ledger = new CustomerFactsLedger();
            ledger.Surveys.Put(Guid.Empty, new SurveyEntry { Score = value });
            var json = ledger.Serialize();
            var back = CustomerFactsLedger.Parse(json).Surveys[Guid.Empty].Score;
            return json.Contains("\"s\":" + JsonConvert.ToString(value) + "}", StringComparison.Ordinal) && back.ToString() == value.ToString();
        }

        [Property(MaxTest = 500)]
        public bool Any_date_is_written_as_JsonNet_wrote_it_in_UTC_and_reads_back(long ticks, bool utc)
        {
            var date = new DateTime((long)((ulong)ticks % (ulong)DateTime.MaxValue.Ticks), utc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
            var json = With(new CompetitorEntry { On = date }).Serialize();
            var back = CustomerFactsLedger.Parse(json).Competitors[Guid.Empty].On;
            return json.Contains("\"d\":" + JsonConvert.SerializeObject(date, LedgerSettings) + "}", StringComparison.Ordinal)
                && back == date && back.Kind == DateTimeKind.Utc;
        }

        [Property(MaxTest = 300)]
        public bool Any_fitted_model_is_written_as_JsonNet_wrote_it(PositiveInt scale, NormalFloat fraction)
        {
            var r = (Math.Abs(fraction.Get) + 0.001) * scale.Get;
            var model = new PurchaseModelParameters { R = r, Alpha = 1 / r, A = r * 3, B = 7 };
            var document = SettingsLoader.CalibrationDocument(new CalibrationSettings
            {
                CalibratedOn = new DateTime(2026, 1, 1), FirstCalibratedOn = new DateTime(2026, 1, 1), Population = 1, ActiveCustomers = 1,
                CurrentValueThreshold = 1, GrowthPotentialThreshold = 1, GrowthPotentialThresholdAtHighValue = 1, PurchaseModel = model,
            });
            return new[] { ("r", model.R), ("alpha", model.Alpha), ("a", model.A), ("b", model.B) }
                .All(p => document.Contains($"\"{p.Item1}\": {JsonConvert.ToString(p.Item2)}", StringComparison.Ordinal));
        }
    }
}
