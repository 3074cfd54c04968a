using System;
using System.Linq;
using Xunit;

namespace CrmExtensions.Packer.Tests
{
    public class ValidationTests
    {
        [Fact]
        public void The_shipped_source_validates_clean()
        {
            using (var fixture = new PackerFixture())
                Assert.Empty(fixture.Validator().Validate());
        }

        public static TheoryData<string, Action<PackerFixture>, string> Defects => new TheoryData<string, Action<PackerFixture>, string>
        {
            { "malformed view", f => f.Edit(f.FirstFile("Entities/account/SavedQueries", "Platinum accounts"), s => s.Replace("</savedquery>", "")), "malformed XML" },
            { "unknown plugin type", f => f.Edit(f.FirstFile("SdkMessageProcessingSteps", "EnforceTierChange: Update of account"), s => s.Replace("Steps.EnforceTierChange,", "Steps.EnforceTierChanges,")), "plugin type 'CrmExtensions.Plugins.Steps.EnforceTierChanges' is not a public class" },
            { "wrong assembly version in a step", f => f.Edit(f.FirstFile("SdkMessageProcessingSteps", "ValidateSettings: Update"), s => s.Replace("Version=1.0.0.0", "Version=1.0.0.1")), "does not match the built" },
            { "undeclared filtering attribute", f => f.Edit(f.FirstFile("SdkMessageProcessingSteps", "EnforceTierChange: Update of contact"), s => s.Replace("<FilteringAttributes>cx_tier,", "<FilteringAttributes>cx_tiers,")), "filtering attribute 'cx_tiers' is not declared on contact" },
            { "undeclared view column", f => f.Edit(f.FirstFile("Entities/account/SavedQueries", "Churn risk high"), s => s.Replace("attribute=\"cx_churnriskband\"", "attribute=\"cx_churnband\"")), "view column 'cx_churnband' is not declared on account" },
            { "undeclared form field", f => f.Edit("Entities/contact/FormXml/main/" + System.IO.Path.GetFileName(f.FirstFile("Entities/contact/FormXml", "systemform")), s => s.Replace("datafieldname=\"cx_loyaltylevel\"", "datafieldname=\"cx_loyalty\"")), "form field 'cx_loyalty' is not declared on contact" },
            { "missing web resource file", f => System.IO.File.Delete(System.IO.Path.Combine(f.WebResources, "cx_", "dashboard", "customerValue.js")), "web resource file 'cx_/dashboard/customerValue.js' is missing" },
            { "form library not in the solution", f => f.Edit(f.FirstFile("Entities/account/FormXml", "systemform"), s => s.Replace("name=\"cx_/scripts/customerForm.js\"", "name=\"cx_/scripts/customerForms.js\"")), "form library 'cx_/scripts/customerForms.js' is not a web resource" },
            { "ribbon library not in the solution", f => f.Edit("Entities/account/RibbonDiff.xml", s => s.Replace("$webresource:cx_/scripts/recalculateCommand.js\" Default", "$webresource:cx_/scripts/recalc.js\" Default")), "ribbon library 'cx_/scripts/recalc.js'" },
            { "solution version drift", f => f.Edit("Other/Solution.xml", s => s.Replace("<Version>1.0.0.0</Version>", "<Version>1.1.0.0</Version>")), "differs from the plugin assembly version" },
            { "plug-in package version drift", f => f.Edit("pluginpackages/cx_CrmExtensions/pluginpackage.xml", s => s.Replace("<version>1.0.0.0</version>", "<version>0.9.0.0</version>")), "plug-in package version '0.9.0.0' differs" },
            { "choice not defined", f => System.IO.File.Delete(f.File("OptionSets/cx_churnriskband.xml")), "choice 'cx_churnriskband' is not defined" },
            { "custom api type unknown", f => f.Edit("customapis/cx_PreviewTier/customapi.xml", s => s.Replace("PreviewTierApi<", "PreviewTierApi2<")), "plugin type 'CrmExtensions.Plugins.CustomApis.PreviewTierApi2'" },
            { "role for an undeclared table", f => f.Edit("Roles/Customer Value Manager.xml", s => s.Replace("prvReadcx_surveyresponse", "prvReadcx_survey")), "privilege 'prvReadcx_survey' names a table the solution does not declare" },
        };

        [Theory]
        [MemberData(nameof(Defects))]
        public void Validate_catches_each_seeded_defect(string defect, Action<PackerFixture> seed, string expected)
        {
            using (var fixture = new PackerFixture())
            {
                seed(fixture);
                var issues = fixture.Validator().Validate().Select(i => i.ToString()).ToList();
                Assert.True(issues.Any(i => i.Contains(expected)), $"{defect}: expected an issue containing '{expected}', got:\n{string.Join("\n", issues)}");
                Assert.All(issues, i => Assert.Matches(@"^[^()]+\(\d+\): ", i));
            }
        }
    }
}
