using System;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Xunit;

namespace CrmExtensions.Dataverse.InMemory.Tests
{
    /// <summary>What the host refuses in a written row, judged by the solution's Entity.xml and Microsoft's standard table reference.</summary>
    public class WriteRulesTests
    {
        private readonly InMemoryDataverse _host = StrictOrg.New();
        private IOrganizationService Service => _host.GetService();

        private static int Refused(Action write) => Assert.Throws<DataverseFaultException>(write).ErrorCode;

        private Guid Account(string name = "Contoso") => Service.Create(new Entity("account") { ["name"] = name });

        [NeedsStandardReferenceFact]
        public void A_column_the_table_does_not_have_is_refused_on_create_and_update()
        {
            Assert.Equal(ErrorCodes.QueryBuilderNoAttribute, Refused(() => Service.Create(new Entity("account") { ["name"] = "A", ["cx_nosuchcolumn"] = "x" })));
            var id = Account();
            var error = Assert.Throws<DataverseFaultException>(() => Service.Update(new Entity("account", id) { ["cx_nosuchcolumn"] = "x" }));
            Assert.Equal("'account' entity doesn't contain attribute with Name = 'cx_nosuchcolumn' and NameMapping = 'Logical'.", error.Message);
            Service.Update(new Entity("account", id) { ["description"] = "a column every account has" });
        }

        [NeedsStandardReferenceFact]
        public void A_table_nobody_describes_is_refused()
        {
            Assert.Equal(ErrorCodes.QueryBuilderNoEntity, Refused(() => Service.Create(new Entity("new_nosuchtable") { ["new_name"] = "x" })));
            Service.Create(new Entity("appointment") { ["subject"] = "An activity table every org has, though the reference lacks it" });
        }

        [NeedsStandardReferenceFact]
        public void A_value_of_the_wrong_type_is_refused()
        {
            var error = Assert.Throws<DataverseFaultException>(() => Service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = "1000" }));
            Assert.Equal(ErrorCodes.IncorrectAttributeValueType, error.ErrorCode);
            Assert.Contains("Expected: Microsoft.Xrm.Sdk.Money, Found: System.String", error.Message);
            Assert.Equal(ErrorCodes.IncorrectAttributeValueType, Refused(() => Service.Create(new Entity("account") { ["name"] = "A", ["numberofemployees"] = 5L })));
            Service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = new Money(1000m), ["numberofemployees"] = 5 });
        }

        [NeedsStandardReferenceFact]
        public void Text_past_the_columns_length_is_refused()
        {
            var error = Assert.Throws<DataverseFaultException>(() => Account(new string('x', 161)));
            Assert.Equal(ErrorCodes.StringLengthTooLong, error.ErrorCode);
            Assert.Contains("'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'", error.Message);
            Account(new string('x', 160));
        }

        [NeedsStandardReferenceFact]
        public void An_option_the_choice_does_not_have_is_refused()
        {
            var id = Account();
            Assert.Equal(ErrorCodes.PicklistValueOutOfRange, Refused(() => Service.Update(new Entity("account", id) { ["cx_tier"] = new OptionSetValue(99) })));
            Assert.Equal(ErrorCodes.PicklistValueOutOfRange, Refused(() => Service.Create(new Entity("incident") { ["title"] = "T", ["casetypecode"] = new OptionSetValue(99) })));
            Service.Update(new Entity("account", id) { ["cx_tier"] = new OptionSetValue(100000002) });
            Service.Create(new Entity("incident") { ["title"] = "T", ["casetypecode"] = new OptionSetValue(2) });
        }

        [NeedsStandardReferenceFact]
        public void A_number_outside_the_columns_range_is_refused()
        {
            Assert.Equal(ErrorCodes.IntegerValueOutOfRange, Refused(() => Service.Create(new Entity("account") { ["name"] = "A", ["numberofemployees"] = -1 })));
            Assert.Equal(ErrorCodes.MoneySizeExceeded, Refused(() => Service.Create(new Entity("account") { ["name"] = "A", ["revenue"] = new Money(-5m) })));
            Assert.Equal(ErrorCodes.DecimalValueOutOfRange, Refused(() => Service.Create(new Entity("account") { ["name"] = "A", ["address1_latitude"] = 91d })));
            Service.Create(new Entity("account") { ["name"] = "A", ["numberofemployees"] = 0, ["revenue"] = new Money(0m), ["address1_latitude"] = 90d });
        }

        [NeedsStandardReferenceFact]
        public void Columns_only_the_platform_writes_are_refused_to_every_client()
        {
            Assert.Equal(ErrorCodes.NotValidForCreate, Refused(() => Service.Create(new Entity("salesorder") { ["name"] = "O", ["totalamount_base"] = new Money(1m) })));
            Assert.Equal(ErrorCodes.NotValidForCreate, Refused(() => Service.Create(new Entity("account") { ["name"] = "A", ["createdon"] = StrictOrg.Now })));
            Assert.Equal(ErrorCodes.NotValidForCreate, Refused(() => Service.Create(new Entity("account") { ["name"] = "A", ["exchangerate"] = 1m })));
            // Totals are calculated on create and may be written afterwards; a state is set by a state change, not on create.
            Assert.Equal(ErrorCodes.NotValidForCreate, Refused(() => Service.Create(new Entity("salesorder") { ["name"] = "O", ["totalamount"] = new Money(1m) })));
            Assert.Equal(ErrorCodes.NotValidForCreate, Refused(() => Service.Create(new Entity("task") { ["subject"] = "T", ["statecode"] = new OptionSetValue(1) })));
            var order = Service.Create(new Entity("salesorder") { ["name"] = "O" });
            Assert.Equal(ErrorCodes.NotValidForUpdate, Refused(() => Service.Update(new Entity("salesorder", order) { ["totalamount_base"] = new Money(1m) })));
            var currency = new EntityReference("transactioncurrency", _host.BaseCurrencyId);
            Assert.Equal(ErrorCodes.NotValidForUpdate, Refused(() => Service.Update(new Entity("salesorder", order) { ["transactioncurrencyid"] = currency })));
            Service.Update(new Entity("salesorder", order) { ["totalamount"] = new Money(1m) });
            // A seeded row stands for one created and later updated: a total is fine, a created-on date is not (overriddencreatedon is).
            _host.Seed(new Entity("salesorder") { ["name"] = "Migrated", ["totalamount"] = new Money(5m), ["overriddencreatedon"] = StrictOrg.Now.AddYears(-1) });
            Assert.Equal(ErrorCodes.NotValidForCreate, Refused(() => _host.Seed(new Entity("salesorder") { ["name"] = "Migrated", ["createdon"] = StrictOrg.Now })));
        }

        [NeedsStandardReferenceFact]
        public void A_status_of_another_state_is_refused()
        {
            var task = Service.Create(new Entity("task") { ["subject"] = "T" });
            var error = Assert.Throws<DataverseFaultException>(() => Service.Create(new Entity("task") { ["subject"] = "T", ["statuscode"] = new OptionSetValue(5) }));
            Assert.Equal("5 is not a valid status code for state code 0 on task.", error.Message);
            Assert.Throws<DataverseFaultException>(() => Service.Execute(new SetStateRequest
            {
                EntityMoniker = new EntityReference("task", task), State = new OptionSetValue(1), Status = new OptionSetValue(6),
            }));
            Service.Execute(new SetStateRequest { EntityMoniker = new EntityReference("task", task), State = new OptionSetValue(1), Status = new OptionSetValue(5) });
            Service.Update(new Entity("task", task) { ["statecode"] = new OptionSetValue(2), ["statuscode"] = new OptionSetValue(6) });
        }

        [Fact]
        public void Without_the_reference_a_standard_table_is_judged_only_by_the_columns_the_solution_adds()
        {
            var host = StrictOrg.New(withReference: false);
            var service = host.GetService();
            var id = service.Create(new Entity("account") { ["name"] = "Not judged", ["anything"] = "not judged either" });
            Assert.Equal(ErrorCodes.PicklistValueOutOfRange,
                Assert.Throws<DataverseFaultException>(() => service.Update(new Entity("account", id) { ["cx_tier"] = new OptionSetValue(99) })).ErrorCode);
            Assert.Equal(ErrorCodes.QueryBuilderNoAttribute,
                Assert.Throws<DataverseFaultException>(() => service.Create(new Entity("cx_setting") { ["cx_name"] = "S", ["cx_nosuchcolumn"] = 1 })).ErrorCode);
        }
    }
}
