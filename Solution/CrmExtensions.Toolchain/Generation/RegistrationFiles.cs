using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>
    /// The registration files of Solution/src, written from the declarations in the plug-in assembly in the format
    /// Dataverse exports: SdkMessageProcessingSteps/{id}.xml, customapis/&lt;name&gt;/**, PluginAssemblies/**/*.data.xml.
    /// </summary>
    public sealed class RegistrationFiles
    {
        /// <summary>sdkmessageprocessingstep.eventhandler type: a plug-in type.</summary>
        private const int PluginTypeHandler = 4602;

        private readonly IReadOnlyList<DeclaredStep> _steps;
        private readonly IReadOnlyList<DeclaredApi> _apis;
        private readonly PluginAssemblyDefinition _plugins;
        private readonly PluginAssemblyDefinition _workflow;
        private readonly string _version;

        public RegistrationFiles(SolutionBuild build)
        {
            _steps = Declarations.Steps(build.PluginAssembly);
            _apis = Declarations.CustomApis(build.PluginAssembly);
            _plugins = PluginAssemblyDefinition.Plugins(build.Plugins, Declarations.PluginTypes(build.PluginAssembly));
            _workflow = PluginAssemblyDefinition.Workflow(build.Workflow);
            _version = build.Version;
        }

        public IReadOnlyList<PluginAssemblyDefinition> Assemblies => new[] { _plugins, _workflow };
        public IReadOnlyList<DeclaredApi> CustomApis => _apis;

        /// <summary>
        /// The generated files of one of the product's solutions, by path under its source folder: the core carries the
        /// assemblies, the Custom APIs and every step but those on a table only Customer Service brings.
        /// </summary>
        public IEnumerable<KeyValuePair<string, XDocument>> Files(string solution)
        {
            foreach (var step in _steps.Where(s => SolutionOf(s) == solution)) yield return Pair($"SdkMessageProcessingSteps/{{{StepId(step):D}}}.xml", Step(step));
            if (solution != ProductSolutions.Core) yield break;
            foreach (var assembly in Assemblies) yield return Pair(assembly.DataFile, assembly.ToXml(_version));
            foreach (var api in _apis)
            {
                var folder = "customapis/" + api.UniqueName;
                yield return Pair(folder + "/customapi.xml", Api(api));
                foreach (var parameter in api.RequestParameters)
                    yield return Pair($"{folder}/customapirequestparameters/{parameter.Name}/customapirequestparameter.xml", Parameter("customapirequestparameter", api, parameter));
                foreach (var property in api.ResponseProperties)
                    yield return Pair($"{folder}/customapiresponseproperties/{property.Name}/customapiresponseproperty.xml", Parameter("customapiresponseproperty", api, property));
            }
        }

        public static Guid StepId(DeclaredStep step) => StableId.For("step", step.Name);

        /// <summary>Steps on a table only Customer Service brings go into the service solution; the rest into the core.</summary>
        public static string SolutionOf(DeclaredStep step) => PlatformApps.AppOf(step.Table) == PlatformApps.Service ? ProductSolutions.Service : ProductSolutions.Core;

        private static KeyValuePair<string, XDocument> Pair(string path, XDocument document) => new KeyValuePair<string, XDocument>(path, document);

        private PluginTypeDefinition TypeOf(Type pluginType) =>
            _plugins.Types.SingleOrDefault(t => t.FullName == pluginType.FullName)
            ?? throw new InvalidOperationException($"{pluginType.FullName} is not a public plug-in type of {_plugins.Built.Name.Name}.");

        private XDocument Step(DeclaredStep step)
        {
            var declaration = step.Declaration;
            var message = PlatformMessage.Named(declaration.Message) ?? throw new InvalidOperationException($"{step.Name}: '{declaration.Message}' is not a platform message.");
            var type = TypeOf(step.PluginType);
            var root = new XElement("SdkMessageProcessingStep",
                new XAttribute("Name", step.Name),
                new XAttribute("SdkMessageProcessingStepId", StepId(step).ToString("B")),
                new XAttribute(XNamespace.Xmlns + "xsi", GeneratedXml.Xsi),
                new XElement("PluginTypeName", type.AssemblyQualifiedName),
                new XElement("PluginTypeId", type.Id.ToString("D")),
                new XElement("PrimaryEntity", step.Table),
                new XElement("AsyncAutoDelete", declaration.Mode == Mode.Asynchronous ? 1 : 0),
                new XElement("Description", declaration.Description),
                new XElement("FilteringAttributes", declaration.FilteringAttributes ?? ""),
                new XElement("InvocationSource", 0),
                new XElement("Mode", (int)declaration.Mode),
                new XElement("Rank", declaration.Rank),
                new XElement("SdkMessageId", message.Id.ToString("D")),
                new XElement("EventHandlerTypeCode", PluginTypeHandler),
                new XElement("Stage", (int)declaration.Stage),
                new XElement("IsCustomizable", 1),
                new XElement("IsHidden", 0),
                new XElement("SupportedDeployment", 0),
                new XElement("IntroducedVersion", _version),
                new XElement("SdkMessageProcessingStepImages",
                    Image(step, message, Parameters.PreImage, ImageType.PreImage, declaration.PreImage),
                    Image(step, message, Parameters.PostImage, ImageType.PostImage, declaration.PostImage)));
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        private static XElement Image(DeclaredStep step, PlatformMessage message, string alias, ImageType type, string columns) =>
            columns == null ? null : new XElement("SdkMessageProcessingStepImage",
                new XAttribute("Name", alias),
                new XElement("SdkMessageProcessingStepImageId", StableId.For("stepimage", step.Name + ":" + alias).ToString("B")),
                new XElement("Attributes", columns),
                new XElement("EntityAlias", alias),
                new XElement("ImageType", (int)type),
                new XElement("MessagePropertyName", message.ImagePropertyName),
                new XElement("IsCustomizable", 1));

        private XDocument Api(DeclaredApi api)
        {
            var registration = api.Registration;
            var root = new XElement("customapi",
                new XAttribute("uniquename", api.UniqueName),
                new XElement("allowedcustomprocessingsteptype", 0),
                new XElement("bindingtype", api.BoundTable == null ? 0 : 1),
                api.BoundTable == null ? null : new XElement("boundentitylogicalname", api.BoundTable),
                Label("description", registration.Description),
                Label("displayname", registration.DisplayName),
                registration.ExecutePrivilege == null ? null : new XElement("executeprivilegename", registration.ExecutePrivilege),
                new XElement("iscustomizable", 0),
                new XElement("isfunction", registration.IsFunction ? 1 : 0),
                new XElement("isprivate", 0),
                new XElement("name", api.UniqueName),
                // A classic assembly's type has the id its definition gives it; the export key is known only to an org.
                new XElement("plugintypeid", new XElement("plugintypeid", TypeOf(api.PluginType).Id.ToString("D"))),
                new XElement("workflowsdkstepenabled", 0));
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        private static XDocument Parameter(string element, DeclaredApi api, DeclaredParameter parameter)
        {
            var request = element == "customapirequestparameter";
            var root = new XElement(element,
                new XAttribute("uniquename", parameter.Name),
                Label("description", parameter.Description),
                Label("displayname", parameter.Name),
                new XElement("iscustomizable", 0),
                request ? new XElement("isoptional", parameter.IsOptional ? 1 : 0) : null,
                new XElement("name", $"{api.UniqueName}-{parameter.Name}"),
                new XElement("type", parameter.Type));
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        private static XElement Label(string element, string text) =>
            new XElement(element, new XAttribute("default", text), new XElement("label", new XAttribute("description", text), new XAttribute("languagecode", 1033)));
    }
}
