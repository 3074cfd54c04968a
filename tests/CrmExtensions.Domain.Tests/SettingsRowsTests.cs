using System;
using System.Collections.Generic;
using CrmExtensions.Domain.Configuration;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class SettingsRowsTests
    {
        private static readonly string Calibration = SettingsLoader.CalibrationDocument(new CalibrationSettings
        {
            CalibratedOn = Build.AsOf, FirstCalibratedOn = Build.AsOf, Population = 100, ActiveCustomers = 80, CurrentValueThreshold = 40m,
            GrowthPotentialThreshold = 10m, GrowthPotentialThresholdAtHighValue = 30m, PurchaseModel = Build.Settings.PurchaseModel,
        });

        private const string Admin = @"{ ""valueMatrix"": { ""thresholds"": ""absolute"" } }";

        /// <summary>An admin document that only sets one calibrated line: it loads only over a stored calibration.</summary>
        private const string OverCalibration = @"{ ""calibration"": { ""currentValueThreshold"": 50 } }";

        private static SettingsRow Row(string name, string value, bool active = true) => new SettingsRow(Guid.NewGuid(), name, value, active);

        private static IEnumerable<SettingsRow> NotToBeRead()
        {
            throw new InvalidOperationException("the other rows were read");
#pragma warning disable CS0162 // an iterator needs a yield
            yield break;
#pragma warning restore CS0162
        }

        [Fact]
        public void The_calibration_row_holds_only_a_calibration_document()
        {
            var error = Assert.Throws<DomainValidationException>(() => SettingsRows.Check(Row(SettingsRows.CalibrationName, Admin), null, new SettingsRow[0]));
            Assert.StartsWith($"The row '{SettingsRows.CalibrationName}' holds the calibration cx_CalibrateSettings writes, only its section: ", error.Message);
            Assert.Contains("valueMatrix", error.Message);

            SettingsRows.Check(Row(SettingsRows.CalibrationName, Calibration), null, new SettingsRow[0]);
        }

        [Fact]
        public void A_row_no_evaluation_reads_is_a_settings_document_and_costs_no_read_of_the_others()
        {
            SettingsRows.Check(Row("CustomerValue draft", Admin), "CustomerValue older draft", NotToBeRead());
            var error = Assert.Throws<DomainValidationException>(() => SettingsRows.Check(Row("CustomerValue draft", @"{ ""clp"": { ""horizonYears"": 0 } }"), null, NotToBeRead()));
            Assert.Contains("clp.horizonYears", error.Message);
        }

        [Fact]
        public void One_active_row_per_name_and_an_inactive_twin_is_no_twin()
        {
            var first = Row(SettingsRows.AdminName, Admin);
            var error = Assert.Throws<DomainValidationException>(() => SettingsRows.Check(Row(SettingsRows.AdminName, "{}"), null, new[] { first }));
            Assert.Contains($"Another active settings row is named '{SettingsRows.AdminName}' ({first.Id})", error.Message);

            SettingsRows.Check(Row(SettingsRows.AdminName, "{}", active: false), null, new[] { first });
            SettingsRows.Check(Row(SettingsRows.AdminName, "{}"), null, new[] { Row(SettingsRows.AdminName, Admin, active: false) });
        }

        [Fact]
        public void The_rows_in_force_after_the_change_must_load_together()
        {
            var calibration = Row(SettingsRows.CalibrationName, Calibration);
            var admin = Row(SettingsRows.AdminName, OverCalibration);
            SettingsRows.Check(admin, null, new[] { calibration });

            // Switching the calibration off (or renaming it) would leave the admin's document without what it builds on.
            var off = new SettingsRow(calibration.Id, SettingsRows.CalibrationName, Calibration, false);
            var error = Assert.Throws<DomainValidationException>(() => SettingsRows.Check(off, SettingsRows.CalibrationName, new[] { calibration, admin }));
            Assert.StartsWith("With this change the rows 'CustomerValue' and 'CustomerValueCalibration' would not load together", error.Message);
            var renamed = new SettingsRow(calibration.Id, "Old calibration", Calibration, true);
            Assert.Throws<DomainValidationException>(() => SettingsRows.Check(renamed, SettingsRows.CalibrationName, new[] { calibration, admin }));
        }
    }
}
