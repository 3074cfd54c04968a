using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CrmExtensions.Cli.Generation;
using CrmExtensions.Cli.Validation;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    public class ValidationTests
    {
        [Fact]
        public void The_shipped_source_validates_clean()
        {
            using (var fixture = new PackerFixture())
            {
                Assert.Empty(fixture.Validator().Validate());
                Assert.Empty(fixture.ServiceValidator().Validate());
            }
        }

        private static Action<PackerFixture> Cut(string file, string pattern) =>
            f => f.Edit(file, s => Regex.Replace(s, pattern, "", RegexOptions.Singleline));

        private static string Step(PackerFixture f, string name) => f.FirstFile("SdkMessageProcessingSteps", name);

        private const string App = "AppModules/cx_CustomerValue/AppModule.xml", SiteMap = "AppModuleSiteMaps/cx_CustomerValue/AppModuleSiteMap.xml",
            Dashboard = "Dashboards/{6dd6a866-5d83-5a68-9213-6573002c44fa}.xml";

        private static string Chart(PackerFixture f, string name) => f.FirstFile("Entities/account/Visualizations", $"\"{name}\"");

        /// <summary>Each of issue 11's defects in its old form (by number), and the defects validate caught before.</summary>
        public static TheoryData<string, Action<PackerFixture>, string> Defects => new TheoryData<string, Action<PackerFixture>, string>
        {
            { "1: steps after Languages", f => f.Edit("Other/Customizations.xml", s => s.Replace("  <SdkMessageProcessingSteps />\n", "").Replace("</ImportExportXml>",
                "  <SdkMessageProcessingSteps />\n</ImportExportXml>")),
                "<SdkMessageProcessingSteps> must come before <Languages>" },
            { "1: a section placeholder missing", f => f.Edit("Other/Customizations.xml", s => s.Replace("  <WebResources />\n", "")), "the <WebResources /> placeholder is missing" },
            { "2: pluginpackages inside customizations.xml", f => f.Edit("Other/Customizations.xml", s => s.Replace("  <Languages>", "  <pluginpackages />\n  <Languages>")),
                "<pluginpackages> is not a customizations.xml section" },
            { "3: LookupTargets", f => f.Edit("Entities/cx_tieroverrideaudit/Entity.xml", s => s.Replace("<LogicalName>cx_overrideby</LogicalName>",
                "<LogicalName>cx_overrideby</LogicalName><LookupTargets>systemuser</LookupTargets>")),
                "<LookupTargets> is not in the schema" },
            { "3: a lookup without its relationship", f => File.Delete(f.File("Other/Relationships/Account.xml")), "lookup 'cx_referredby' needs one relationship per target" },
            { "3: a second parental relationship", f => f.Edit("Other/Relationships/SystemUser.xml", s => Regex.Replace(s,
                "(<EntityRelationship Name=\"cx_tieroverrideaudit_overrideby_systemuser\">.*?)<CascadeDelete>RemoveLink</CascadeDelete>", "$1<CascadeDelete>Cascade</CascadeDelete>",
                RegexOptions.Singleline)), "table 'cx_tieroverrideaudit' would have more than one parental relationship" },
            { "3: a customer column with one target", Cut("Other/Relationships/Contact.xml", "<EntityRelationship Name=\"cx_surveyresponse_customer_contact\">.*?</EntityRelationship>"),
                "lookup 'cx_customer' needs one relationship per target under Other/Relationships/ (account, contact), found 1" },
            { "4: PrimaryNameAttribute", f => f.Edit("Entities/cx_setting/Entity.xml", s => s.Replace("<EntitySetName>", "<PrimaryNameAttribute>cx_name</PrimaryNameAttribute><EntitySetName>")),
                "<PrimaryNameAttribute> is not in the schema" },
            { "4: no primary name by DisplayMask", f => f.Edit("Entities/cx_setting/Entity.xml", s => s.Replace("PrimaryName|", "")), "exactly one column is the primary name" },
            { "4: no primary key", Cut("Entities/cx_setting/Entity.xml", "<attribute PhysicalName=\"cx_settingId\">.*?</attribute>"), "needs its primary key column cx_settingid" },
            { "4: a system column missing", Cut("Entities/cx_surveyresponse/Entity.xml", "<attribute PhysicalName=\"statecode\">.*?</attribute>"),
                "the system column statecode of a UserOwned table is missing" },
            { "4: statuscode without its option set", Cut("Entities/cx_setting/Entity.xml", "<optionset Name=\"cx_setting_statuscode\">.*?</optionset>"), "statuscode is Type status" },
            { "4: a system relationship missing", f => File.Delete(f.File("Other/Relationships/Owner.xml")), "the system relationship owner_cx_surveyresponse of a UserOwned table is missing" },
            { "5: ismanaged in a role", f => f.Edit("Roles/Customer Value Manager.xml", s => s.Replace("<IsCustomizable>", "<ismanaged>0</ismanaged><IsCustomizable>")),
                "<ismanaged> is not part of a role" },
            { "6: CustomConfiguration and StateCode", f => f.Edit(Step(f, "EnforceTierChange: Update of account"), s => s.Replace("<Description>",
                "<CustomConfiguration></CustomConfiguration><StateCode>0</StateCode><Description>")),
                "<CustomConfiguration> is not in the schema's step type" },
            { "6: a step without PluginTypeId", f => f.Edit(Step(f, "ValidateSettings: Update of cx_setting"), s => Regex.Replace(s, "<PluginTypeId>[^<]*</PluginTypeId>", "")),
                "the step names its plug-in type by a PluginTypeId defined under PluginAssemblies/" },
            { "6: a step edited by hand", f => f.Edit(Step(f, "TrackRetentionActivity: Update of task"), s => s.Replace("<Rank>1</Rank>", "<Rank>2</Rank>")),
                "differs from what the declarations produce" },
            { "6: a step nobody declares", f => File.Copy(f.File(Step(f, "TrackRetentionActivity: Update of task")), f.File("SdkMessageProcessingSteps/{00000000-0000-0000-0000-000000000001}.xml")),
                "SdkMessageProcessingSteps/{00000000-0000-0000-0000-000000000001}.xml(0): differs from what the declarations produce" },
            { "7: IsHidden on an option", f => f.Edit("OptionSets/cx_tier.xml", s => s.Replace("<option value=\"100000001\"", "<option value=\"100000001\" IsHidden=\"0\"")),
                "IsHidden is not an attribute of <option>" },
            { "8: a Custom API naming its type by name", f => f.Edit("customapis/cx_PreviewTier/customapi.xml", s => Regex.Replace(s, "<plugintypeid>[0-9a-f-]*<",
                "<plugintypeid>CrmExtensions.Plugins.CustomApis.PreviewTierApi<")),
                "<plugintypeid><plugintypeid> must hold the PluginTypeId of a plug-in type defined under PluginAssemblies/, not 'CrmExtensions.Plugins.CustomApis.PreviewTierApi'" },
            { "9: Yes/No without its option set", Cut("Entities/account/Entity.xml", "<optionset Name=\"account_cx_tieroverride\">.*?</optionset>"),
                "Yes/No column 'cx_tieroverride' carries its bit option set" },
            { "9: currency without its base companion", Cut("Entities/contact/Entity.xml", "<attribute PhysicalName=\"cx_currentvalue_Base\">.*?</attribute>"),
                "currency column 'cx_currentvalue' needs its base-currency companion cx_currentvalue_base" },
            { "9: currency without its precision source", f => f.Edit("Entities/account/Entity.xml", s => new Regex("<AccuracySource>2</AccuracySource>").Replace(s, "", 1)),
                "says where its precision comes from (AccuracySource)" },
            { "10: a step missing from RootComponents", f => f.Edit("Other/Solution.xml", s => new Regex("<RootComponent type=\"92\"[^>]*/>").Replace(s, "", 1)),
                "but does not list it under RootComponents" },
            { "10: web resources missing from RootComponents", Cut("Other/Solution.xml", "<RootComponent type=\"61\"[^>]*/>"),
                "<RootComponent type=\"61\" schemaName=\"cx_/scripts/recalculateCommand.js\"" },
            { "11: no MissingDependencies", Cut("Other/Solution.xml", "<MissingDependency>.*</MissingDependency>"),
                "the solution uses salesorder, which only Dynamics 365 apps bring, without declaring it under MissingDependencies" },
            { "12: a money field with the text control", f => f.Edit(f.FirstFile("Entities/account/FormXml", "systemform"), s =>
                s.Replace("classid=\"{533B9E00-756B-4312-95A0-DC888637AC78}\" datafieldname=\"cx_currentvalue\"",
                "classid=\"{4273EDBD-AC1D-40d3-9FB2-095C621B552D}\" datafieldname=\"cx_currentvalue\"")),
                "form field 'cx_currentvalue' is a money column: its control class is {533B9E00-756B-4312-95A0-DC888637AC78}" },
            { "13: a Create post-image taken from Target", f => f.Edit(Step(f, "RecalculateCustomerOnChange: Create of salesorder"), s => s.Replace("<MessagePropertyName>Id</MessagePropertyName>",
                "<MessagePropertyName>Target</MessagePropertyName>")),
                "a Create step's images are taken from 'Id', not 'Target'" },
            { "22.1: a Required without its owning solution", Cut("Other/Solution.xml", " solution=\"msdynce_Sales \\(9\\.0\\.4\\.0076\\)\""),
                "Required 'competitor' names no owning solution as solution=\"UniqueName (version)\"" },
            { "22.3: the plug-in assembly as a package's (SourceType 4, no FileName)", f => f.Edit(f.FirstFile("PluginAssemblies", "EnforceTierChange"), s =>
                Regex.Replace(s.Replace("<SourceType>0</SourceType>", "<SourceType>4</SourceType>"), @"\s*<FileName>[^<]*</FileName>", "")),
                "a classic assembly has <SourceType>0</SourceType> and <FileName>/PluginAssemblies/CrmExtensionsPlugins-" },
            { "22.4: a plug-in package beside the assembly", f => { Directory.CreateDirectory(f.File("pluginpackages/cx_CrmExtensions"));
                File.WriteAllText(f.File("pluginpackages/cx_CrmExtensions/pluginpackage.xml"), "<pluginpackage uniquename=\"cx_CrmExtensions\" />"); },
                "the plug-ins ship as one classic assembly" },
            { "22.6: a shell table with table-level properties", f => f.Edit("Entities/account/Entity.xml", s => s.Replace("    <entity Name=\"account\">\n",
                "    <entity Name=\"account\">\n      <LocalizedNames>\n        <LocalizedName description=\"Account\" languagecode=\"1033\" />\n      </LocalizedNames>\n")),
                "<LocalizedNames> is a table-level property of a platform table the solution only adds columns to" },
            { "22.7: a view of a platform table listed as a root", f => f.Edit("Other/Solution.xml", s => s.Replace("    </RootComponents>",
                "      <RootComponent type=\"26\" id=\"{12464725-d31d-5bc1-b137-924855122634}\" behavior=\"0\" />\n    </RootComponents>")),
                "Other/Solution.xml(0): differs from what the declarations produce" },
            { "15: Entity.xml without its FormXml placeholder", f => f.Edit("Entities/account/Entity.xml", s => s.Replace("  <FormXml />\n", "")),
                "the <FormXml /> placeholder an extract writes is missing" },
            { "15: a table without RibbonDiff.xml", f => File.Delete(f.File("Entities/task/RibbonDiff.xml")), "Entities/task/RibbonDiff.xml is missing" },
            { "15: a form outside FormXml/<type>", f => File.Move(f.File(f.FirstFile("Entities/contact/FormXml", "systemform")), f.File("Entities/contact/form.xml")),
                "not where SolutionPackager reads a table's parts" },
            { "malformed view", f => f.Edit(f.FirstFile("Entities/account/SavedQueries", "Platinum accounts"), s => s.Replace("</savedquery>", "")), "malformed XML" },
            { "unknown plug-in type", f => f.Edit(f.FirstFile("PluginAssemblies", "EnforceTierChange"), s => s.Replace("Name=\"CrmExtensions.Plugins.Steps.EnforceTierChange\"",
                "Name=\"CrmExtensions.Plugins.Steps.EnforceTierChanges\"")),
                "plug-in type 'CrmExtensions.Plugins.Steps.EnforceTierChanges' is not a public class of CrmExtensions.Plugins" },
            { "wrong assembly version in a step", f => f.Edit(Step(f, "ValidateSettings: Update"), s => s.Replace("Version=1.0.0.0", "Version=1.0.0.1")), "PluginTypeName is not the plug-in type" },
            { "undeclared filtering attribute", f => f.Edit(Step(f, "EnforceTierChange: Update of contact"), s => s.Replace("<FilteringAttributes>cx_tier,", "<FilteringAttributes>cx_tiers,")),
                "filtering attribute 'cx_tiers' is not declared on contact" },
            { "undeclared view column", f => f.Edit(f.FirstFile("Entities/account/SavedQueries", "Churn risk high"), s => s.Replace("attribute=\"cx_churnriskband\"", "attribute=\"cx_churnband\"")),
                "view column 'cx_churnband' is not declared on account" },
            { "undeclared form field", f => f.Edit(f.FirstFile("Entities/contact/FormXml", "systemform"), s => s.Replace("datafieldname=\"cx_loyaltylevel\"", "datafieldname=\"cx_loyalty\"")),
                "form field 'cx_loyalty' is not declared on contact" },
            { "missing web resource file", f => File.Delete(Path.Combine(f.WebResources, "cx_", "dashboard", "customerValue.js")), "web resource file 'cx_/dashboard/customerValue.js' is missing" },
            { "form library not in the solution", f => f.Edit(f.FirstFile("Entities/account/FormXml", "systemform"), s => s.Replace("name=\"cx_/scripts/customerForm.js\"",
                "name=\"cx_/scripts/customerForms.js\"")),
                "form library 'cx_/scripts/customerForms.js' is not a web resource" },
            { "ribbon library not in the solution", f => f.Edit("Entities/account/RibbonDiff.xml", s => s.Replace("$webresource:cx_/scripts/recalculateCommand.js\" Default",
                "$webresource:cx_/scripts/recalc.js\" Default")),
                "ribbon library 'cx_/scripts/recalc.js'" },
            { "solution version drift", f => f.Edit("Other/Solution.xml", s => s.Replace("<Version>1.0.0.0</Version>", "<Version>1.1.0.0</Version>")),
                "differs from the CrmExtensions.Plugins version" },
            { "choice not defined", f => File.Delete(f.File("OptionSets/cx_churnriskband.xml")), "choice 'cx_churnriskband' is not defined" },
            { "a text column shorter than the code fits its text to", f => f.Edit("Entities/account/Entity.xml",
                s => Regex.Replace(s, "(PhysicalName=\"cx_coveragegaps\"[\\s\\S]*?<MaxLength>)2000", "${1}1000")),
                "cx_coveragegaps holds 1000 characters, but AccountColumns.CoverageGapsMaxLength is 2000" },
            { "role for an undeclared table", f => f.Edit("Roles/Customer Value Manager.xml", s => s.Replace("prvReadcx_surveyresponse", "prvReadcx_survey")),
                "privilege 'prvReadcx_survey' names a table the solution does not declare" },
            { "custom api privilege nobody holds", f => f.Edit("Roles/Customer Value Administrator.xml", s => s.Replace("prvWritecx_setting", "prvAppendcx_setting")),
                "no role of the solution grants prvWritecx_setting" },
            { "16: a site map table the app does not list", f => f.Edit(App, s => s.Replace("<AppModuleComponent type=\"1\" schemaName=\"contact\" />", "")),
                "the site map shows contact, which the app does not list" },
            { "16: an app component the solution lacks", f => f.Edit(App,
                s => s.Replace("type=\"59\" id=\"{4a601dd7-104b-51dd-8dcb-978d7b55e31e}\"", "type=\"59\" id=\"{4a601dd7-104b-51dd-8dcb-978d7b55e310}\"")),
                "is not a component of the solution" },
            { "16: an app icon that is no web resource", f => f.Edit(App, s => Regex.Replace(s, "<WebResourceId>[^<]*<", "<WebResourceId>953b9fac-1e5e-e611-80d6-00155ded156f<")),
                "the app's icon (WebResourceId) is a web resource of the solution" },
            { "16: an app role the solution lacks", f => f.Edit(App, s => s.Replace("<Role id=\"{150574f0-", "<Role id=\"{250574f0-")), "is not a role of the solution" },
            { "16: a dashboard view outside the app's views", f => f.Edit(App, s => s.Replace("<AppModuleComponent type=\"26\" id=\"{16d3402e-d051-538f-bbab-f4ed603fc4b2}\" />", "")),
                "the app lists views of task but not the view {16d3402e-d051-538f-bbab-f4ed603fc4b2} its dashboard shows" },
            { "16: a dashboard chart of another table", f => f.Edit(Dashboard,
                s => s.Replace("<VisualizationId>{9A8745E3-AAB8-5CCE-916E-45B8F12AFC1D}", "<VisualizationId>{D2EC446B-A4AB-503E-B135-F81833B1966B}")),
                "chart {d2ec446b-a4ab-503e-b135-f81833b1966b} is not a chart of account in the solution" },
            { "16: a dashboard view that does not exist", f => f.Edit(Dashboard, s => s.Replace("<ViewId>{12464725-D31D-5BC1-B137-924855122634}", "<ViewId>{12464725-D31D-5BC1-B137-924855122630}")),
                "view {12464725-d31d-5bc1-b137-924855122630} is not a view of account in the solution" },
            { "16: a dashboard web resource the solution lacks", f => f.Edit(Dashboard, s => s.Replace("<Url>cx_/dashboard/customerValue.html<", "<Url>cx_/dashboard/matrix.html<")),
                "web resource 'cx_/dashboard/matrix.html' is not a web resource of the solution" },
            { "16: a site map dashboard the solution lacks", f => f.Edit(SiteMap, s => s.Replace("DefaultDashboard=\"6dd6a866", "DefaultDashboard=\"7dd6a866")), "is not a dashboard of the solution" },
            { "16: a site map entry used twice", f => f.Edit(SiteMap, s => s.Replace("Id=\"cx_sub_contacts\"", "Id=\"cx_sub_accounts\"")), "SubArea Id 'cx_sub_accounts' is used twice" },
            { "16: a chart of an undeclared column", f => f.Edit(Chart(f, "Customers by tier"),
                s => s.Replace("name=\"cx_tier\"", "name=\"cx_tiers\"")), "chart column 'cx_tiers' is not declared on account" },
            { "16: a chart measure that is no aggregate", f => f.Edit(Chart(f, "Customers by tier"), s => s.Replace("<measure alias=\"customers\" />", "<measure alias=\"accounts\" />")),
                "measure alias 'accounts' is not an aggregate of the fetch" },
            { "16: a chart without a series per measure collection", Cut("Entities/account/Visualizations/{9a8745e3-aab8-5cce-916e-45b8f12afc1d}.xml", "<Series ChartType[^>]*/>"),
                "the presentation has 0 series for 1 measure collections" },
            { "16: a table with charts but no Visualizations placeholder", f => f.Edit("Entities/task/Entity.xml",
                s => s.Replace("  <Visualizations />\n", "")), "a table with charts has the <Visualizations /> placeholder" },
            { "16: a chart file not named by its id", f => File.Move(f.File(Chart(f, "Customers by tier")), f.File("Entities/account/Visualizations/tiers.xml")),
                "the chart's file is named by its savedqueryvisualizationid: tiers" },
            { "16: a dashboard file not named by its id", f => File.Move(f.File(Dashboard),
                f.File("Dashboards/customervalue.xml")), "a dashboard lives in Dashboards/{6dd6a866-5d83-5a68-9213-6573002c44fa}.xml" },
            { "16: an activity view naming <table>id", f => f.Edit(f.FirstFile("Entities/task/SavedQueries", "Overdue retention work"),
                s => s.Replace("<attribute name=\"activityid\" />", "<attribute name=\"taskid\" />")),
                "view column 'taskid' is not declared on task" },
            { "16: a form field labelled with its logical name", f => f.Edit(f.FirstFile("Entities/account/FormXml", "systemform"),
                s => s.Replace("<label description=\"Usual days between purchases\"", "<label description=\"cx_purchaseinterval\"")),
                "form field 'cx_purchaseinterval' is labelled with its logical name" },
            { "16: a form web resource the solution lacks", f => f.Edit(f.FirstFile("Entities/contact/FormXml", "systemform"),
                s => s.Replace("<Url>cx_/form/customerSummary.html<", "<Url>cx_/form/summary.html<")),
                "web resource 'cx_/form/summary.html' is not a web resource of the solution" },
            { "typescript contracts edited by hand", f => File.WriteAllText(f.TypeScriptContracts, File.ReadAllText(f.TypeScriptContracts).Replace("ActivitiesCreated", "Created")),
                "customApis.ts(0): differs from what the declarations produce" },
            { "schema.ts edited by hand", f => File.WriteAllText(f.WebSchema, File.ReadAllText(f.WebSchema).Replace("\"#0f6cbd\"", "\"#000000\"")),
                "schema.ts(0): differs from what the declarations produce" },
            { "choice enums edited by hand", f => File.WriteAllText(f.ChoiceEnums, File.ReadAllText(f.ChoiceEnums).Replace("Gold = 100000002", "Gold = 100000009")),
                "OptionSets.cs(0): differs from what the declarations produce" },
            { "an option added to a choice", f => f.Edit("OptionSets/cx_churnriskband.xml", s => s.Replace("</options>",
                "  <option value=\"100000004\" ExternalValue=\"\"><labels><label description=\"Critical\" languagecode=\"1033\" /></labels></option>\n  </options>")),
                "OptionSets.cs(0): differs from what the declarations produce" },
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

        [Fact]
        public void A_plugin_assembly_that_needs_more_than_the_framework_and_the_sdk_is_refused()
        {
            using (var fixture = new PackerFixture())
            {
                // The plug-in assembly as built for .NET 10 references the domain as its own assembly and .NET's System.Runtime.
                var modern = Path.Combine(Path.GetDirectoryName(fixture.PluginAssembly), "..", "net10.0", "CrmExtensions.Plugins.dll");
                var build = new SolutionBuild(new PluginAssemblyInfo(modern), new PluginAssemblyInfo(fixture.WorkflowAssembly), fixture.WebResources);
                var source = fixture.Load();
                var generated = new GeneratedFiles(source, build, fixture.TypeScriptContracts, fixture.WebSchema, fixture.ChoiceEnums);
                var issues = new SolutionValidator(source, build, generated).Validate().Select(i => i.ToString()).ToList();
                Assert.Contains(issues, i => i.Contains("CrmExtensions.Plugins references CrmExtensions.Domain, Version=1.0.0.0") && i.Contains("the sandbox does not load it"));
                Assert.Contains(issues, i => i.Contains("CrmExtensions.Plugins references System.Runtime, Version=10.0.0.0") && i.Contains("is not the .NET Framework 4.6.2's"));
            }
        }
    }
}
