using System;

namespace CrmExtensions.Domain.Purchases
{
    public sealed class SurveyResponse
    {
        public SurveyResponse(DateTime answeredOn, decimal score)
        {
            AnsweredOn = answeredOn;
            Score = score;
        }

        public DateTime AnsweredOn { get; }
        public decimal Score { get; }
    }
}
