using System;
using System.Linq;
using CrmExtensions.Domain.Purchases;
using CrmExtensions.Domain.Relationship;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class RelationshipTypeClassifierTests
    {
        private static readonly DateTime AsOf = Build.AsOf;
        private readonly RelationshipTypeClassifier _types = new RelationshipTypeClassifier(Build.Settings, new PurchaseModel(Build.Settings.PurchaseModel));

        /// <summary>Purchases every <paramref name="every"/> days, the last <paramref name="lastDaysAgo"/> days ago, those marked discounted by 300 on 1,000.</summary>
        private static PurchaseSummary Bought(int count, int every, int lastDaysAgo, Func<int, bool> discounted = null) =>
            new PurchaseSummaryBuilder(Build.Settings).Build(Enumerable.Range(0, count).Select(i =>
                new PurchaseLine(AsOf.AddDays(-lastDaysAgo - every * i), 1000m, discount: discounted != null && discounted(i) ? 300m : 0m)), AsOf);

        [Fact]
        public void A_regular_buyer_at_list_price_is_a_relationship_customer()
        {
            var type = _types.Classify(Bought(6, 60, 20), AsOf, null);
            Assert.Equal(RelationshipType.Relationship, type.Type);
            Assert.Equal("5 repeat purchases, pays 100% of list price", type.Basis);
            Assert.False(type.Overridden);
        }

        [Fact]
        public void A_repeat_buyer_who_buys_on_discount_is_transactional()
        {
            var type = _types.Classify(Bought(6, 60, 20, i => i % 2 == 0), AsOf, null);
            Assert.Equal(RelationshipType.Transactional, type.Type);
            Assert.Equal("5 repeat purchases, pays 87% of list price", type.Basis);
        }

        [Fact]
        public void Too_few_repeats_are_transactional_even_at_list_price()
        {
            Assert.Equal(RelationshipType.Transactional, _types.Classify(Bought(2, 60, 20), AsOf, null).Type);
        }

        [Theory]
        [InlineData(100, null)]
        [InlineData(800, RelationshipType.OneTime)]
        public void A_single_purchase_is_one_time_only_once_the_customer_stayed_away(int daysAgo, RelationshipType? expected)
        {
            // The prior's typical interval is 365 days; lifecycle.overdueIntervals is 2.
            Assert.Equal(expected, _types.Classify(Bought(1, 0, daysAgo), AsOf, null).Type);
        }

        [Fact]
        public void A_users_override_wins_and_the_derived_type_stays_visible()
        {
            var type = _types.Classify(Bought(6, 60, 20), AsOf, RelationshipType.Transactional);
            Assert.Equal(RelationshipType.Transactional, type.Type);
            Assert.Equal(RelationshipType.Relationship, type.Derived);
            Assert.True(type.Overridden);
        }

        [Fact]
        public void An_unknown_override_is_refused()
        {
            var error = Assert.Throws<DomainValidationException>(() => _types.Classify(Bought(2, 30, 5), AsOf, (RelationshipType)7));
            Assert.Contains("Relationship type 7 is not one-time, transactional or relationship", error.Message);
        }
    }
}
