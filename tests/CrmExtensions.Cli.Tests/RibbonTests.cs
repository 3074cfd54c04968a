using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// The form's "Recalculate value" button is shown only to users whom cx_RecalculateCustomer lets call it: a button that
    /// always answers "missing privilege" is worse than none.
    /// </summary>
    public class RibbonTests
    {
        private static readonly RepositoryLayout Layout = RepositoryLayout.Find();

        [Fact]
        public void The_recalculate_button_shows_for_the_privilege_the_custom_api_demands()
        {
            var api = XDocument.Load(Path.Combine(Layout.SolutionSource, "customapis", "cx_RecalculateCustomer", "customapi.xml")).Root;
            var privilege = (string)api.Element("executeprivilegename");
            var ribbon = XDocument.Load(Path.Combine(Layout.SolutionSource, "Entities", "account", "RibbonDiff.xml")).Root;

            var command = ribbon.Descendants("CommandDefinition").Single(c => ((string)c.Attribute("Id")).Contains("RecalculateValue"));
            var ruleIds = command.Element("DisplayRules").Elements("DisplayRule").Select(r => (string)r.Attribute("Id")).ToList();
            var rules = ribbon.Element("RuleDefinitions").Element("DisplayRules").Elements("DisplayRule")
                .Where(r => ruleIds.Contains((string)r.Attribute("Id"))).SelectMany(r => r.Elements("EntityPrivilegeRule"))
                .Select(r => $"prv{(string)r.Attribute("PrivilegeType")}{(string)r.Attribute("EntityName")}");

            Assert.Contains(privilege, rules);
        }
    }
}
