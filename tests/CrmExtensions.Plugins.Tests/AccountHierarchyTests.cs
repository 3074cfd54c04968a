using CrmExtensions.Domain.Value;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Plugins.Tests
{
    /// <summary>Parent accounts seen as one customer with their subsidiaries, rolled up by full reads and bulk runs.</summary>
    public class AccountHierarchyTests
    {
        private readonly Org _org = new Org();

        private Entity Account(string name, Entity parent, decimal monthly)
        {
            var account = _org.Account(name);
            if (parent != null) _org.Admin.Update(new Entity(Model.Account.EntityLogicalName, account.Id) { [Model.Account.ParentAccount] = parent.ToEntityReference() });
            if (monthly > 0) _org.OrderHistory(account, monthly, months: 24);
            return account;
        }

        [Fact]
        public void A_parent_rolls_up_its_subsidiaries_at_every_level_and_its_work_follows_the_group_tier()
        {
            var group = Account("Contoso Group", null, 20m);
            var europe = Account("Contoso Europe", group, 5000m);
            Account("Contoso France", europe, 5000m);
            _org.Recalculate(group);

            var row = _org.Reload(group);
            Assert.Equal(3, row.GetAttributeValue<int>(AccountColumns.GroupSize));
            Assert.True(row.GetAttributeValue<Money>(AccountColumns.GroupCurrentValue).Value > 2 * 13000m, row.GetAttributeValue<Money>(AccountColumns.GroupCurrentValue).Value.ToString());
            Assert.Equal(Org.Option(ValueTier.Lead), _org.Tier(group)); // alone it buys next to nothing
            Assert.Equal(Org.Option(ValueTier.Platinum), row.GetAttributeValue<OptionSetValue>(AccountColumns.GroupTier).Value);
            Assert.StartsWith("Most at risk of 3 accounts: ", row.GetAttributeValue<string>(AccountColumns.GroupChurnView));
            Assert.Equal(4 + 1, _org.OpenRetention(group).Length); // the platinum cadence, and meeting the decision maker of the group
            Assert.Null(_org.Reload(europe).GetAttributeValue<OptionSetValue>(AccountColumns.GroupTier)); // rolled up when it is read itself
        }

        [Fact]
        public void A_recalculation_job_rolls_up_every_parent_and_clears_a_group_that_is_gone()
        {
            var group = Account("Group", null, 100m);
            var child = Account("Subsidiary", group, 1000m);
            _org.RunJob(new StartRecalculationRequest { PageSize = 10 });
            Assert.Equal(2, _org.Reload(group).GetAttributeValue<int>(AccountColumns.GroupSize));

            _org.Admin.Update(new Entity(Model.Account.EntityLogicalName, child.Id) { [Model.Account.ParentAccount] = null });
            _org.RunJob(new StartRecalculationRequest { PageSize = 10 });
            var row = _org.Reload(group);
            Assert.False(row.Contains(AccountColumns.GroupSize));
            Assert.False(row.Contains(AccountColumns.GroupTier));
        }

        [Fact]
        public void A_hierarchy_loop_is_counted_once_named_and_ends()
        {
            var a = Account("Alpha", null, 1000m);
            var b = Account("Beta", a, 1000m);
            _org.Admin.Update(new Entity(Model.Account.EntityLogicalName, a.Id) { [Model.Account.ParentAccount] = b.ToEntityReference() });
            _org.Recalculate(a);

            var row = _org.Reload(a);
            Assert.Equal(2, row.GetAttributeValue<int>(AccountColumns.GroupSize));
            Assert.StartsWith("Hierarchy loop: Alpha is both above and below Beta; counted once, correct its parent account.",
                row.GetAttributeValue<string>(AccountColumns.GroupChurnView));
        }

        [Fact]
        public void A_deleted_parent_leaves_its_subsidiaries_standing_alone_and_the_group_above_shrinks()
        {
            var top = Account("Top", null, 100m);
            var middle = Account("Middle", top, 1000m);
            var leaf = Account("Leaf", middle, 1000m);
            _org.Recalculate(top);
            Assert.Equal(3, _org.Reload(top).GetAttributeValue<int>(AccountColumns.GroupSize));

            _org.Admin.Delete(Model.Account.EntityLogicalName, middle.Id);
            _org.Host.ProcessAsyncQueue();
            _org.Recalculate(leaf); // its parent reference points nowhere: it is evaluated on its own
            _org.Recalculate(top);
            Assert.NotNull(_org.Tier(leaf));
            Assert.False(_org.Reload(top).Contains(AccountColumns.GroupSize));
        }
    }
}
