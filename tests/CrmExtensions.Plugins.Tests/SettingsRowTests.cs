using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// The cx_setting rows every evaluation reads: a row is judged by its name whenever it is created, renamed, edited or
    /// switched on, and whatever is accepted is what the next execution uses, on any server.
    /// </summary>
    public class SettingsRowTests
    {
        private readonly Org _org = new Org();

        /// <summary>A valid settings document that moves every tier: lines no customer of these tests reaches.</summary>
        private const string HighLines = @"{ ""valueMatrix"": { ""thresholds"": ""absolute"", ""currentValueThreshold"": 100000, ""growthPotentialThreshold"": 100000 } }";

        private Entity EvaluatedAccount()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 5000m, months: 24);
            _org.Recalculate(account);
            return account;
        }

        private const int Inactive = 1;

        private static Entity Row(string name, string value) => new Entity(Setting.EntityLogicalName) { [Setting.Name] = name, [Setting.Value] = value };

        [Fact]
        public void Settings_saved_on_another_server_are_in_force_for_the_next_execution()
        {
            var account = EvaluatedAccount();
            Assert.NotEqual(Org.Option(ValueTier.Lead), _org.Tier(account));

            // Saved through another server: nothing tells this worker, so nothing here may still hold the settings it read before.
            _org.Host.Seed(Row(Setting.ActiveSettingsName, HighLines));
            _org.Recalculate(account);

            Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(account));
        }

        [Fact]
        public void A_settings_document_saved_under_the_calibration_name_is_refused_and_evaluations_go_on()
        {
            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Create(Row(Setting.CalibrationName, HighLines)));

            Assert.Contains($"The row '{Setting.CalibrationName}' holds the calibration", error.Message);
            Assert.Contains("valueMatrix", error.Message);
            Assert.Empty(_org.Host.Store.Rows(Setting.EntityLogicalName));
            Assert.NotNull(_org.Tier(EvaluatedAccount()));
        }

        [Fact]
        public void A_row_renamed_to_the_calibration_name_is_refused_and_keeps_its_name()
        {
            var draft = _org.Admin.Create(Row("CustomerValue draft", HighLines));

            var error = Assert.Throws<InvalidPluginExecutionException>(() =>
                _org.Admin.Update(new Entity(Setting.EntityLogicalName, draft) { [Setting.Name] = Setting.CalibrationName }));

            Assert.Contains($"The row '{Setting.CalibrationName}' holds the calibration", error.Message);
            Assert.Equal("CustomerValue draft", _org.Host.Store.Get(Setting.EntityLogicalName, draft).GetAttributeValue<string>(Setting.Name));
            Assert.NotNull(_org.Tier(EvaluatedAccount()));
        }

        [Fact]
        public void A_row_switched_on_is_judged_by_its_name_however_it_is_switched()
        {
            // Imported with the steps off: an inactive calibration row that holds a settings document.
            var imported = Row(Setting.CalibrationName, HighLines);
            imported[Common.StateCode] = new OptionSetValue(Inactive);
            imported["statuscode"] = new OptionSetValue(2);
            _org.Host.Seed(imported);

            Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Update(new Entity(Setting.EntityLogicalName, imported.Id)
            {
                [Common.StateCode] = new OptionSetValue(Common.StateActive),
                ["statuscode"] = new OptionSetValue(1),
            }));
            Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Execute(new SetStateRequest
            {
                EntityMoniker = imported.ToEntityReference(), State = new OptionSetValue(Common.StateActive), Status = new OptionSetValue(1),
            }));

            Assert.Equal(Inactive, _org.Host.Store.Get(Setting.EntityLogicalName, imported.Id).GetAttributeValue<OptionSetValue>(Common.StateCode).Value);
            Assert.NotNull(_org.Tier(EvaluatedAccount()));
        }

        [Fact]
        public void A_second_active_row_of_a_name_is_refused_and_the_first_one_stays_in_force()
        {
            var first = _org.Admin.Create(Row(Setting.ActiveSettingsName, HighLines));

            var error = Assert.Throws<InvalidPluginExecutionException>(() => _org.Admin.Create(Row(Setting.ActiveSettingsName, "{}")));

            Assert.Contains($"Another active settings row is named '{Setting.ActiveSettingsName}' ({first})", error.Message);
            Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(EvaluatedAccount()));
        }
    }
}
