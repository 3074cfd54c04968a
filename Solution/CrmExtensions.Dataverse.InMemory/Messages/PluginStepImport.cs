using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>
    /// The plug-in steps an imported zip carries (customizations.xml's SdkMessageProcessingSteps), each checked on import:
    /// its PluginTypeId must name a plug-in type of the zip's own assemblies (SolutionPluginAssemblies) or one the org has
    /// from an earlier solution; otherwise that step fails with the platform's "Does Not Exist" fault and the import with
    /// it, which the import job's log shows against the step. Modelled on the platform's fault: Microsoft documents neither
    /// the import job's data format nor the exact error for this case.
    /// </summary>
    internal static class PluginStepImport
    {
        /// <summary>The plug-in types the zip's assemblies define, by id: the org has them once the import succeeds.</summary>
        public static IReadOnlyDictionary<Guid, string> Types(XElement customizations)
        {
            var types = new Dictionary<Guid, string>();
            foreach (var type in customizations.Elements("SolutionPluginAssemblies").Elements("PluginAssembly").Elements("PluginTypes").Elements("PluginType"))
                if (Guid.TryParse((string)type.Attribute("PluginTypeId"), out var id)) types[id] = (string)type.Attribute("AssemblyQualifiedName");
            return types;
        }

        /// <summary>Each step with the fault its import meets, null when its plug-in type is the zip's or the org's.</summary>
        public static IReadOnlyList<(XElement Step, DataverseFaultException Fault)> Check(XElement customizations, PluginTypeCatalog org)
        {
            var zip = Types(customizations);
            return customizations.Elements("SdkMessageProcessingSteps").Elements("SdkMessageProcessingStep").Select(step =>
            {
                var type = (string)step.Element("PluginTypeId");
                var known = Guid.TryParse(type, out var id) && (zip.ContainsKey(id) || org.Knows(id));
                return (step, known ? null : new DataverseFaultException(ErrorCodes.ObjectDoesNotExist, $"plugintype With Id = {type} Does Not Exist"));
            }).ToList();
        }
    }
}
