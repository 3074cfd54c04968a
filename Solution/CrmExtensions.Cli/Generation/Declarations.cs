using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Plugins.CustomApis.Contracts;
using CrmExtensions.Plugins.Registration;
using CrmExtensions.Plugins.Steps;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Generation
{
    /// <summary>One step as declared by a <see cref="StepAttribute"/>: one table of the attribute.</summary>
    public sealed class DeclaredStep
    {
        public DeclaredStep(Type pluginType, StepAttribute declaration, string table)
        {
            PluginType = pluginType;
            Declaration = declaration;
            Table = table;
        }

        public Type PluginType { get; }
        public StepAttribute Declaration { get; }
        public string Table { get; }

        /// <summary>The step's name, as the Plugin Registration Tool writes it; its id is derived from it.</summary>
        public string Name => $"{PluginType.FullName}: {Declaration.Message} of {Table}";
    }

    public sealed class DeclaredParameter
    {
        public string Name { get; set; }

        /// <summary>customapifieldtype (see CustomApiParameter.Types).</summary>
        public int Type { get; set; }

        public bool IsOptional { get; set; }
        public string Description { get; set; }
    }

    /// <summary>One Custom API: its registration on the plug-in class and its contract's parameters.</summary>
    public sealed class DeclaredApi
    {
        public Type PluginType { get; set; }
        public CustomApiAttribute Registration { get; set; }
        public string UniqueName { get; set; }

        /// <summary>Null for an unbound API.</summary>
        public string BoundTable { get; set; }

        public IReadOnlyList<DeclaredParameter> RequestParameters { get; set; }
        public IReadOnlyList<DeclaredParameter> ResponseProperties { get; set; }
    }

    /// <summary>The steps, Custom APIs and plug-in types the plug-in assembly declares, read by reflection.</summary>
    public static class Declarations
    {
        public static IReadOnlyList<Type> PluginTypes(Assembly plugins) =>
            plugins.GetExportedTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IPlugin).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

        /// <summary>The [Step] declarations, and the steps the fact sources derive (<see cref="FactSourceSteps"/>).</summary>
        public static IReadOnlyList<DeclaredStep> Steps(Assembly plugins) =>
            PluginTypes(plugins).SelectMany(type => type.GetCustomAttributes<StepAttribute>().Select(step => (type, step)))
                .Concat(FactSourceSteps.All.Select(step => (type: FactSourceSteps.PluginType, step)))
                .SelectMany(s => s.step.Tables.Select(table => new DeclaredStep(s.type, s.step, table))).ToList();

        public static IReadOnlyList<DeclaredApi> CustomApis(Assembly plugins) =>
            PluginTypes(plugins).Select(type => (type, registration: type.GetCustomAttribute<CustomApiAttribute>())).Where(p => p.registration != null)
                .Select(p => Api(p.type, p.registration)).ToList();

        private static DeclaredApi Api(Type pluginType, CustomApiAttribute registration)
        {
            var request = registration.Request;
            var contract = request.BaseType;
            while (contract != null && !(contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(CustomApiRequest<>))) contract = contract.BaseType;
            if (contract == null) throw new InvalidOperationException($"{pluginType.FullName}: {request.FullName} is not a CustomApiRequest<TResponse>.");
            var instance = Activator.CreateInstance(request);
            var uniqueName = (string)request.GetProperty("UniqueName").GetValue(instance);
            var bound = request.GetProperty("BoundTable")?.GetValue(instance) as string;
            return new DeclaredApi
            {
                PluginType = pluginType,
                Registration = registration,
                UniqueName = uniqueName,
                BoundTable = bound,
                RequestParameters = Parameters(request, uniqueName),
                ResponseProperties = Parameters(contract.GetGenericArguments()[0], uniqueName),
            };
        }

        private static IReadOnlyList<DeclaredParameter> Parameters(Type contract, string api) =>
            contract.GetProperties().Select(p => (property: p, parameter: p.GetCustomAttribute<ParameterAttribute>())).Where(p => p.parameter != null)
                .Select(p => new DeclaredParameter
                {
                    Name = p.property.Name,
                    Type = FieldType(p.property.PropertyType, $"{api}.{p.property.Name}"),
                    IsOptional = p.parameter.IsOptional,
                    Description = p.parameter.Description,
                })
                .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

        private static int FieldType(Type clr, string what)
        {
            var type = Nullable.GetUnderlyingType(clr) ?? clr;
            foreach (var known in CustomApiParameter.Types)
                if (known.Value.Item1 == type) return known.Key;
            throw new InvalidOperationException($"{what}: {clr.Name} is not a Custom API parameter type.");
        }
    }
}
