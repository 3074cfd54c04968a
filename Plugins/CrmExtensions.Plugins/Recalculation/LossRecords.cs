using System;
using System.Collections.Generic;
using System.Globalization;
using CrmExtensions.Domain.Evaluation;
using CrmExtensions.Domain.Ledger;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace CrmExtensions.Plugins.Recalculation
{
    /// <summary>
    /// What an evaluation records about losses, decided without a call: a loss the rules detected is written (upserted
    /// under its name-based id, so a retry or a second evaluation cannot create it twice) with the tier, stage and warning signs at
    /// the time and the cause family they suggest; a lost customer's first purchase after the loss records it as won
    /// back. The ledger takes the same facts at once, so the next evaluation does not detect the loss again.
    /// </summary>
    public static class LossRecords
    {
        /// <summary>The writes; <paramref name="standing"/> is the customer's evaluation as of its last purchase (a detected loss is analysed by it).</summary>
        public static IEnumerable<OrganizationRequest> Requests(CustomerSnapshot snapshot, CustomerAssessment assessment, CustomerAssessment standing, DateTime asOf)
        {
            var loss = assessment.Loss;
            var detected = loss.Detected;
            if (detected != null)
            {
                var atLoss = standing ?? assessment;
                snapshot.Ledger.Losses.Put(detected.Id, new LossEntry
                {
                    LostOn = detected.LostOn, Detection = LossDetection.NoPurchase, Family = detected.SuggestedFamily, TierAtLoss = atLoss.Tier, Changed = asOf,
                });
                var details = $"No purchase for {detected.SilentDays} days. Warning signs at the time: " + (detected.Evidence.Length == 0 ? "none" : detected.Evidence);
                // Upserted under its name-based id: a retried evaluation (whose customer write never happened) writes the same row.
                yield return new UpsertRequest
                {
                    Target = new Entity(CustomerLoss.EntityLogicalName, detected.Id)
                    {
                        [CustomerLoss.Name] = "No purchase since " + detected.LastPurchaseOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        [CustomerLoss.Customer] = snapshot.Customer,
                        [CustomerLoss.LostOn] = detected.LostOn,
                        [CustomerLoss.Detection] = Choice.Option<LossDetection>(LossDetection.NoPurchase),
                        [CustomerLoss.CauseFamily] = Choice.Option(detected.SuggestedFamily),
                        [CustomerLoss.Details] = ColumnText.Fit(details, CustomerLoss.DetailsMaxLength),
                        [CustomerLoss.TierAtLoss] = Choice.Option<Domain.Value.ValueTier>(atLoss.Tier),
                        [CustomerLoss.StageAtLoss] = Choice.Option<Domain.Lifecycle.LifecycleStage>(atLoss.Lifecycle.Stage),
                        [CustomerLoss.PatternAtLoss] = Choice.Option(assessment.Lifecycle.Pattern),
                        [CustomerLoss.LastPurchaseOn] = detected.LastPurchaseOn,
                    },
                };
            }
            foreach (var back in loss.Recovered)
            {
                if (snapshot.Ledger.Losses.TryGetValue(back.Id, out var entry))
                {
                    entry.Outcome = WinBackOutcome.WonBack;
                    entry.RecoveredOn = back.RecoveredOn;
                    entry.Changed = asOf;
                }
                yield return new UpdateRequest
                {
                    Target = new Entity(CustomerLoss.EntityLogicalName, back.Id)
                    {
                        [CustomerLoss.WinBackOutcome] = Choice.Option<WinBackOutcome>(WinBackOutcome.WonBack),
                        [CustomerLoss.RecoveredOn] = back.RecoveredOn,
                        [CustomerLoss.DaysToRecovery] = (int)Math.Max(0, (back.RecoveredOn.Value - back.LostOn).TotalDays),
                    },
                };
            }
        }
    }
}
