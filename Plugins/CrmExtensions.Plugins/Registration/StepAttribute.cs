using System;

namespace CrmExtensions.Plugins.Registration
{
    /// <summary>Pipeline stage of a step (sdkmessageprocessingstep.stage).</summary>
    public enum Stage
    {
        PreValidation = 10,
        PreOperation = 20,
        PostOperation = 40,
    }

    /// <summary>Execution mode of a step (sdkmessageprocessingstep.mode).</summary>
    public enum Mode
    {
        Synchronous = 0,
        Asynchronous = 1,
    }

    /// <summary>
    /// Where Dataverse runs the plug-in class this decorates: one step per table listed, on the message, stage and mode
    /// given. Solution/src/SdkMessageProcessingSteps is generated from these declarations (the CLI's generate command)
    /// and its validate fails when the committed files differ. Column lists are comma-separated logical names, the form
    /// the platform stores them in; the images use the aliases named in <c>Parameters</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class StepAttribute : Attribute
    {
        public StepAttribute(string message, Stage stage, Mode mode, params string[] tables)
        {
            Message = message;
            Stage = stage;
            Mode = mode;
            Tables = tables;
        }

        public string Message { get; }
        public Stage Stage { get; }
        public Mode Mode { get; }
        public string[] Tables { get; }

        /// <summary>What the step does, shown to admins in the solution.</summary>
        public string Description { get; set; }

        /// <summary>Columns whose change fires an Update step; null fires on any change.</summary>
        public string FilteringAttributes { get; set; }

        /// <summary>Columns of the image taken before the operation; null registers no pre-image.</summary>
        public string PreImage { get; set; }

        /// <summary>Columns of the image taken after the operation; null registers no post-image.</summary>
        public string PostImage { get; set; }

        public int Rank { get; set; } = 1;
    }

    /// <summary>Names of the platform messages the steps are registered on.</summary>
    public static class MessageName
    {
        public const string Create = "Create";
        public const string Update = "Update";
        public const string Delete = "Delete";
        public const string SetState = "SetState";
    }
}
