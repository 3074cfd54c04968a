using System;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using Xunit;

namespace CrmExtensions.Domain.Tests.Json
{
    /// <summary>
    /// Ledgers, plans and settings documents already stored in orgs must keep loading, and what is written must stay what
    /// was written: each fixture (see <see cref="JsonFixtures"/>) is read into the same fields the Newtonsoft-based code
    /// read, and written back to the same text, byte for byte.
    /// </summary>
    public class JsonRoundTripTests
    {
        public static TheoryData<string> Ledgers => Data(JsonSamples.Ledgers.Keys.ToArray());
        public static TheoryData<string> Plans => Data(JsonSamples.Plans.Keys.ToArray());
        public static TheoryData<string> LenientLedgers => Data(JsonSamples.LenientLedgers.ToArray());
        public static TheoryData<string> LenientPlans => Data(JsonSamples.LenientPlans.ToArray());
        public static TheoryData<string> SettingsCases => Data(JsonSamples.SettingsCases.Keys.ToArray());

        private static TheoryData<string> Data(string[] names)
        {
            var data = new TheoryData<string>();
            foreach (var name in names) data.Add(name);
            return data;
        }

        [Theory, MemberData(nameof(Ledgers))]
        public void A_ledger_is_written_as_before_and_read_back_into_the_same_fields(string name)
        {
            var stored = JsonFixtures.Read(name + ".json");
            Assert.Equal(stored, JsonSamples.Ledgers[name].Serialize());
            var parsed = CustomerFactsLedger.Parse(stored);
            Assert.Equal(JsonFixtures.Read(name + ".parsed.txt"), ObjectDump.Of(parsed));
            Assert.Equal(stored, parsed.Serialize());
        }

        [Theory, MemberData(nameof(Plans))]
        public void A_plan_is_written_as_before_and_read_back_into_the_same_fields(string name)
        {
            var stored = JsonFixtures.Read(name + ".json");
            Assert.Equal(stored, JsonSamples.Plans[name].Serialize());
            var parsed = RetentionPlan.Parse(stored);
            Assert.Equal(JsonFixtures.Read(name + ".parsed.txt"), ObjectDump.Of(parsed));
            Assert.Equal(stored, parsed.Serialize());
        }

        [Theory, MemberData(nameof(LenientLedgers))]
        public void A_ledger_in_any_form_the_old_code_accepted_reads_and_writes_as_it_did(string name)
        {
            var parsed = CustomerFactsLedger.Parse(JsonFixtures.Read(name + ".json"));
            Assert.Equal(JsonFixtures.Read(name + ".parsed.txt"), ObjectDump.Of(parsed));
            Assert.Equal(JsonFixtures.Read(name + ".written.json"), parsed.Serialize());
        }

        [Theory, MemberData(nameof(LenientPlans))]
        public void A_plan_in_any_form_the_old_code_accepted_reads_and_writes_as_it_did(string name)
        {
            var parsed = RetentionPlan.Parse(JsonFixtures.Read(name + ".json"));
            Assert.Equal(JsonFixtures.Read(name + ".parsed.txt"), ObjectDump.Of(parsed));
            Assert.Equal(JsonFixtures.Read(name + ".written.json"), parsed.Serialize());
        }

        [Theory, MemberData(nameof(SettingsCases))]
        public void Settings_documents_merge_and_bind_into_the_same_fields(string name)
        {
            var documents = JsonSamples.SettingsCases[name];
            var settings = SettingsLoader.Load(JsonFixtures.ReadOrNull(documents[0]), JsonFixtures.ReadOrNull(documents[1]));
            Assert.Equal(JsonFixtures.Read(name + ".parsed.txt"), ObjectDump.Of(settings));
        }

        [Fact]
        public void The_calibration_document_is_written_as_before()
        {
            // Written indented with the platform's line ends (the fixture is kept with \n).
            var expected = JsonFixtures.Read("calibration.json").Replace("\n", Environment.NewLine);
            Assert.Equal(expected, SettingsLoader.CalibrationDocument(JsonSamples.Calibration));
        }
    }
}
