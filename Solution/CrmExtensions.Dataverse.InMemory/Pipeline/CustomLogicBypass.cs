using System;
using System.Linq;
using CrmExtensions.Dataverse.InMemory.Registration;
using CrmExtensions.Dataverse.InMemory.Security;
using CrmExtensions.Dataverse.InMemory.Storage;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Dataverse.InMemory.Pipeline
{
    /// <summary>Which custom steps a request skips.</summary>
    [Flags]
    public enum CustomLogic
    {
        None = 0,
        Sync = 1,
        Async = 2,
    }

    /// <summary>
    /// The optional parameters a client sends to load data without custom business logic, as a migration does:
    /// BypassBusinessLogicExecution ("CustomSync", "CustomAsync" or both, comma separated; needs
    /// prvBypassCustomBusinessLogic) and the older BypassCustomPluginExecution (synchronous steps only; needs
    /// prvBypassCustomPlugins). The bypass holds for the request's own operation only: Microsoft's FAQ says logic that runs
    /// on other records (the order close FulfillSalesOrder records, the invoice ConvertSalesOrderToInvoice creates) is not
    /// bypassed. Only custom steps exist in this host, so every step registered on the operation is skipped. Not modelled:
    /// BypassBusinessLogicExecutionStepIds, and the parameters on ExecuteMultiple (each inner request carries its own).
    /// </summary>
    internal static class CustomLogicBypass
    {
        public const string BusinessLogicParameter = "BypassBusinessLogicExecution";
        public const string PluginParameter = "BypassCustomPluginExecution";
        public const string BusinessLogicPrivilege = "prvBypassCustomBusinessLogic";
        public const string PluginPrivilege = "prvBypassCustomPlugins";

        /// <summary>What <paramref name="request"/> asks to skip, checked against the caller's privileges.</summary>
        public static CustomLogic Requested(OrganizationRequest request, Guid userId, UserPrivileges privileges)
        {
            var skipped = CustomLogic.None;
            if (request.Parameters.TryGetValue(BusinessLogicParameter, out var value) && value != null)
            {
                foreach (var part in Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture).Split(',').Select(p => p.Trim()))
                {
                    if (string.Equals(part, "CustomSync", StringComparison.OrdinalIgnoreCase)) skipped |= CustomLogic.Sync;
                    else if (string.Equals(part, "CustomAsync", StringComparison.OrdinalIgnoreCase)) skipped |= CustomLogic.Async;
                    else throw new DataverseFaultException(ErrorCodes.InvalidArgument,
                        $"{BusinessLogicParameter}: '{part}' is not a valid value; use CustomSync, CustomAsync or CustomSync,CustomAsync.");
                }
                Demand(privileges, userId, BusinessLogicPrivilege);
            }
            if (request.Parameters.TryGetValue(PluginParameter, out var plugins) && plugins is bool bypass && bypass)
            {
                Demand(privileges, userId, PluginPrivilege);
                skipped |= CustomLogic.Sync;
            }
            return skipped;
        }

        public static bool Skips(this CustomLogic skipped, StepRegistration step) =>
            (skipped & (step.Mode == StepMode.Asynchronous ? CustomLogic.Async : CustomLogic.Sync)) != 0;

        private static void Demand(UserPrivileges privileges, Guid userId, string privilege)
        {
            if (!privileges.Has(userId, privilege))
                throw new DataverseFaultException(ErrorCodes.PrincipalPrivilegeDenied,
                    $"Principal user (Id={userId}, type=8, roleCount={privileges.RoleCount(userId)}), is missing {privilege} privilege.");
        }
    }
}
