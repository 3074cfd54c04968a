using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using CrmExtensions.Dataverse.InMemory.Pipeline;
using CrmExtensions.Dataverse.InMemory.Storage;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>
    /// A fact whose event never reached the ledger (its system job failed for good, e.g. cancelled at the depth limit, or
    /// the step was off during an import) is restored by the next nightly run, started as the shipped flow starts it.
    /// </summary>
    public class NightlyRepairTests
    {
        private readonly Org _org = new Org();

        /// <summary>The request the nightly flow's action for <paramref name="table"/> sends (Solution/src/Workflows).</summary>
        private static StartRecalculationRequest NightlyRequest(string table)
        {
            var flow = Directory.GetFiles(Path.Combine(Org.SolutionSource, "Workflows"), "NightlyCustomerRefresh-*.json").Single();
            using var document = JsonDocument.Parse(File.ReadAllText(flow));
            var actions = document.RootElement.GetProperty("properties").GetProperty("definition").GetProperty("actions").EnumerateObject();
            var parameters = actions.Select(a => a.Value.GetProperty("inputs").GetProperty("parameters"))
                .Single(p => p.GetProperty("item/TableName").GetString() == table);
            var request = new StartRecalculationRequest();
            foreach (var parameter in parameters.EnumerateObject().Where(p => p.Name.StartsWith("item/", StringComparison.Ordinal)))
            {
                var name = parameter.Name.Substring("item/".Length);
                switch (name)
                {
                    case nameof(StartRecalculationRequest.TableName): request.TableName = parameter.Value.GetString(); break;
                    case nameof(StartRecalculationRequest.Name): request.Name = parameter.Value.GetString(); break;
                    case nameof(StartRecalculationRequest.Rebuild): request.Rebuild = parameter.Value.GetBoolean(); break;
                    default: throw new NotSupportedException($"The nightly flow passes {name}, which this test does not map yet.");
                }
            }
            return request;
        }

        [Fact]
        public void The_nightly_run_restores_an_order_whose_event_failed_for_good()
        {
            var account = _org.Account();
            _org.OrderHistory(account, 3000m, months: 12);
            _org.Recalculate(account);
            // The order's evaluation is cancelled each time it writes the customer, as a chain at the depth limit would be.
            _org.Host.FaultInjector = (request, scope) =>
                scope.Depth > 0 && request.RequestName == "Update" && request["Target"] is Entity e && e.LogicalName == Account.EntityLogicalName
                    ? new DataverseFaultException(ErrorCodes.InfiniteLoop, "This workflow job was canceled because the workflow that started it included an infinite loop.")
                    : null;
            var order = Org.PlaceOrder(_org.Admin, account, 9000m, Org.Now.AddDays(-1));
            _org.Host.ProcessAsyncQueue();
            _org.Host.FaultInjector = null;
            // The header is no purchase and writes nothing; the totals' event is the one that fails for good.
            Assert.Equal(AsyncJobStatus.Failed, _org.EvaluationJobs.Last().Status);
            CustomerFactsLedger Ledger() => CustomerFactsLedger.Parse(_org.Reload(account).GetAttributeValue<string>(CustomerColumns.FactsLedger));
            Assert.False(Ledger().Purchases.ContainsKey(order));

            _org.Host.Clock = () => Org.Now.AddDays(1);
            var job = _org.RunJob(NightlyRequest(Account.EntityLogicalName));

            Assert.Equal(1, job.GetAttributeValue<int>(RecalculationJob.Done));
            Assert.True(Ledger().Purchases.ContainsKey(order));
        }
    }
}
