using System;
using System.IO;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Retention;
using Xunit;

namespace CrmExtensions.Domain.Tests.Json
{
    /// <summary>
    /// Writes the fixtures from <see cref="JsonSamples"/> with the code as it is. It was run once against the Newtonsoft-based
    /// serializer, so the committed files are what that code wrote and read; run it again
    /// (CX_WRITE_JSON_FIXTURES=1 dotnet test --filter JsonFixtureGenerator) only to add a case, and check that git shows no
    /// change to an existing file.
    /// </summary>
    public class JsonFixtureGenerator
    {
        [Fact]
        public void Write_fixtures_when_asked()
        {
            if (Environment.GetEnvironmentVariable("CX_WRITE_JSON_FIXTURES") != "1") return;
            var folder = JsonFixtures.SourceFolder();
            void Write(string file, string text) => File.WriteAllText(Path.Combine(folder, file), text);
            string Source(string file) => file == null ? null : File.ReadAllText(Path.Combine(folder, file));

            foreach (var sample in JsonSamples.Ledgers)
            {
                var json = sample.Value.Serialize();
                Write(sample.Key + ".json", json);
                var parsed = CustomerFactsLedger.Parse(json);
                Assert.Equal(json, parsed.Serialize());
                Write(sample.Key + ".parsed.txt", ObjectDump.Of(parsed));
            }
            foreach (var sample in JsonSamples.Plans)
            {
                var json = sample.Value.Serialize();
                Write(sample.Key + ".json", json);
                var parsed = RetentionPlan.Parse(json);
                Assert.Equal(json, parsed.Serialize());
                Write(sample.Key + ".parsed.txt", ObjectDump.Of(parsed));
            }
            foreach (var name in JsonSamples.LenientLedgers)
            {
                var parsed = CustomerFactsLedger.Parse(Source(name + ".json"));
                Write(name + ".parsed.txt", ObjectDump.Of(parsed));
                Write(name + ".written.json", parsed.Serialize());
            }
            foreach (var name in JsonSamples.LenientPlans)
            {
                var parsed = RetentionPlan.Parse(Source(name + ".json"));
                Write(name + ".parsed.txt", ObjectDump.Of(parsed));
                Write(name + ".written.json", parsed.Serialize());
            }

            Write("calibration.json", SettingsLoader.CalibrationDocument(JsonSamples.Calibration).Replace(Environment.NewLine, "\n"));
            foreach (var sample in JsonSamples.SettingsCases)
                Write(sample.Key + ".parsed.txt", ObjectDump.Of(SettingsLoader.Load(Source(sample.Value[0]), Source(sample.Value[1]))));
        }
    }
}
