using System.Linq;
using CrmExtensions.Domain.Rfm;
using FsCheck.Xunit;
using Xunit;

namespace CrmExtensions.Domain.Tests
{
    public class RfmScorerTests
    {
        private readonly RfmScorer _scorer = new RfmScorer(Build.Settings.Rfm);

        [Theory]
        [InlineData(10, 9, 25000, 5, 4, 4, RfmSegment.Champions)]
        [InlineData(30, 12, 50000, 5, 5, 5, RfmSegment.Champions)]
        [InlineData(31, 1, 999, 4, 1, 1, RfmSegment.NewCustomers)]
        [InlineData(400, 8, 6000, 1, 4, 3, RfmSegment.AtRisk)]
        [InlineData(200, 2, 1000, 2, 2, 2, RfmSegment.Hibernating)]
        [InlineData(100, 5, 2000, 3, 3, 2, RfmSegment.Promising)]
        public void Scores_follow_the_configured_thresholds(int days, int frequency, int monetary, int r, int f, int m, RfmSegment segment)
        {
            var score = _scorer.Score(days, frequency, monetary);
            Assert.Equal(new RfmScore(r, f, m), score);
            Assert.Equal(segment, score.Segment);
        }

        [Fact]
        public void No_purchase_is_the_documented_neutral_R1_F1_M1()
        {
            Assert.Equal("111", _scorer.Score(null, 0, 0).Code);
        }

        [Theory]
        [InlineData(1, -1, 0, "Frequency must not be negative")]
        [InlineData(1, 1, -5, "Monetary value must not be negative")]
        [InlineData(-3, 1, 5, "after the evaluation date")]
        public void A_negative_input_is_rejected_with_a_reason(int days, int frequency, int monetary, string expected)
        {
            Assert.Contains(expected, Assert.Throws<DomainValidationException>(() => _scorer.Score(days, frequency, monetary)).Message);
        }

        [Fact]
        public void Quintiles_split_a_population_into_fifths()
        {
            var population = Enumerable.Range(1, 100).Select(i => new RfmInput(i * 3, i, i * 100m)).ToList();
            var scorer = RfmScorer.FromPopulation(population);
            var scores = population.Select(p => scorer.Score(p.RecencyDays, p.Frequency, p.Monetary)).ToList();
            foreach (var s in Enumerable.Range(1, 5))
            {
                Assert.Equal(20, scores.Count(x => x.Frequency == s));
                Assert.Equal(20, scores.Count(x => x.Monetary == s));
                Assert.Equal(20, scores.Count(x => x.Recency == s));
            }
        }

        [Fact]
        public void Quintiles_with_ties_keep_every_threshold_distinct()
        {
            var population = Enumerable.Range(1, 10).Select(i => new RfmInput(5, 1, 100m)).ToList();
            var scorer = RfmScorer.FromPopulation(population);
            Assert.Equal(scorer.FrequencyThresholds.Distinct().Count(), scorer.FrequencyThresholds.Count);
            Assert.Throws<DomainValidationException>(() => RfmScorer.FromPopulation(population.Take(3).ToList()));
        }

        [Property]
        public bool Scores_stay_within_1_to_5(FsCheck.NonNegativeInt days, FsCheck.NonNegativeInt frequency, FsCheck.NonNegativeInt monetary)
        {
            var s = _scorer.Score(days.Get, frequency.Get, monetary.Get);
            return new[] { s.Recency, s.Frequency, s.Monetary }.All(x => x >= 1 && x <= 5);
        }

        [Property]
        public bool More_recent_more_frequent_and_larger_never_score_lower(FsCheck.NonNegativeInt days, FsCheck.NonNegativeInt frequency, FsCheck.NonNegativeInt monetary, FsCheck.NonNegativeInt delta)
        {
            var a = _scorer.Score(days.Get + delta.Get, frequency.Get, monetary.Get);
            var b = _scorer.Score(days.Get, frequency.Get + delta.Get, monetary.Get + delta.Get);
            return b.Recency >= a.Recency && b.Frequency >= a.Frequency && b.Monetary >= a.Monetary;
        }
    }
}
