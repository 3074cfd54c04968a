using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// The views a sales manager asked for, run as shipped (their FetchXML from Solution/src) against an organisation
    /// with customers and retention work on both sides of each filter: each view shows what its name promises.
    /// </summary>
    public class SavedViewTests
    {
        private readonly Org _org = new Org();

        private static string FetchOf(string table, string view)
        {
            var files = Directory.GetFiles(Path.Combine(Org.SolutionSource, "Entities", table, "SavedQueries"), "*.xml");
            var query = files.Select(XDocument.Load).Select(d => d.Root.Element("savedquery"))
                .Single(q => (string)q.Element("LocalizedNames").Element("LocalizedName").Attribute("description") == view);
            return query.Element("fetchxml").Element("fetch").ToString();
        }

        private string[] Run(string table, string view, Guid? user = null, string name = "name") =>
            (user.HasValue ? _org.As(user.Value) : _org.Admin).RetrieveMultiple(new FetchExpression(FetchOf(table, view))).Entities
                .Select(e => e.GetAttributeValue<string>(name)).ToArray();

        private void Customer(string name, TierChoice tier, ChurnRiskBandChoice band, int risk, Guid owner, bool active = true) =>
            _org.Host.Seed(new Entity(Account.EntityLogicalName)
            {
                [Account.Name] = name,
                [CustomerColumns.Tier] = new OptionSetValue((int)tier),
                [CustomerColumns.ChurnRiskBand] = new OptionSetValue((int)band),
                [CustomerColumns.ChurnRisk] = risk,
                [CustomerColumns.CurrentValue] = new Money(1000m * risk),
                [Common.OwnerId] = new EntityReference(SystemUser.EntityLogicalName, owner),
                [Common.StateCode] = new OptionSetValue(active ? 0 : 1),
            });

        private void Work(string table, string subject, int dueInDays, bool retention = true, bool open = true) =>
            _org.Host.Seed(new Entity(table)
            {
                [RetentionActivity.Subject] = subject,
                [RetentionActivity.Key] = retention ? subject : null,
                [RetentionActivity.ScheduledEnd] = Org.Now.AddDays(dueInDays),
                [RetentionActivity.StateCode] = new OptionSetValue(open ? RetentionActivity.StateOpen : RetentionActivity.StateCompleted),
            });

        [Fact]
        public void Platinum_and_gold_at_high_churn_risk_lists_only_active_valuable_customers_at_high_risk_riskiest_first()
        {
            Customer("Contoso", TierChoice.Platinum, ChurnRiskBandChoice.High, 70, _org.Manager);
            Customer("Fabrikam", TierChoice.Gold, ChurnRiskBandChoice.High, 90, _org.Clerk);
            Customer("Litware", TierChoice.Gold, ChurnRiskBandChoice.Medium, 40, _org.Manager);
            Customer("Adatum", TierChoice.Iron, ChurnRiskBandChoice.High, 95, _org.Manager);
            Customer("Northwind", TierChoice.Platinum, ChurnRiskBandChoice.High, 80, _org.Manager, active: false);

            Assert.Equal(new[] { "Fabrikam", "Contoso" }, Run(Account.EntityLogicalName, "Platinum and gold at high churn risk"));
        }

        [Fact]
        public void My_customers_by_tier_shows_the_callers_rated_customers_best_tier_first()
        {
            Customer("Litware", TierChoice.Gold, ChurnRiskBandChoice.Medium, 40, _org.Manager);
            Customer("Contoso", TierChoice.Platinum, ChurnRiskBandChoice.Low, 10, _org.Manager);
            Customer("Fabrikam", TierChoice.Platinum, ChurnRiskBandChoice.High, 90, _org.Clerk);
            _org.Host.Seed(new Entity(Account.EntityLogicalName) { [Account.Name] = "Unrated", [Common.OwnerId] = new EntityReference(SystemUser.EntityLogicalName, _org.Manager) });

            Assert.Equal(new[] { "Contoso", "Litware" }, Run(Account.EntityLogicalName, "My customers by tier", _org.Manager));
            Assert.Equal(new[] { "Fabrikam" }, Run(Account.EntityLogicalName, "My customers by tier", _org.Clerk));
        }

        [Fact]
        public void Tier_changed_in_the_last_30_days_lists_real_tier_moves_of_the_last_30_days_latest_first()
        {
            void Change(string name, int daysAgo, TierChoice? from, TierChoice? to) => _org.Host.Seed(new Entity(CustomerScoreChange.EntityLogicalName)
            {
                [CustomerScoreChange.Name] = name,
                [CustomerScoreChange.TierFrom] = from.HasValue ? new OptionSetValue((int)from.Value) : null,
                [CustomerScoreChange.TierTo] = to.HasValue ? new OptionSetValue((int)to.Value) : null,
                [Common.OverriddenCreatedOn] = Org.Now.AddDays(-daysAgo),
            });
            Change("Gold to platinum last week", 7, TierChoice.Gold, TierChoice.Platinum);
            Change("Iron to lead yesterday", 1, TierChoice.Iron, TierChoice.Lead);
            Change("Gold to iron two months ago", 60, TierChoice.Gold, TierChoice.Iron);
            Change("First placement yesterday", 1, null, TierChoice.Gold);
            Change("Churn band only", 2, null, null);

            Assert.Equal(new[] { "Iron to lead yesterday", "Gold to platinum last week" },
                Run(CustomerScoreChange.EntityLogicalName, "Tier changed in the last 30 days", name: CustomerScoreChange.Name));
        }

        [Theory]
        [InlineData(RetentionActivity.Task)]
        [InlineData(RetentionActivity.PhoneCall)]
        public void Retention_work_due_this_week_and_overdue_split_the_open_retention_activities(string table)
        {
            // Org.Now is Sunday 1 November 2026, 09:00: this week runs to Saturday 7 November.
            Work(table, "Due Thursday", 4);
            Work(table, "Due right now", 0);
            Work(table, "Due next week", 9);
            Work(table, "Overdue since Friday", -2);
            Work(table, "Done, was due Friday", -2, open: false);
            Work(table, "Not retention work", 3, retention: false);
            Work(table, "Not retention, overdue", -3, retention: false);

            Assert.Equal(new[] { "Due right now", "Due Thursday" }, Run(table, "Retention work due this week", name: RetentionActivity.Subject));
            Assert.Equal(new[] { "Overdue since Friday" }, Run(table, "Overdue retention work", name: RetentionActivity.Subject));
        }
    }
}
