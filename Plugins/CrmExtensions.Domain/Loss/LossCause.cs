using System.Collections.Generic;

namespace CrmExtensions.Domain.Loss
{
    /// <summary>Whose side a customer was lost on, the three families the method distinguishes. Stored in cx_losscausefamily.</summary>
    public enum LossCauseFamily
    {
        /// <summary>Dissatisfied with our product or service.</summary>
        OurSide = 1,

        /// <summary>A competitor made a better offer.</summary>
        Competitor = 2,

        /// <summary>The customer's own circumstances changed.</summary>
        CustomerSide = 3,
    }

    /// <summary>The detail reason a customer was lost; each belongs to one family. Stored in the cx_losscause choice.</summary>
    public enum LossCause
    {
        ProductQuality = 1,
        ServiceQuality = 2,
        DeliveryProblems = 3,
        NeglectedRelationship = 4,
        CompetitorPrice = 5,
        CompetitorProduct = 6,
        CompetitorRelationship = 7,
        BusinessClosed = 8,
        NeedEnded = 9,
        BudgetCut = 10,
        MergedOrAcquired = 11,
    }

    /// <summary>How a loss was recorded. Stored in the cx_lossdetection choice.</summary>
    public enum LossDetection
    {
        /// <summary>CrmExtensions found no purchase for longer than the loss rule allows.</summary>
        NoPurchase = 1,

        /// <summary>A user closed the customer as lost.</summary>
        ClosedByUser = 2,
    }

    /// <summary>What came of winning a lost customer back. Stored in the cx_winbackoutcome choice.</summary>
    public enum WinBackOutcome
    {
        Attempting = 1,

        /// <summary>The customer bought again after the loss (recorded by CrmExtensions, never by hand).</summary>
        WonBack = 2,

        Failed = 3,

        /// <summary>Decided not to try (e.g. the customer closed its business).</summary>
        NotPursued = 4,
    }

    /// <summary>The family of each detail cause: the one place the method's grouping is written down.</summary>
    public static class LossCauses
    {
        private static readonly Dictionary<LossCause, LossCauseFamily> Families = new Dictionary<LossCause, LossCauseFamily>
        {
            [LossCause.ProductQuality] = LossCauseFamily.OurSide,
            [LossCause.ServiceQuality] = LossCauseFamily.OurSide,
            [LossCause.DeliveryProblems] = LossCauseFamily.OurSide,
            [LossCause.NeglectedRelationship] = LossCauseFamily.OurSide,
            [LossCause.CompetitorPrice] = LossCauseFamily.Competitor,
            [LossCause.CompetitorProduct] = LossCauseFamily.Competitor,
            [LossCause.CompetitorRelationship] = LossCauseFamily.Competitor,
            [LossCause.BusinessClosed] = LossCauseFamily.CustomerSide,
            [LossCause.NeedEnded] = LossCauseFamily.CustomerSide,
            [LossCause.BudgetCut] = LossCauseFamily.CustomerSide,
            [LossCause.MergedOrAcquired] = LossCauseFamily.CustomerSide,
        };

        public static LossCauseFamily FamilyOf(LossCause cause) =>
            Families.TryGetValue(cause, out var family) ? family : throw new DomainValidationException($"Loss cause {(int)cause} is not one CrmExtensions knows.");
    }
}
