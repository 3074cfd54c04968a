using CrmExtensions.Domain.Configuration;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// cx_setting Create/Update, PreValidation, synchronous (filtering: cx_value): a settings document that does not
    /// validate is refused with the field it names, so a bad edit never reaches the recalculation.
    /// </summary>
    [Step(MessageName.Create, Stage.PreValidation, Mode.Synchronous, Setting.EntityLogicalName,
        Description = "Refuse a settings document that does not validate.")]
    [Step(MessageName.Update, Stage.PreValidation, Mode.Synchronous, Setting.EntityLogicalName, FilteringAttributes = Setting.Value,
        Description = "Refuse a settings document that does not validate.")]
    public sealed class ValidateSettings : PluginBase
    {
        public ValidateSettings(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var target = context.Target;
            if (target == null || !target.Contains(Setting.Value)) return;
            SettingsLoader.Load(target.GetAttributeValue<string>(Setting.Value));
            context.Trace("Settings document is valid.");
        }
    }
}
