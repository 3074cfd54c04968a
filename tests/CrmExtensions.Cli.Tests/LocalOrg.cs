using System;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using Microsoft.PowerPlatform.Dataverse.Client;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    /// <summary>
    /// An org on this machine that refuses every request as Dataverse's SOAP endpoint does, for ServiceClient itself to
    /// meet: HTTP 401 with the Bearer challenge (a token the org does not accept), or HTTP 500 with a SOAP fault carrying
    /// an OrganizationServiceFault. The client is ServiceClient with a token from outside, as crmext's device-code login
    /// makes it, so no sign-in service is needed. ServiceClient drops a URL's port, so the org listens on port 80 of its
    /// own loopback address.
    /// </summary>
    public sealed class LocalOrg : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Func<HttpListenerResponse, byte[]> _answer;

        private LocalOrg(Func<HttpListenerResponse, byte[]> answer)
        {
            _answer = answer;
            Address = Loopback();
            _listener.Prefixes.Add($"http://{Address}:80/");
            _listener.Start();
            Task.Run(Serve);
        }

        public IPAddress Address { get; }

        /// <summary>An org that refuses the caller's token, as Dataverse answers an expired or foreign one.</summary>
        public static LocalOrg RefusingTheLogin() => new LocalOrg(response =>
        {
            response.StatusCode = 401;
            response.AddHeader("WWW-Authenticate", "Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize");
            return new byte[0];
        });

        /// <summary>An org that refuses every request with this fault, as its SOAP endpoint sends one.</summary>
        public static LocalOrg Refusing(int errorCode, string message) => new LocalOrg(response =>
        {
            response.StatusCode = 500;
            response.ContentType = "text/xml; charset=utf-8";
            var text = SecurityElement.Escape(message);
            return Encoding.UTF8.GetBytes("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client</faultcode>" +
                $"<faultstring xml:lang=\"en-US\">{text}</faultstring><detail><OrganizationServiceFault xmlns=\"http://schemas.microsoft.com/xrm/2011/Contracts\" " +
                "xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><ActivityId>00000000-0000-0000-0000-000000000000</ActivityId>" +
                $"<ErrorCode>{errorCode}</ErrorCode><ErrorDetails xmlns:a=\"http://schemas.datacontract.org/2004/07/System.Collections.Generic\"/>" +
                $"<Message>{text}</Message><Timestamp>2026-11-01T09:00:00Z</Timestamp><ExceptionRetriable>false</ExceptionRetriable>" +
                "<ExceptionSource i:nil=\"true\"/><InnerFault i:nil=\"true\"/><OriginalException i:nil=\"true\"/><TraceText i:nil=\"true\"/>" +
                "</OrganizationServiceFault></detail></s:Fault></s:Body></s:Envelope>");
        });

        /// <summary>ServiceClient on this org, with a token the way crmext's device-code login hands it one.</summary>
        public ServiceClient Client() => new ServiceClient(new Uri($"http://{Address}"), _ => Task.FromResult("token-from-the-sign-in-service"), true);

        private void Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext call;
                try
                {
                    call = _listener.GetContext();
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
                {
                    return;
                }
                try
                {
                    var body = _answer(call.Response);
                    call.Response.OutputStream.Write(body, 0, body.Length);
                    call.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is System.IO.IOException)
                {
                    return; // disposed while answering: the test is over
                }
            }
        }

        /// <summary>An address of the loopback range of its own, so parallel runs never share port 80.</summary>
        private static IPAddress Loopback() => new IPAddress(new byte[] { 127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(2, 255) });

        /// <summary>
        /// Whether this machine lets a test serve port 80 of a loopback address of its own the way the org does (root or a
        /// lowered ip_unprivileged_port_start on Linux; a URL reservation on Windows; loopback aliases beyond 127.0.0.1).
        /// </summary>
        public static bool CanListen()
        {
            using (var probe = new HttpListener())
            {
                try
                {
                    probe.Prefixes.Add($"http://{Loopback()}:80/");
                    probe.Start();
                    return true;
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is SocketException)
                {
                    return false;
                }
            }
        }

        public void Dispose() => _listener.Close();
    }

    /// <summary>A fact that needs <see cref="LocalOrg"/>; skipped with the reason where port 80 is closed to the test.</summary>
    public sealed class LocalOrgFactAttribute : FactAttribute
    {
        public LocalOrgFactAttribute()
        {
            if (!LocalOrg.CanListen())
                Skip = "ServiceClient reaches an org on port 80 only, and this machine does not let the test serve port 80 of a loopback address of its own (Linux: root or a lower " +
                    "ip_unprivileged_port_start; Windows: a URL reservation; macOS: loopback aliases).";
        }
    }
}
