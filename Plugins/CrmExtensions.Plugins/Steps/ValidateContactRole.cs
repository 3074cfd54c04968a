using CrmExtensions.Domain.Coverage;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// Contact Create and Update of layer or function, PreOperation, synchronous: a layer or function this version does
    /// not know is refused with the known ones, instead of the contact silently counting nowhere in its account's
    /// coverage. No service call.
    /// </summary>
    [Step(MessageName.Create, Stage.PreOperation, Mode.Synchronous, Contact.EntityLogicalName,
        Description = "Refuse a contact layer or function CrmExtensions does not know.")]
    [Step(MessageName.Update, Stage.PreOperation, Mode.Synchronous, Contact.EntityLogicalName, FilteringAttributes = StepColumns.ContactRole,
        Description = "Refuse a changed contact layer or function CrmExtensions does not know.")]
    public sealed class ValidateContactRole : PluginBase
    {
        public ValidateContactRole(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var target = context.Target ?? throw new InvalidPluginExecutionException("ValidateContactRole expects a Target entity.");
            KnownOption.Of<ContactLayer>(target.GetAttributeValue<OptionSetValue>(Contact.Layer), "contact layer");
            KnownOption.Of<ContactFunction>(target.GetAttributeValue<OptionSetValue>(Contact.Function), "contact function");
        }
    }
}
