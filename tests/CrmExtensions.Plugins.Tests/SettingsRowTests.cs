using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.Model;
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
    }
}
