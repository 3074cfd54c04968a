using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace CrmExtensions.Cli.Deployment
{
    /// <summary>
    /// What an import job's data says went wrong: Dataverse logs the solution manifest and every component it processed
    /// (&lt;entity&gt;, &lt;optionSet&gt;, &lt;SdkMessageProcessingStep&gt;, ...) each with a &lt;result&gt; whose result is
    /// "failure" and whose errortext is the reason; the admin needs those lines, not the job's summary.
    /// </summary>
    public static class ImportLog
    {
        public static IReadOnlyList<string> Failures(string data)
        {
            if (string.IsNullOrWhiteSpace(data)) return new string[0];
            XElement log;
            try
            {
                log = XElement.Parse(data);
            }
            catch (XmlException)
            {
                return new string[0];
            }
            return log.Descendants("result").Where(r => (string)r.Attribute("result") == "failure").Select(r => Describe(r.Parent, r)).ToList();
        }

        private static string Describe(XElement component, XElement result)
        {
            var name = (string)component.Attribute("LocalizedName") ?? (string)component.Attribute("name") ?? (string)component.Attribute("id") ?? "";
            var code = (string)result.Attribute("errorcode");
            return $"{component.Name.LocalName} {name}: {(string)result.Attribute("errortext")}{(string.IsNullOrEmpty(code) || code == "0" ? "" : $" ({code})")}";
        }
    }
}
