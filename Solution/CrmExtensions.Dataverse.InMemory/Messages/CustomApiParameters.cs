using System;
using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Messages
{
    /// <summary>What the platform checks of a Custom API request before any step runs: required parameters, types, no unknown names.</summary>
    internal static class CustomApiParameters
    {
        public static void Check(CustomApiDefinition api, OrganizationRequest request)
        {
            foreach (var parameter in api.RequestParameters.Where(p => !p.IsOptional))
            {
                if (!request.Parameters.Contains(parameter.UniqueName) || request[parameter.UniqueName] == null)
                    throw Invalid($"{api.UniqueName}: required parameter '{parameter.UniqueName}' is missing.");
            }
            foreach (var parameter in api.RequestParameters)
            {
                if (!request.Parameters.TryGetValue(parameter.UniqueName, out var value) || value == null) continue;
                var known = CustomApiParameter.Types.TryGetValue(parameter.Type, out var expected);
                if (!known || !expected.Item1.IsInstanceOfType(value))
                    throw Invalid($"{api.UniqueName}: parameter '{parameter.UniqueName}' must be {(known ? expected.Item2 : "type " + parameter.Type)}, not {value.GetType().Name}.");
            }
            var declared = new HashSet<string>(api.RequestParameters.Select(p => p.UniqueName), StringComparer.OrdinalIgnoreCase) { "Target" };
            var unknown = request.Parameters.Keys.FirstOrDefault(k => !declared.Contains(k));
            if (unknown != null) throw Invalid($"{api.UniqueName}: '{unknown}' is not a parameter of this Custom API.");
        }

        private static DataverseFaultException Invalid(string message) => new DataverseFaultException(ErrorCodes.InvalidArgument, message);
    }
}
