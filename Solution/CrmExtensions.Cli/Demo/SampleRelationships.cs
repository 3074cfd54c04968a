using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Demo
{
    /// <summary>
    /// Seeds who we know at the sample's accounts and what we know of their competitors and losses, as rows that existed
    /// before the solution was imported: contacts with layer and function, completed activities they took part in,
    /// competitors and their presence at accounts, closed opportunities (lost ones naming the winner), and the losses
    /// recorded so far.
    /// </summary>
    public static class SampleRelationships
    {
        private static readonly Dictionary<string, string> PartyList = new Dictionary<string, string>
        {
            ["phonecall"] = "to", ["email"] = "to", ["appointment"] = "requiredattendees",
        };

        public static void Seed(InMemoryDataverse host, SampleDataset data)
        {
            foreach (var c in data.Contacts)
                host.Seed(new Entity(Contact.EntityLogicalName, c.Id)
                {
                    ["lastname"] = c.Name,
                    [Contact.ParentCustomer] = new EntityReference(Account.EntityLogicalName, c.AccountId),
                    [Contact.Layer] = Choice.Option(c.Layer),
                    [Contact.Function] = Choice.Option(c.Function),
                });
            foreach (var a in data.Activities)
                host.Seed(new Entity(a.Kind, a.Id)
                {
                    ["subject"] = "Sample " + a.Kind,
                    [PartyList[a.Kind]] = new EntityCollection(new[]
                    {
                        new Entity(ActivityParty.EntityLogicalName) { [ActivityParty.Party] = new EntityReference(Contact.EntityLogicalName, a.ContactId) },
                    }),
                    [Common.StateCode] = new OptionSetValue(ActivityPointer.StateCompleted),
                    [ActivityPointer.ActualEnd] = a.EndedOn,
                });

            var competitors = data.Competitors.Select(p => p.Competitor).Concat(data.Opportunities.Select(o => o.Competitor)).Where(n => n != null).Distinct().ToDictionary(n => n, n =>
            {
                var row = new Entity(Competitor.EntityLogicalName) { [Competitor.Name] = n };
                host.Seed(row);
                return new EntityReference(Competitor.EntityLogicalName, row.Id) { Name = n };
            });
            foreach (var p in data.Competitors)
                host.Seed(new Entity(CompetitorPresence.EntityLogicalName)
                {
                    [CompetitorPresence.Name] = p.Competitor,
                    [CompetitorPresence.Account] = new EntityReference(Account.EntityLogicalName, p.AccountId),
                    [CompetitorPresence.Competitor] = competitors[p.Competitor],
                    [CompetitorPresence.Products] = p.Products,
                    [CompetitorPresence.Satisfaction] = p.Satisfaction,
                    [CompetitorPresence.Representative] = p.Representative,
                    [CompetitorPresence.Relationship] = Choice.Option<Domain.Competition.CompetitorRelationship>(p.Relationship),
                    [CompetitorPresence.Trend] = Choice.Option<Domain.Competition.CompetitorTrend>(p.Trend),
                    [CompetitorPresence.RecordedOn] = p.RecordedOn,
                });
            foreach (var o in data.Opportunities)
            {
                host.Seed(new Entity(Opportunity.EntityLogicalName, o.Id)
                {
                    ["name"] = "Sample opportunity",
                    [Opportunity.Customer] = new EntityReference(Account.EntityLogicalName, o.AccountId),
                    [Opportunity.StateCode] = new OptionSetValue(o.Won ? Opportunity.StateWon : Opportunity.StateLost),
                });
                host.Seed(new Entity(OpportunityClose.EntityLogicalName)
                {
                    ["subject"] = o.Won ? "Won" : "Lost",
                    [OpportunityClose.Opportunity] = new EntityReference(Opportunity.EntityLogicalName, o.Id),
                    [OpportunityClose.Competitor] = o.Competitor == null ? null : competitors[o.Competitor],
                    [OpportunityClose.ActualEnd] = o.ClosedOn,
                });
            }
            foreach (var l in data.Losses)
                host.Seed(new Entity(CustomerLoss.EntityLogicalName, l.Id)
                {
                    [CustomerLoss.Name] = l.Details,
                    [CustomerLoss.Customer] = new EntityReference(Account.EntityLogicalName, l.AccountId),
                    [CustomerLoss.LostOn] = l.LostOn,
                    [CustomerLoss.Detection] = Choice.Option<LossDetection>(l.Detection),
                    [CustomerLoss.Cause] = Choice.Option(l.Cause),
                    [CustomerLoss.CauseFamily] = Choice.Option(l.Cause.HasValue ? LossCauses.FamilyOf(l.Cause.Value) : l.Family),
                    [CustomerLoss.WinBackOutcome] = Choice.Option(l.WinBack),
                    [CustomerLoss.Details] = l.Details,
                    [CustomerLoss.TierAtLoss] = Choice.Option(l.TierAtLoss),
                    [CustomerLoss.StageAtLoss] = Choice.Option(l.StageAtLoss),
                    [CustomerLoss.PatternAtLoss] = Choice.Option(l.PatternAtLoss),
                });
        }
    }
}
