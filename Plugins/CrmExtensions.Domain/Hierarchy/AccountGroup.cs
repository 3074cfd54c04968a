using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Domain.Value;

namespace CrmExtensions.Domain.Hierarchy
{
    /// <summary>How a parent's value rolls up its subsidiaries.</summary>
    public enum GroupValueRollup
    {
        /// <summary>The group's value is the sum of its accounts' values: it buys as one customer.</summary>
        Sum = 1,

        /// <summary>The parent keeps its own value; only the churn view rolls up.</summary>
        ParentOnly = 2,
    }

    /// <summary>How a parent's churn view rolls up its subsidiaries.</summary>
    public enum GroupChurnRollup
    {
        /// <summary>The group is as much at risk as its most endangered account.</summary>
        Worst = 1,

        /// <summary>The share of the group's current value at risk: each account's risk weighted by its current value.</summary>
        ValueWeighted = 2,
    }

    /// <summary>One account of a hierarchy with its own evaluation.</summary>
    public sealed class GroupMember
    {
        public GroupMember(Guid id, Guid? parentId, string name, decimal currentValue, decimal growthPotential, decimal lifetimeProfit, int churnScore, string churnReasons)
        {
            Id = id;
            ParentId = parentId;
            Name = string.IsNullOrWhiteSpace(name) ? id.ToString() : name;
            CurrentValue = currentValue;
            GrowthPotential = growthPotential;
            LifetimeProfit = lifetimeProfit;
            ChurnScore = churnScore;
            ChurnReasons = churnReasons;
        }

        public Guid Id { get; }
        public Guid? ParentId { get; }
        public string Name { get; }
        public decimal CurrentValue { get; }
        public decimal GrowthPotential { get; }
        public decimal LifetimeProfit { get; }
        public int ChurnScore { get; }
        public string ChurnReasons { get; }
    }

    /// <summary>A parent account seen as one customer with its subsidiaries.</summary>
    public sealed class AccountGroupAssessment
    {
        public AccountGroupAssessment(int size, decimal currentValue, decimal growthPotential, decimal lifetimeProfit, ValueTier tier, int churnScore, string churnView)
        {
            Size = size;
            CurrentValue = currentValue;
            GrowthPotential = growthPotential;
            LifetimeProfit = lifetimeProfit;
            Tier = tier;
            ChurnScore = churnScore;
            ChurnView = churnView;
        }

        /// <summary>Accounts in the group, the parent included.</summary>
        public int Size { get; }

        public decimal CurrentValue { get; }
        public decimal GrowthPotential { get; }
        public decimal LifetimeProfit { get; }

        /// <summary>The group's place in the value matrix: the tier the parent's relationship work follows.</summary>
        public ValueTier Tier { get; }

        public int ChurnScore { get; }

        /// <summary>Why, in words, with any hierarchy problem found (a loop, a hierarchy deeper than hierarchy.maxDepth).</summary>
        public string ChurnView { get; }
    }

    /// <summary>
    /// Rolls a parent account's subsidiaries up into it, so a key account with ten subsidiaries is seen as one customer
    /// where that is how it buys: values summed (hierarchy.value), the churn view the worst account's or the value-weighted
    /// risk (hierarchy.churn), the tier placed by the value matrix on the group's values. The subsidiaries are found by
    /// walking down from the parent; an account met twice (a hierarchy loop) is counted once and named, and levels below
    /// hierarchy.maxDepth are named, not counted, so a bad hierarchy can never make the roll-up run away.
    /// </summary>
    public sealed class AccountGroupRollup
    {
        private readonly HierarchySettings _settings;
        private readonly CustomerValueMatrix _matrix;

        public AccountGroupRollup(CrmExtensionsSettings settings)
        {
            _settings = settings.Hierarchy;
            _matrix = CustomerValueMatrix.From(settings);
        }

        /// <summary>Null when the parent has no subsidiaries (it is not a group).</summary>
        public AccountGroupAssessment Roll(GroupMember parent, IReadOnlyCollection<GroupMember> descendants, ValueTier ownTier, ValueTier? previousGroupTier)
        {
            if (parent == null) throw new DomainValidationException("A group roll-up needs its parent account.");
            // Structure from the rows as read (the parent's own row among them when a loop leads back to it), values of the
            // parent from its fresh evaluation.
            var children = (descendants ?? Array.Empty<GroupMember>()).Where(d => d != null && d.ParentId.HasValue)
                .GroupBy(d => d.ParentId.Value).ToDictionary(g => g.Key, g => g.OrderBy(d => d.Id).ToList());
            var members = new List<GroupMember> { parent };
            var seen = new HashSet<Guid> { parent.Id };
            var notes = new List<string>();
            var frontier = new List<GroupMember> { parent };
            for (var depth = 1; frontier.Count > 0; depth++)
            {
                var next = new List<GroupMember>();
                foreach (var above in frontier)
                {
                    if (!children.TryGetValue(above.Id, out var below)) continue;
                    if (depth > _settings.MaxDepth)
                    {
                        notes.Add($"accounts below {above.Name} are more than {_settings.MaxDepth} levels down and not rolled up");
                        continue;
                    }
                    foreach (var child in below)
                    {
                        if (seen.Add(child.Id)) next.Add(child);
                        else notes.Add($"hierarchy loop: {child.Name} is both above and below {above.Name}; counted once, correct its parent account");
                    }
                }
                members.AddRange(next);
                frontier = next;
            }
            if (members.Count == 1) return null;

            var sum = _settings.Value == GroupValueRollup.Sum;
            var current = sum ? members.Sum(m => m.CurrentValue) : parent.CurrentValue;
            var potential = sum ? members.Sum(m => m.GrowthPotential) : parent.GrowthPotential;
            var profit = sum ? members.Sum(m => m.LifetimeProfit) : parent.LifetimeProfit;
            var tier = sum ? _matrix.Classify(current, potential, previousGroupTier) : ownTier;

            var worst = members.OrderByDescending(m => m.ChurnScore).ThenBy(m => m.Name, StringComparer.Ordinal).First();
            int score;
            string view;
            if (_settings.Churn == GroupChurnRollup.Worst)
            {
                score = worst.ChurnScore;
                view = $"Most at risk of {members.Count} accounts: {worst.Name} ({worst.ChurnScore})";
            }
            else
            {
                var value = members.Sum(m => Math.Max(0m, m.CurrentValue));
                score = value <= 0 ? worst.ChurnScore : (int)Math.Round(members.Sum(m => Math.Max(0m, m.CurrentValue) * m.ChurnScore) / value, MidpointRounding.AwayFromZero);
                view = $"{score}% of the group's current value at risk across {members.Count} accounts; most at risk: {worst.Name} ({worst.ChurnScore})";
            }
            if (!string.IsNullOrEmpty(worst.ChurnReasons)) view += ": " + worst.ChurnReasons;
            if (notes.Count > 0) view = string.Join("; ", notes.Distinct().Select(Capitalised)) + ". " + view;
            return new AccountGroupAssessment(members.Count, current, potential, profit, tier, score, view);
        }

        private static string Capitalised(string text) => char.ToUpper(text[0], CultureInfo.InvariantCulture) + text.Substring(1);
    }
}
