using System.IO;
using System.Linq;
using CrmExtensions.Cli.Demo;
using Xunit;

namespace CrmExtensions.Cli.Tests
{
    public class CsvRecordsTests
    {
        [Fact]
        public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks_and_records_keep_their_first_line()
        {
            var text = "id,name\n1,\"Contoso, Ltd.\"\n\n2,\"The \"\"Best\"\" Co\nsecond line\"\n3,plain\n";
            var records = CsvRecords.Read(new StringReader(text), "accounts.csv").ToList();
            Assert.Equal(new[] { 1, 2, 4, 6 }, records.Select(r => r.Line));
            Assert.Equal(new[] { "1", "Contoso, Ltd." }, records[1].Fields);
            Assert.Equal(new[] { "2", "The \"Best\" Co\nsecond line" }, records[2].Fields);
            Assert.Equal(new[] { "3", "plain" }, records[3].Fields);
        }

        [Fact]
        public void An_unclosed_quote_names_the_line_its_record_starts_on()
        {
            var error = Assert.Throws<SampleDataException>(() => CsvRecords.Read(new StringReader("id,name\n1,ok\n2,\"open\nstill open\n"), "accounts.csv").ToList());
            Assert.StartsWith("accounts.csv(3): a quoted field is not closed", error.Message);
        }
    }
}
