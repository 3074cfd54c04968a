using System.Collections.Generic;
using System.Linq;
using CrmExtensions.Domain.Configuration;
using CrmExtensions.Plugins.Infrastructure;
using CrmExtensions.Plugins.Model;
using CrmExtensions.Plugins.Registration;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// cx_setting Create, Update of name, document or state, and SetState, synchronous before the write: the row as the
    /// change leaves it is judged by its name (<see cref="SettingsRows"/>), so a document the evaluations could not read
    /// — a settings document saved or renamed under the calibration's name, a second active row of a name, a row switched
    /// on that would not load with the other — is refused with the reason and never reaches a recalculation. Every
    /// execution reads the settings afresh, so an accepted change is in force for the next one.
    /// </summary>
    [Step(MessageName.Create, Stage.PreValidation, Mode.Synchronous, Setting.EntityLogicalName,
        Description = "Refuse a settings row the evaluations could not read.")]
    [Step(MessageName.Update, Stage.PreOperation, Mode.Synchronous, Setting.EntityLogicalName, FilteringAttributes = StepColumns.SettingChange,
        PreImage = StepColumns.SettingChange, Description = "Refuse a change of a settings row the evaluations could not read.")]
    [Step(MessageName.SetState, Stage.PreOperation, Mode.Synchronous, Setting.EntityLogicalName, PreImage = StepColumns.SettingChange,
        Description = "Refuse switching on a settings row the evaluations could not read (legacy SetState).")]
    public sealed class ValidateSettings : PluginBase
    {
        public ValidateSettings(string unsecureConfiguration, string secureConfiguration) : base(unsecureConfiguration, secureConfiguration) { }

        protected override void Run(LocalPluginContext context)
        {
            var execution = context.Execution;
            var before = context.PreImage();
            var after = execution.MessageName == MessageName.SetState ? SetStateOver(before, execution) : context.TargetOverPreImage();
            var state = after.GetAttributeValue<OptionSetValue>(Common.StateCode)?.Value ?? Common.StateActive;
            var changed = new SettingsRow(execution.PrimaryEntityId, after.GetAttributeValue<string>(Setting.Name), after.GetAttributeValue<string>(Setting.Value),
                state == Common.StateActive);
            var name = before?.GetAttributeValue<string>(Setting.Name);
            var others = SettingsRows.IsRead(changed.Name) || SettingsRows.IsRead(name) ? ReadRows(context.SystemService) : Enumerable.Empty<SettingsRow>();
            SettingsRows.Check(changed, name, others);
            context.Trace("Settings row '{0}' is valid.", changed.Name);
        }

        private static Entity SetStateOver(Entity before, IPluginExecutionContext execution)
        {
            var row = new Entity(Setting.EntityLogicalName, execution.PrimaryEntityId);
            foreach (var column in before?.Attributes ?? Enumerable.Empty<KeyValuePair<string, object>>()) row[column.Key] = column.Value;
            row[Common.StateCode] = execution.InputParameters[Parameters.State];
            return row;
        }

        /// <summary>The active rows the evaluations read (1 call, only for a change that touches one of their names).</summary>
        private static IEnumerable<SettingsRow> ReadRows(IOrganizationService service)
        {
            var query = new QueryExpression(Setting.EntityLogicalName) { ColumnSet = new ColumnSet(Setting.Name, Setting.Value) };
            query.Criteria.AddCondition(Setting.Name, ConditionOperator.In, Setting.ActiveSettingsName, Setting.CalibrationName);
            query.Criteria.AddCondition(Common.StateCode, ConditionOperator.Equal, Common.StateActive);
            return service.RetrieveMultiple(query).Entities
                .Select(r => new SettingsRow(r.Id, r.GetAttributeValue<string>(Setting.Name), r.GetAttributeValue<string>(Setting.Value), true)).ToList();
        }
    }
}
