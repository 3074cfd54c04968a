// Choice (option set) values, as early-bound generation writes them: one enum per global choice of Solution/src/OptionSets,
// its members named after the labels and valued as the options are. The CLI's validate checks them against those files.
using System;
using System.Collections.Generic;
using CrmExtensions.Domain;
using CrmExtensions.Domain.Churn;
using CrmExtensions.Domain.Competition;
using CrmExtensions.Domain.Coverage;
using CrmExtensions.Domain.History;
using CrmExtensions.Domain.Lifecycle;
using CrmExtensions.Domain.Loss;
using CrmExtensions.Domain.Loyalty;
using CrmExtensions.Domain.Relationship;
using CrmExtensions.Domain.Retention;
using CrmExtensions.Domain.Rfm;
using CrmExtensions.Domain.Value;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Model
{
    /// <summary>Names the global choice (Solution/src/OptionSets/&lt;name&gt;.xml) an enum mirrors.</summary>
    [AttributeUsage(AttributeTargets.Enum)]
    public sealed class OptionSetAttribute : Attribute
    {
        public OptionSetAttribute(string name) { Name = name; }

        public string Name { get; }
    }

    [OptionSet("cx_tier")]
    public enum TierChoice
    {
        Platinum = 100000001,
        Gold = 100000002,
        Iron = 100000003,
        Lead = 100000004,
    }

    [OptionSet("cx_rfmsegment")]
    public enum RfmSegmentChoice
    {
        Champions = 100000001,
        Loyal = 100000002,
        Promising = 100000003,
        NewCustomers = 100000004,
        AtRisk = 100000005,
        Hibernating = 100000006,
    }

    [OptionSet("cx_lifecyclestage")]
    public enum LifecycleStageChoice
    {
        Exploration = 100000001,
        Formation = 100000002,
        Stability = 100000003,
        Decline = 100000004,
    }

    [OptionSet("cx_lifecyclepattern")]
    public enum LifecyclePatternChoice
    {
        EarlyAbort = 100000001,
        MidWay = 100000002,
        EarlyExit = 100000003,
        LongLasting = 100000004,
    }

    [OptionSet("cx_loyaltylevel")]
    public enum LoyaltyLevelChoice
    {
        None = 100000000,
        Satisfaction = 100000001,
        Trust = 100000002,
        Behavioural = 100000003,
        Emotional = 100000004,
        Sustainable = 100000005,
    }

    [OptionSet("cx_churnriskband")]
    public enum ChurnRiskBandChoice
    {
        Low = 100000001,
        Medium = 100000002,
        High = 100000003,
    }

    [OptionSet("cx_retentionaction")]
    public enum RetentionActionChoice
    {
        FollowUpCall = 100000001,
        Visit = 100000002,
        SatisfactionSurvey = 100000003,
        LoyaltyOffer = 100000004,
        WinBack = 100000005,
        PlannedExit = 100000006,
        MeetDecisionMaker = 100000007,
    }

    [OptionSet("cx_contactlayer")]
    public enum ContactLayerChoice
    {
        Operational = 100000001,
        Management = 100000002,
        Decision = 100000003,
    }

    [OptionSet("cx_contactfunction")]
    public enum ContactFunctionChoice
    {
        UserDepartment = 100000001,
        Technical = 100000002,
        Finance = 100000003,
    }

    [OptionSet("cx_relationshiptype")]
    public enum RelationshipTypeChoice
    {
        OneTime = 100000001,
        Transactional = 100000002,
        Relationship = 100000003,
    }

    [OptionSet("cx_competitortrend")]
    public enum CompetitorTrendChoice
    {
        LosingGround = 100000001,
        Holding = 100000002,
        GainingGround = 100000003,
    }

    [OptionSet("cx_competitorrelationship")]
    public enum CompetitorRelationshipChoice
    {
        Weak = 100000001,
        Moderate = 100000002,
        Strong = 100000003,
    }

    [OptionSet("cx_lossdetection")]
    public enum LossDetectionChoice
    {
        NoPurchase = 100000001,
        ClosedByUser = 100000002,
    }

    [OptionSet("cx_losscausefamily")]
    public enum LossCauseFamilyChoice
    {
        OurSide = 100000001,
        Competitor = 100000002,
        CustomerSide = 100000003,
    }

    [OptionSet("cx_losscause")]
    public enum LossCauseChoice
    {
        ProductQuality = 100000001,
        ServiceQuality = 100000002,
        DeliveryProblems = 100000003,
        NeglectedRelationship = 100000004,
        CompetitorPrice = 100000005,
        CompetitorProduct = 100000006,
        CompetitorRelationship = 100000007,
        BusinessClosed = 100000008,
        NeedEnded = 100000009,
        BudgetCut = 100000010,
        MergedOrAcquired = 100000011,
    }

    [OptionSet("cx_winbackoutcome")]
    public enum WinBackOutcomeChoice
    {
        Attempting = 100000001,
        WonBack = 100000002,
        Failed = 100000003,
        NotPursued = 100000004,
    }

    [OptionSet("cx_recalculationscope")]
    public enum RecalculationScopeChoice
    {
        Accounts = 100000001,
        Contacts = 100000002,
    }

    [OptionSet("cx_recalculationstatus")]
    public enum RecalculationStatusChoice
    {
        Queued = 100000001,
        Running = 100000002,
        Completed = 100000003,
        CompletedWithFailures = 100000004,
        Failed = 100000005,
    }

    [OptionSet("cx_scoretrigger")]
    public enum ScoreTriggerChoice
    {
        Event = 100000001,
        Recalculation = 100000002,
        Job = 100000003,
        Override = 100000004,
        DirectEdit = 100000005,
    }

    /// <summary>
    /// Stores domain values in choice columns: each domain enum is stored through the choice enum above whose member has
    /// the same name, so the numbers come from the option sets and never from the domain's own numbering.
    /// </summary>
    public static class Choice
    {
        /// <summary>The publisher's option value prefix (10000 → 100000000): the first value a custom option can take.</summary>
        public const int OptionBase = 100000000;

        /// <summary>The choice that stores each domain enum.</summary>
        public static readonly IReadOnlyDictionary<Type, Type> ChoiceOf = new Dictionary<Type, Type>
        {
            [typeof(ValueTier)] = typeof(TierChoice),
            [typeof(RfmSegment)] = typeof(RfmSegmentChoice),
            [typeof(LifecycleStage)] = typeof(LifecycleStageChoice),
            [typeof(LifecyclePattern)] = typeof(LifecyclePatternChoice),
            [typeof(LoyaltyLevel)] = typeof(LoyaltyLevelChoice),
            [typeof(ChurnRiskBand)] = typeof(ChurnRiskBandChoice),
            [typeof(RetentionActionKind)] = typeof(RetentionActionChoice),
            [typeof(ContactLayer)] = typeof(ContactLayerChoice),
            [typeof(ContactFunction)] = typeof(ContactFunctionChoice),
            [typeof(RelationshipType)] = typeof(RelationshipTypeChoice),
            [typeof(CompetitorTrend)] = typeof(CompetitorTrendChoice),
            [typeof(CompetitorRelationship)] = typeof(CompetitorRelationshipChoice),
            [typeof(LossDetection)] = typeof(LossDetectionChoice),
            [typeof(LossCauseFamily)] = typeof(LossCauseFamilyChoice),
            [typeof(LossCause)] = typeof(LossCauseChoice),
            [typeof(WinBackOutcome)] = typeof(WinBackOutcomeChoice),
            [typeof(TriggerKind)] = typeof(ScoreTriggerChoice),
        };

        public static int ToOption<TEnum>(TEnum value) where TEnum : struct =>
            Map<TEnum>.Options.TryGetValue(value, out var option)
                ? option
                : throw new DomainValidationException($"{typeof(TEnum).Name}.{value} has no choice value in {OptionSetName(typeof(TEnum))}.");

        public static TEnum FromOption<TEnum>(int option) where TEnum : struct =>
            TryFromOption<TEnum>(option, out var value)
                ? value
                : throw new DomainValidationException($"{option} is not a known {typeof(TEnum).Name} choice value " +
                    $"(the options of {OptionSetName(typeof(TEnum))} are {string.Join(", ", Map<TEnum>.Values.Keys)}).");

        public static bool TryFromOption<TEnum>(int option, out TEnum value) where TEnum : struct => Map<TEnum>.Values.TryGetValue(option, out value);

        /// <summary>A choice column's domain value; null when empty or an option this version does not know (a customizer may add one).</summary>
        public static TEnum? Known<TEnum>(OptionSetValue option) where TEnum : struct =>
            option != null && TryFromOption<TEnum>(option.Value, out var value) ? value : (TEnum?)null;

        /// <summary>The option of a domain value, or null.</summary>
        public static OptionSetValue Option<TEnum>(TEnum? value) where TEnum : struct => value.HasValue ? new OptionSetValue(ToOption(value.Value)) : null;

        private static string OptionSetName(Type domainEnum) =>
            ChoiceOf.TryGetValue(domainEnum, out var choice) ? ((OptionSetAttribute)Attribute.GetCustomAttribute(choice, typeof(OptionSetAttribute))).Name : "no choice";

        /// <summary>Both directions for one domain enum, built once from the member names the two enums share.</summary>
        private static class Map<TEnum> where TEnum : struct
        {
            public static readonly Dictionary<TEnum, int> Options = new Dictionary<TEnum, int>();
            public static readonly SortedDictionary<int, TEnum> Values = new SortedDictionary<int, TEnum>();

            static Map()
            {
                if (!ChoiceOf.TryGetValue(typeof(TEnum), out var choice)) return;
                foreach (TEnum value in Enum.GetValues(typeof(TEnum)))
                {
                    var name = value.ToString();
                    if (!Enum.IsDefined(choice, name)) continue;
                    var option = Convert.ToInt32(Enum.Parse(choice, name), System.Globalization.CultureInfo.InvariantCulture);
                    Options[value] = option;
                    Values[option] = value;
                }
            }
        }
    }
}
