using System;

namespace Microsoft.Xrm.Sdk
{
    public class OrganizationRequest
    {
        private ParameterCollection _parameters = new ParameterCollection();

        public OrganizationRequest() { }
        public OrganizationRequest(string requestName) { RequestName = requestName; }

        public string RequestName { get; set; }

        public object this[string parameterName]
        {
            get => _parameters[parameterName];
            set => _parameters[parameterName] = value;
        }

        public ParameterCollection Parameters
        {
            get => _parameters;
            set => _parameters = value;
        }

        public Guid? RequestId { get; set; }
    }

    public class OrganizationResponse
    {
        private ParameterCollection _results = new ParameterCollection();

        public string ResponseName { get; set; }

        public object this[string parameterName]
        {
            get => _results[parameterName];
            set => _results[parameterName] = value;
        }

        public ParameterCollection Results
        {
            get => _results;
            set => _results = value;
        }
    }

    public sealed class ExecuteMultipleSettings
    {
        public bool ContinueOnError { get; set; }
        public bool ReturnResponses { get; set; }
    }

    public sealed class ExecuteMultipleResponseItem
    {
        public int RequestIndex { get; set; }
        public OrganizationResponse Response { get; set; }
        public OrganizationServiceFault Fault { get; set; }
    }
}
