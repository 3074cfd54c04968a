using System;
using System.Globalization;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Purchases;

namespace CrmExtensions.Domain.Relationship
{
    /// <summary>
    /// What kind of relationship a customer wants, and so what effort it deserves. Stored in the cx_relationshiptype choice,
    /// as the option of the same name.
    /// </summary>
    public enum RelationshipType
    {
        /// <summary>Bought once and did not come back.</summary>
        OneTime = 1,

        /// <summary>"T": buys on price and terms, does not want a relationship.</summary>
        Transactional = 2,

        /// <summary>"R": values the relationship, not price-sensitive.</summary>
        Relationship = 3,
    }

    public struct RelationshipTypeAssessment
    {
        public RelationshipTypeAssessment(RelationshipType? type, RelationshipType? derived, bool overridden, string basis)
        {
            Type = type;
            Derived = derived;
            Overridden = overridden;
            Basis = basis;
        }

        /// <summary>The type in force: a user's override, else the derived one; null while it is too early to tell.</summary>
        public RelationshipType? Type { get; }

        /// <summary>What purchase rhythm and price tolerance say.</summary>
        public RelationshipType? Derived { get; }

        /// <summary>A user set the type.</summary>
        public bool Overridden { get; }

        /// <summary>Why, in words: "4 repeat purchases, pays 98% of list price".</summary>
        public string Basis { get; }
    }

    /// <summary>
    /// Derives the relationship type from purchase rhythm and price tolerance: a customer who bought once and has been
    /// silent for longer than lifecycle.overdueIntervals typical intervals is one-time; a repeat buyer with at least
    /// relationshipType.minRepeatPurchases repeats who pays (nearly) list price (price tolerance, the share of list
    /// price paid, at least relationshipType.minPriceTolerance) values the relationship (R); other repeat buyers buy on price and terms (T).
    /// A single purchase within the typical interval is too early to tell. A user's override always wins.
    /// </summary>
    public sealed class RelationshipTypeClassifier
    {
        private readonly CrmExtensionsSettings _settings;
        private readonly PurchaseModel _model;

        public RelationshipTypeClassifier(CrmExtensionsSettings settings, PurchaseModel model)
        {
            _settings = settings;
            _model = model;
        }

        public RelationshipTypeAssessment Classify(PurchaseSummary purchases, DateTime asOf, RelationshipType? userOverride)
        {
            if (purchases == null) throw new DomainValidationException("Purchase summary is required.");
            if (userOverride.HasValue && !Enum.IsDefined(typeof(RelationshipType), userOverride.Value))
                throw new DomainValidationException($"Relationship type {(int)userOverride.Value} is not one-time, transactional or relationship.");
            var derived = Derive(purchases, asOf, out var basis);
            return new RelationshipTypeAssessment(userOverride ?? derived, derived, userOverride.HasValue, basis);
        }

        private RelationshipType? Derive(PurchaseSummary purchases, DateTime asOf, out string basis)
        {
            var rhythm = PurchaseRhythm.Of(purchases, asOf);
            if (!rhythm.HasValue)
            {
                basis = "no purchase yet";
                return null;
            }
            var tolerance = "pays " + Math.Round(purchases.UndiscountedRevenueShare * 100).ToString("0", CultureInfo.InvariantCulture) + "% of list price";
            var repeats = rhythm.Value.RepeatPurchases;
            if (repeats == 0)
            {
                var silent = (int)Math.Round(rhythm.Value.DaysSinceLastPurchase);
                var oneTime = silent > (double)_settings.Lifecycle.OverdueIntervals * _model.TypicalIntervalDays;
                basis = $"one purchase, {silent} days ago";
                return oneTime ? RelationshipType.OneTime : (RelationshipType?)null;
            }
            var type = _settings.RelationshipType;
            basis = $"{repeats} repeat purchase{(repeats == 1 ? "" : "s")}, {tolerance}";
            return repeats >= type.MinRepeatPurchases && purchases.UndiscountedRevenueShare >= type.MinPriceTolerance
                ? RelationshipType.Relationship
                : RelationshipType.Transactional;
        }
    }
}
