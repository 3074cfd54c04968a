using System;
using System.Diagnostics;
using System.Linq;
using CrmExtensions.Cli;
using CrmExtensions.Dataverse.InMemory;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Benchmarks
{
    /// <summary>
    /// Drives each registered step with a representative event against a customer with two years of orders and reports
    /// the IOrganizationService calls the step makes and the time per event (host work included).
    /// </summary>
    internal static partial class StepCost
    {
        private const int Repeats = 20;

        public static void Run(string solutionSource)
        {
            Console.WriteLine();
            Console.WriteLine($"Cost per event of each registered step ({Repeats} events each; targets ≤ 3 calls, < 5 ms)");
            Console.WriteLine("| step                                                         | mode  | calls/event | ms/event |");
            Console.WriteLine("|--------------------------------------------------------------|-------|-------------|----------|");
            var probe = new InMemoryDataverse(JobScale.AsOf);
            ProductFolders.LoadInto(probe, solutionSource);
            foreach (var step in probe.Steps)
            {
                var org = new Scenario(solutionSource);
                var act = org.EventFor(step);
                act();
                org.Host.ProcessAsyncQueue();
                org.Host.Calls.Reset();
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < Repeats; i++)
                {
                    act();
                    org.Host.ProcessAsyncQueue();
                }
                watch.Stop();
                var calls = org.Host.Calls.FromStep(step.Name) / (double)Repeats;
                var name = step.Name.Replace("CrmExtensions.Plugins.Steps.", "");
                Console.WriteLine($"| {name,-60} | {(step.Mode == StepMode.Synchronous ? "sync" : "async"),-5} | {calls,11:0.0} | {watch.Elapsed.TotalMilliseconds / Repeats,8:0.00} |");
            }
        }

        private sealed partial class Scenario
        {
            private readonly Entity _account;
            private readonly Entity _referrer;
            private readonly Guid _manager;
            private int _n;
            private static readonly TierChoice[] TierChoices = (TierChoice[])Enum.GetValues(typeof(TierChoice));

            public Scenario(string solutionSource)
            {
                Host = new InMemoryDataverse(JobScale.AsOf);
                ProductFolders.LoadInto(Host, solutionSource);
                _manager = Host.AddUser("Manager", Host.BusinessUnitId, ProductRoles.Manager);
                Host.GrantPrivilege(_manager, "prvReadAccount");
                Host.GrantPrivilege(_manager, "prvReadContact");
                Host.AddToFieldSecurityProfile(_manager, CustomerColumnSecurity.ManagerProfile);
                _account = new Entity(Account.EntityLogicalName) { [Account.Name] = "Measured" };
                _referrer = new Entity(Account.EntityLogicalName) { [Account.Name] = "Referrer" };
                Host.Seed(_account, _referrer);
                for (var m = 0; m < 24; m++) Host.Seed(Order(JobScale.AsOf.AddMonths(-m).AddDays(-3)));
                Service.Execute(new RecalculateCustomerRequest { Target = _account.ToEntityReference() });
            }

            public InMemoryDataverse Host { get; }
            private IOrganizationService Service => Host.GetService();

            /// <summary>An order with its totals, as seeded; a client creates the header alone (<see cref="Header"/>) and writes totals by update.</summary>
            private Entity Order(DateTime when, Entity customer = null) => new Entity(SalesOrder.EntityLogicalName)
            {
                [SalesOrder.Customer] = (customer ?? _account).ToEntityReference(),
                [SalesOrder.TotalAmount] = new Money(3000m),
                [SalesOrder.TotalDiscountAmount] = new Money(0m),
                [Common.OverriddenCreatedOn] = when,
            };

            /// <summary>An order's or invoice's header: what a client may send on create (the totals are written by update).</summary>
            private static Entity Header(Entity row)
            {
                row.Attributes.Remove(SalesOrder.TotalAmount);
                row.Attributes.Remove(SalesOrder.TotalDiscountAmount);
                return row;
            }

            /// <summary>A customer the product has evaluated once, so it has a ledger and a retention plan.</summary>
            private Entity Evaluated(Entity customer)
            {
                for (var m = 0; m < 24; m++) Host.Seed(Order(JobScale.AsOf.AddMonths(-m).AddDays(-3), customer));
                // Placed as a client places it: the header, then its totals.
                var order = Order(JobScale.AsOf.AddDays(-1), customer);
                var total = order[SalesOrder.TotalAmount];
                var id = Service.Create(Header(order));
                Service.Update(new Entity(SalesOrder.EntityLogicalName, id) { [SalesOrder.TotalAmount] = total });
                Host.ProcessAsyncQueue();
                return customer;
            }

            private Entity Seeded(Entity row)
            {
                Host.Seed(row);
                return row;
            }

            /// <summary>An invoice migrated with its creation date and its total, as seeded; a client creates the header alone.</summary>
            private Entity Invoice() => new Entity(CrmExtensions.Plugins.Model.Invoice.EntityLogicalName)
            {
                [CrmExtensions.Plugins.Model.Invoice.Customer] = _account.ToEntityReference(),
                [CrmExtensions.Plugins.Model.Invoice.TotalAmount] = new Money(500m),
                [Common.OverriddenCreatedOn] = JobScale.AsOf.AddDays(-2),
            };

            private Entity Case() => new Entity(Incident.EntityLogicalName)
            {
                ["title"] = "Measured complaint",
                [Incident.Customer] = _account.ToEntityReference(),
                [Incident.CaseTypeCode] = new OptionSetValue(Incident.CaseTypeComplaint),
            };

            private Entity Survey() => new Entity(CxSurveyResponse.EntityLogicalName)
            {
                [CxSurveyResponse.Customer] = _account.ToEntityReference(),
                [CxSurveyResponse.Score] = 4m,
                [CxSurveyResponse.AnsweredOn] = JobScale.AsOf.AddDays(-1),
            };

            public Action EventFor(StepRegistration step)
            {
                var table = step.PrimaryEntity;
                switch ((step.Message, table))
                {
                    case ("Create", "account"):
                        return () => Service.Create(new Entity(table) { [CustomerColumns.ReferredBy] = _referrer.ToEntityReference() });
                    case ("Create", "contact"):
                        // A new decision maker at the account: its coverage changes.
                        return () => Service.Create(new Entity(table) { [Contact.ParentCustomer] = _account.ToEntityReference(), [Contact.Layer] = new OptionSetValue(100000003) });
                    case ("Update", "account") when step.FilteringAttributes.Contains(CustomerColumns.RetentionPlan):
                    case ("Update", "contact") when step.FilteringAttributes.Contains(CustomerColumns.RetentionPlan):
                    {
                        // A plan change that moves one activity (what a changed cadence does to an open follow-up).
                        var target = table == "account" ? _account : Evaluated(Seeded(new Entity(table)));
                        return () =>
                        {
                            var plan = RetentionPlan.Parse(Host.Store.Get(table, target.Id).GetAttributeValue<string>(CustomerColumns.RetentionPlan));
                            plan.Materialized = false;
                            var first = plan.Open.Values.OrderBy(a => a.Key).First();
                            first.DueOn = first.DueOn.AddDays(1);
                            Service.Update(new Entity(table, target.Id) { [CustomerColumns.RetentionPlan] = plan.Serialize() });
                        };
                    }
                    case ("Update", "task"):
                    case ("Update", "phonecall"):
                    case ("Delete", "task"):
                    case ("Delete", "phonecall"):
                        // A user completes (or deletes) the customer's open retention activity; the plan schedules the next.
                        return () =>
                        {
                            var plan = RetentionPlan.Parse(Host.Store.Get("account", _account.Id).GetAttributeValue<string>(CustomerColumns.RetentionPlan));
                            var open = plan.Open.Values.First(a => (a.Channel == ActivityChannel.PhoneCall ? "phonecall" : "task") == table);
                            if (step.Message == "Delete") Service.Delete(table, open.Id);
                            else Service.Update(new Entity(table, open.Id) { [RetentionActivity.StateCode] = new OptionSetValue(RetentionActivity.StateCompleted),
                                [RetentionActivity.StatusCode] = new OptionSetValue(table == "task" ? 5 : 2), [RetentionActivity.ActualEnd] = JobScale.AsOf.AddDays(-(_n++ % 2)) });
                        };
                    case ("Update", "account") when step.FilteringAttributes.Contains(CustomerColumns.Tier):
                    case ("Update", "contact") when step.FilteringAttributes.Contains(CustomerColumns.Tier):
                    {
                        var target = table == "account" ? _account : Seeded(new Entity(table));
                        return () => Host.GetService(_manager).Update(new Entity(table, target.Id)
                        {
                            [CustomerColumns.Tier] = new OptionSetValue((int)TierChoices[_n++ % TierChoices.Length]),
                            [CustomerColumns.TierOverride] = true,
                            [CustomerColumns.TierOverrideReason] = "Benchmark override " + _n,
                        });
                    }
                    case ("Update", "account"):
                    {
                        var referred = Seeded(new Entity(table));
                        return () => Service.Update(new Entity(table, referred.Id) { [CustomerColumns.ReferredBy] = _n++ % 2 == 0 ? _referrer.ToEntityReference() : null });
                    }
                    case ("Update", "contact"):
                    {
                        // A contact at the account moves between the operational and the decision layer.
                        var contact = Seeded(new Entity(table) { [Contact.ParentCustomer] = _account.ToEntityReference() });
                        return () => Service.Update(new Entity(table, contact.Id) { [Contact.Layer] = new OptionSetValue(100000001 + 2 * (_n++ % 2)) });
                    }
                    case ("Create", "salesorder"): return () => Service.Create(Header(Order(JobScale.AsOf.AddDays(-1))));
                    case ("Create", "invoice"): return () => Service.Create(Header(Invoice()));
                    case ("Update", "salesorder"):
                    case ("Update", "invoice"):
                    {
                        var row = Seeded(table == "salesorder" ? Order(JobScale.AsOf.AddDays(-4)) : Invoice());
                        return () => Service.Update(new Entity(table, row.Id) { [SalesOrder.TotalAmount] = new Money(1000m + _n++) });
                    }
                    case ("SetState", "salesorder"):
                    case ("SetState", "invoice"):
                    {
                        var row = Seeded(table == "salesorder" ? Order(JobScale.AsOf.AddDays(-4)) : Invoice());
                        // Back and forth between active and the next state, each with its default status (-1).
                        return () => Service.Execute(new SetStateRequest { EntityMoniker = row.ToEntityReference(), State = new OptionSetValue(_n++ % 2), Status = new OptionSetValue(-1) });
                    }
                    case ("Delete", "account"):
                        return () => Service.Delete(table, Seeded(new Entity(table) { [CustomerColumns.ReferredBy] = _referrer.ToEntityReference() }).Id);
                    case ("Delete", "contact"):
                        return () => Service.Delete(table, Seeded(new Entity(table) { [Contact.ParentCustomer] = _account.ToEntityReference() }).Id);
                    case ("Create", "cx_competitorpresence"): return () => Service.Create(Presence());
                    case ("Update", "cx_competitorpresence"):
                    {
                        var row = Seeded(Presence());
                        return () => Service.Update(new Entity(table, row.Id) { [CompetitorPresence.Trend] = new OptionSetValue(100000002 + _n++ % 2) });
                    }
                    case ("Delete", "cx_competitorpresence"): return () => Service.Delete(table, Seeded(Presence()).Id);
                    case ("Create", "cx_customerloss"): return () => Service.Create(Loss());
                    case ("Update", "cx_customerloss"):
                    {
                        var row = Seeded(Loss());
                        // A win-back attempt, then given up, then attempted again.
                        return () => Service.Update(new Entity(table, row.Id) { [CustomerLoss.WinBackOutcome] = new OptionSetValue(100000001 + 2 * (_n++ % 2)) });
                    }
                    case ("Delete", "cx_customerloss"): return () => Service.Delete(table, Seeded(Loss()).Id);
                    case ("Delete", "incident"): return () => Service.Delete(table, Seeded(Case()).Id);
                    case ("Delete", "cx_surveyresponse"): return () => Service.Delete(table, Seeded(Survey()).Id);
                    case ("Delete", "salesorder"):
                    case ("Delete", "invoice"):
                        return () => Service.Delete(table, Seeded(table == "salesorder" ? Order(JobScale.AsOf.AddDays(-5)) : Invoice()).Id);
                    case ("Create", "opportunityclose"):
                        return () =>
                        {
                            var opportunity = Seeded(new Entity(Opportunity.EntityLogicalName) { [Opportunity.Customer] = _account.ToEntityReference() });
                            Service.Execute(new WinOpportunityRequest { OpportunityClose = new Entity(table) { [OpportunityClose.Opportunity] = opportunity.ToEntityReference() },
                                Status = new OptionSetValue(3) });
                        };
                    case ("Create", "incident"): return () => Service.Create(Case());
                    case ("Update", "incident"):
                    {
                        var row = Seeded(Case());
                        return () => Service.Update(new Entity(table, row.Id) { [Incident.CaseTypeCode] = new OptionSetValue(1 + _n++ % 2) });
                    }
                    case ("Create", "incidentresolution"):
                        return () => Service.Execute(new CloseIncidentRequest { IncidentResolution = new Entity(table) { [IncidentResolution.Incident] = Seeded(Case()).ToEntityReference() },
                            Status = new OptionSetValue(5) });
                    case ("Create", "cx_surveyresponse"): return () => Service.Create(Survey());
                    case ("Update", "cx_surveyresponse"):
                    {
                        var row = Seeded(Survey());
                        return () => Service.Update(new Entity(table, row.Id) { [CxSurveyResponse.Score] = 3m + _n++ % 2 });
                    }
                    case ("Create", "cx_recalculationjob"):
                    case ("Create", "cx_recalculationpage"):
                        // A recalculation job over the measured customers: planned into pages, each page evaluated.
                        return () => Service.Execute(new StartRecalculationRequest { Name = "Benchmark " + _n++ });
                    case ("Create", "cx_scorechange"):
                        // A change recorded for the customer while one of its rows has passed the retention period.
                        return () =>
                        {
                            Host.Seed(new Entity(table) { [CustomerScoreChange.Customer] = _account.ToEntityReference(), [Common.OverriddenCreatedOn] = JobScale.AsOf.AddYears(-3) });
                            // As the product records one: with its trigger, the mark of the product's own rows.
                            Service.Create(new Entity(table)
                            {
                                [CustomerScoreChange.Name] = "Measured change " + _n++, [CustomerScoreChange.Customer] = _account.ToEntityReference(),
                                [CustomerScoreChange.Trigger] = new OptionSetValue(Choice.ToOption(Domain.History.TriggerKind.Event)),
                            });
                        };
                    case ("Create", "cx_setting"): return () => Service.Create(new Entity(table) { [Setting.Name] = "Benchmark " + _n++, [Setting.Value] = "{ \"clp\": { \"horizonYears\": 6 } }" });
                    case ("Update", "cx_setting"):
                    {
                        // The admin's row in force: judged with the calibration under it (one read of the rows in force).
                        var row = Seeded(new Entity(table) { [Setting.Name] = Setting.ActiveSettingsName });
                        return () => Service.Update(new Entity(table, row.Id) { [Setting.Value] = "{ \"clp\": { \"horizonYears\": " + (5 + _n++ % 3) + " } }" });
                    }
                    case ("SetState", "cx_setting"):
                    {
                        var row = Seeded(new Entity(table) { [Setting.Name] = "Benchmark draft" });
                        return () => Service.Execute(new SetStateRequest
                        {
                            EntityMoniker = row.ToEntityReference(), State = new OptionSetValue(1 - _n % 2), Status = new OptionSetValue(2 - _n++ % 2),
                        });
                    }
                    default:
                        return SalesProcessOrHistoryEventFor(step);
                }
            }
        }
    }
}
