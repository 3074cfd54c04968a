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

    public sealed class Complaint
    {
        public Complaint(DateTime openedOn, bool isOpen)
        {
            OpenedOn = openedOn;
            IsOpen = isOpen;
        }

        public DateTime OpenedOn { get; }
        public bool IsOpen { get; }
    }
}
