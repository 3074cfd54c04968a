using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.ServiceModel;
using System.ServiceModel.Security;
using CrmExtensions.Plugins.Model;
using Microsoft.PowerPlatform.Dataverse.Client.Exceptions;
using Microsoft.PowerPlatform.Dataverse.Client.Utils;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Cli.Failures
{
    /// <summary>
    /// What the org said when it refused a request or the login, however the client delivered it: the fault itself (the
    /// in-memory host, ServiceClient's SOAP calls), the DataverseOperationException ServiceClient makes of the Web API's
    /// error, WCF's MessageSecurityException for an HTTP 401 or 403, or any of them inside the exceptions a library wraps
    /// them in. One reader, so a refusal means the same exit code and line whichever way it came.
    /// </summary>
    public sealed class OrgRefusal
    {
        private OrgRefusal(string message, bool login, bool busy = false)
        {
            Message = FirstLine(message);
            Login = login;
            Busy = busy;
        }

        /// <summary>The first line of what the org said.</summary>
        public string Message { get; }

        /// <summary>True when the org refused who is asking (the token or the user), not what was asked.</summary>
        public bool Login { get; }

        /// <summary>
        /// True when the org was busy, not the request wrong: a SQL deadlock or timeout, a service protection limit (429),
        /// a server or gateway error (5xx). ServiceClient has already retried these; the same request may pass later.
        /// </summary>
        public bool Busy { get; }

        /// <summary>The first line of a message that may run over several (MSAL's, a fault's with its trace).</summary>
        public static string FirstLine(string text) => (text ?? "no reason given").Trim().Split('\n')[0].Trim();

        /// <summary>The refusal inside <paramref name="failure"/>, or null when the org refused nothing (a bug, the network).</summary>
        public static OrgRefusal Find(Exception failure)
        {
            foreach (var cause in Causes(failure))
            {
                switch (cause)
                {
                    case FaultException<OrganizationServiceFault> fault:
                        return new OrgRefusal(fault.Detail?.Message ?? fault.Message, false, PlatformErrors.IsBusy(fault.Detail?.ErrorCode));
                    case MessageSecurityException unauthorized:
                        return new OrgRefusal(unauthorized.Message, true);
                    case DataverseOperationException webApi when webApi.InnerException is HttpOperationException http && http.Response != null:
                        var status = http.Response.StatusCode;
                        return new OrgRefusal(webApi.Message, status == HttpStatusCode.Unauthorized,
                            status == (HttpStatusCode)429 || (int)status >= 500);
                }
            }
            return null;
        }

        /// <summary>The exception and every cause under it, an AggregateException's each one.</summary>
        public static IEnumerable<Exception> Causes(Exception failure)
        {
            if (failure == null) yield break;
            yield return failure;
            var inner = failure is AggregateException all ? all.InnerExceptions : (IEnumerable<Exception>)new[] { failure.InnerException };
            foreach (var cause in inner.SelectMany(Causes)) yield return cause;
        }
    }
}
