using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// A form's command button is shown only to users whom the Custom API it calls lets call it ("Recalculate value" on the
    /// account, "Run again" on a recalculation job): a button that always answers "missing privilege" is worse than none.
    /// </summary>
    public class RibbonTests
    {
        private static readonly RepositoryLayout Layout = RepositoryLayout.Find();

        [Theory]
        [InlineData("account", "RecalculateValue", "cx_RecalculateCustomer")]
        [InlineData("cx_recalculationjob", "RunAgain", "cx_StartRecalculation")]
        public void A_command_button_shows_for_the_privilege_its_custom_api_demands(string table, string button, string customApi)
        {
            var api = XDocument.Load(Path.Combine(Layout.SolutionSource, "customapis", customApi, "customapi.xml")).Root;
            var privilege = (string)api.Element("executeprivilegename");
            var ribbon = XDocument.Load(Path.Combine(Layout.SolutionSource, "Entities", table, "RibbonDiff.xml")).Root;

            var command = ribbon.Descendants("CommandDefinition").Single(c => ((string)c.Attribute("Id")).Contains(button));
            var ruleIds = command.Element("DisplayRules").Elements("DisplayRule").Select(r => (string)r.Attribute("Id")).ToList();
            var rules = ribbon.Element("RuleDefinitions").Element("DisplayRules").Elements("DisplayRule")
                .Where(r => ruleIds.Contains((string)r.Attribute("Id"))).SelectMany(r => r.Elements("EntityPrivilegeRule"))
                .Select(r => $"prv{(string)r.Attribute("PrivilegeType")}{(string)r.Attribute("EntityName")}");

            Assert.Contains(privilege, rules);
        }
    }
}
