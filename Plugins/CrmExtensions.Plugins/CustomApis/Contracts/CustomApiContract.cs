using System;
using Microsoft.Xrm.Sdk;

// The typed contracts of the product's Custom APIs: every parameter's name and type, written once. The API plug-ins,
// the workflow assembly (which compiles these files in, so it carries no dependency) and the tests use them;
// Solution/src/customapis and WebResources/src/shared/customApis.ts are generated from them.
namespace CrmExtensions.Plugins.CustomApis.Contracts
{
    /// <summary>Marks a request parameter or response property of a contract and says what it means.</summary>
    [AttributeUsage(AttributeTargets.Property, Inherited = true)]
    public sealed class ParameterAttribute : Attribute
    {
        public ParameterAttribute(string description)
        {
            Description = description;
        }

        public string Description { get; }

        /// <summary>A request parameter the caller may leave out.</summary>
        public bool IsOptional { get; set; }
    }

    /// <summary>The outputs of a Custom API, read from (or, in its plug-in, written to) the output parameters.</summary>
    public abstract class CustomApiResponse
    {
        public ParameterCollection Results { get; private set; } = new ParameterCollection();

        /// <summary>A typed view over output parameters, e.g. the plug-in's execution context's OutputParameters.</summary>
        public static TResponse Over<TResponse>(ParameterCollection results) where TResponse : CustomApiResponse, new() =>
            new TResponse { Results = results ?? throw new ArgumentNullException(nameof(results)) };

        protected T Get<T>(string name) => Results.TryGetValue(name, out var value) && value is T typed ? typed : default(T);

        protected void Set(string name, object value) => Results[name] = value;
    }

    /// <summary>The inputs of a Custom API: a typed view over the request's parameters.</summary>
    public abstract class CustomApiRequest<TResponse> where TResponse : CustomApiResponse, new()
    {
        protected CustomApiRequest(string uniqueName, ParameterCollection parameters)
        {
            UniqueName = uniqueName;
            Parameters = parameters ?? new ParameterCollection();
        }

        public string UniqueName { get; }
        public ParameterCollection Parameters { get; }

        /// <summary>The untyped request, as sent over IOrganizationService (a subclass would need to be a known type).</summary>
        public OrganizationRequest ToOrganizationRequest() => new OrganizationRequest(UniqueName) { Parameters = Parameters };

        protected T Get<T>(string name) => Parameters.TryGetValue(name, out var value) && value is T typed ? typed : default(T);

        /// <summary>Null leaves an optional parameter out, as a caller who does not pass it.</summary>
        protected void Set(string name, object value)
        {
            if (value == null) Parameters.Remove(name);
            else Parameters[name] = value;
        }
    }

    /// <summary>A Custom API bound to a table: the platform passes the record as Target.</summary>
    public abstract class BoundCustomApiRequest<TResponse> : CustomApiRequest<TResponse> where TResponse : CustomApiResponse, new()
    {
        public const string TargetParameter = "Target";

        protected BoundCustomApiRequest(string uniqueName, string boundTable, ParameterCollection parameters) : base(uniqueName, parameters)
        {
            BoundTable = boundTable;
        }

        public string BoundTable { get; }

        public EntityReference Target
        {
            get => Get<EntityReference>(TargetParameter);
            set => Set(TargetParameter, value);
        }
    }

    public static class CustomApiExecution
    {
        /// <summary>Calls the Custom API and returns its typed response.</summary>
        public static TResponse Execute<TResponse>(this IOrganizationService service, CustomApiRequest<TResponse> request) where TResponse : CustomApiResponse, new() =>
            CustomApiResponse.Over<TResponse>(service.Execute(request.ToOrganizationRequest()).Results);
    }
}
