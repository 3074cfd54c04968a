using System;
using CrmExtensions.Domain.Loss;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class LossRecordPolicyTests
    {
        private static readonly DateTime Now = Build.AsOf;

        [Theory]
        [InlineData(LossCause.ServiceQuality, LossCauseFamily.OurSide)]
        [InlineData(LossCause.CompetitorPrice, LossCauseFamily.Competitor)]
        [InlineData(LossCause.BusinessClosed, LossCauseFamily.CustomerSide)]
        public void The_cause_decides_its_family(LossCause cause, LossCauseFamily family)
        {
            Assert.Equal(family, LossRecordPolicy.Validate(new LossRecordChange { IsCreate = true, ByUser = true, Cause = cause }, Now));
        }

        [Fact]
        public void A_family_that_contradicts_the_cause_is_refused()
        {
            var error = Assert.Throws<DomainValidationException>(() => LossRecordPolicy.Validate(
                new LossRecordChange { ByUser = true, Cause = LossCause.CompetitorPrice, Family = LossCauseFamily.OurSide }, Now));
            Assert.Equal("The cause 'CompetitorPrice' belongs to the Competitor family, not OurSide: choose a cause of that family or change the family.", error.Message);
        }

        [Fact]
        public void A_user_closing_a_customer_names_at_least_the_family()
        {
            var error = Assert.Throws<DomainValidationException>(() => LossRecordPolicy.Validate(new LossRecordChange { IsCreate = true, ByUser = true }, Now));
            Assert.StartsWith("Closing a customer as lost needs its cause", error.Message);
            Assert.Equal(LossCauseFamily.CustomerSide, LossRecordPolicy.Validate(new LossRecordChange { IsCreate = true, ByUser = true, Family = LossCauseFamily.CustomerSide }, Now));
            Assert.Null(LossRecordPolicy.Validate(new LossRecordChange { IsCreate = true, ByUser = false }, Now)); // detected: the cause comes later
        }

        [Fact]
        public void A_loss_in_the_future_is_refused()
        {
            var error = Assert.Throws<DomainValidationException>(() => LossRecordPolicy.Validate(
                new LossRecordChange { ByUser = true, Family = LossCauseFamily.OurSide, LostOn = Now.AddDays(3) }, Now));
            Assert.Equal("A customer cannot be lost in the future (2026-11-04).", error.Message);
        }

        [Fact]
        public void Only_the_rules_record_a_win_back()
        {
            Assert.Throws<DomainValidationException>(() => LossRecordPolicy.Validate(new LossRecordChange { ByUser = true, SetsOutcome = true, Outcome = WinBackOutcome.WonBack }, Now));
            Assert.Throws<DomainValidationException>(() => LossRecordPolicy.Validate(new LossRecordChange { ByUser = true, SetsRecoveredOn = true }, Now));
            LossRecordPolicy.Validate(new LossRecordChange { ByUser = true, SetsOutcome = true, Outcome = WinBackOutcome.Failed }, Now);
            LossRecordPolicy.Validate(new LossRecordChange { ByUser = false, SetsOutcome = true, Outcome = WinBackOutcome.WonBack, SetsRecoveredOn = true }, Now);
        }

        [Fact]
        public void An_unknown_cause_is_refused_by_number()
        {
            var error = Assert.Throws<DomainValidationException>(() => LossRecordPolicy.Validate(new LossRecordChange { ByUser = true, Cause = (LossCause)42 }, Now));
            Assert.Equal("Loss cause 42 is not one CrmExtensions knows.", error.Message);
        }
    }
}
