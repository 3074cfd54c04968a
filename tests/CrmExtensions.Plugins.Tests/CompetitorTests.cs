using CrmExtensions.Domain.Competition;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>Competitor intelligence through the registered steps: recorded presences and opportunities lost to competitors.</summary>
    public class CompetitorTests
    {
        private readonly Org _org = new Org();
        private readonly Entity _account;
        private readonly EntityReference _fabrikam;

        public CompetitorTests()
        {
            // A monthly buyer silent for four months: its purchases leave room for doubt, which a competitor adds to.
            _account = _org.Account("Contested");
            _org.OrderHistory(_account, 1000m, months: 24, skipRecentMonths: 4);
            _org.Recalculate(_account);
            var competitor = new Entity(Competitor.EntityLogicalName) { [Competitor.Name] = "Fabrikam" };
            _org.Host.Seed(competitor);
            _fabrikam = new EntityReference(Competitor.EntityLogicalName, competitor.Id) { Name = "Fabrikam" };
        }

        private string Reasons() => _org.Reload(_account).GetAttributeValue<string>(CustomerColumns.ChurnReasons) ?? "";

        [Fact]
        public void A_competitor_recorded_as_gaining_ground_raises_churn_risk_with_what_we_know()
        {
            var before = _org.Reload(_account).GetAttributeValue<int>(CustomerColumns.ChurnRisk);
            var presence = new Entity(CompetitorPresence.EntityLogicalName)
            {
                [CompetitorPresence.Name] = "Fabrikam at Contested",
                [CompetitorPresence.Account] = _account.ToEntityReference(),
                [CompetitorPresence.Competitor] = _fabrikam,
                [CompetitorPresence.Products] = "ERP suite",
                [CompetitorPresence.Satisfaction] = 4,
                [CompetitorPresence.Representative] = "Jane Roe",
                [CompetitorPresence.Relationship] = new OptionSetValue(Org.Option(CompetitorRelationship.Strong)),
                [CompetitorPresence.Trend] = new OptionSetValue(Org.Option(CompetitorTrend.Holding)),
                [CompetitorPresence.RecordedOn] = Org.Now.AddDays(-10),
            };
            presence.Id = _org.Admin.Create(presence);
            _org.Host.ProcessAsyncQueue();
            Assert.DoesNotContain("Competitor", Reasons()); // holding its ground: no warning

            _org.Admin.Update(new Entity(CompetitorPresence.EntityLogicalName, presence.Id)
            {
                [CompetitorPresence.Trend] = new OptionSetValue(Org.Option(CompetitorTrend.GainingGround)),
            });
            _org.Host.ProcessAsyncQueue();
            Assert.Contains("Competitor gaining ground: Fabrikam (recorded 2026-10-22; uses ERP suite; satisfaction with their products 4 of 5; "
                + "their representative Jane Roe has a strong relationship)", Reasons());
            Assert.True(_org.Reload(_account).GetAttributeValue<int>(CustomerColumns.ChurnRisk) > before);

            _org.Admin.Delete(CompetitorPresence.EntityLogicalName, presence.Id);
            _org.Host.ProcessAsyncQueue();
            Assert.DoesNotContain("Competitor", Reasons());
        }

        [Fact]
        public void An_opportunity_lost_to_a_competitor_is_a_reason_from_the_event_and_from_a_full_read()
        {
            var opportunity = new Entity(Opportunity.EntityLogicalName)
            {
                ["name"] = "Renewal",
                [Opportunity.Customer] = _account.ToEntityReference(),
                [Opportunity.StateCode] = new OptionSetValue(Opportunity.StateLost),
            };
            _org.Host.Seed(opportunity);
            _org.Admin.Create(new Entity(OpportunityClose.EntityLogicalName)
            {
                ["subject"] = "Lost to Fabrikam",
                [OpportunityClose.Opportunity] = opportunity.ToEntityReference(),
                [OpportunityClose.Competitor] = _fabrikam,
                [OpportunityClose.ActualEnd] = Org.Now.AddDays(-2),
            });
            _org.Host.ProcessAsyncQueue();
            const string expected = "Lost 1 opportunity to competitors in the last 365 days: Fabrikam (2026-10-30)";
            Assert.Contains(expected, Reasons());

            _org.Recalculate(_account); // the full read finds the same
            Assert.Contains(expected, Reasons());
        }
    }
}
