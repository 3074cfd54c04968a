// How domain values are stored in choice columns. The choice enums themselves are generated into OptionSets.cs from Solution/src/OptionSets.
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
            [typeof(TriggerKind)] = typeof(ScoreChangeTriggerChoice),
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
