using System;
using System.Globalization;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;

namespace CrmExtensions.Domain.Json
{
    /// <summary>
    /// Walks a JSON document front to back through the framework's JSON reader (JsonReaderWriterFactory), which presents
    /// JSON as XML: an element per value, its kind in a "type" attribute, a member's name as the element's name (or, when
    /// the name is no XML name, in an "item" attribute). Values convert as Json.NET converted them for the ledger and the
    /// plan; a value that does not convert throws <see cref="FormatException"/>, malformed JSON <see cref="XmlException"/>.
    /// </summary>
    internal sealed class JsonInput : IDisposable
    {
        private const string ItemNamespace = "item";
        private readonly XmlDictionaryReader _reader;
        private bool _enteredEmpty;

        private JsonInput(XmlDictionaryReader reader) => _reader = reader;

        /// <summary>Positioned on the document's root value.</summary>
        public static JsonInput Open(string json)
        {
            var reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(json), XmlDictionaryReaderQuotas.Max);
            reader.MoveToContent();
            var input = new JsonInput(reader);
            input.Arrive();
            return input;
        }

        public void Dispose() => _reader.Close();

        /// <summary>The kind of the value the input is on (read once per value: the ledger is read on every event).</summary>
        public JsonKind Kind { get; private set; }

        private void Arrive()
        {
            switch (_reader.GetAttribute("type"))
            {
                case "object": Kind = JsonKind.Object; break;
                case "array": Kind = JsonKind.Array; break;
                case "number": Kind = JsonKind.Number; break;
                case "boolean": Kind = JsonKind.Boolean; break;
                case "null": Kind = JsonKind.Null; break;
                default: Kind = JsonKind.String; break;
            }
        }

        /// <summary>Steps into the current value, an object; <see cref="NextMember"/> then walks its members.</summary>
        public void EnterObject() => Enter(JsonKind.Object);

        /// <summary>Steps into the current value, an array; <see cref="NextItem"/> then walks its items.</summary>
        public void EnterArray() => Enter(JsonKind.Array);

        /// <summary>
        /// Moves to the next member of the object last entered, or out of it at its end (false). A member set to null is
        /// passed over as if absent: the serializer ignored nulls when reading.
        /// </summary>
        public bool NextMember(out string name)
        {
            while (NextChild())
            {
                if (Kind == JsonKind.Null)
                {
                    _reader.Skip();
                    continue;
                }
                name = _reader.NamespaceURI == ItemNamespace ? _reader.GetAttribute(ItemNamespace) : _reader.LocalName;
                return true;
            }
            name = null;
            return false;
        }

        /// <summary>Moves to the next item of the array last entered, or out of it at its end (false).</summary>
        public bool NextItem() => NextChild();

        public void Skip() => _reader.Skip();

        /// <summary>A string, number or boolean as its text; null for null.</summary>
        public string Text()
        {
            var kind = Kind;
            if (kind == JsonKind.Null)
            {
                _reader.Skip();
                return null;
            }
            if (kind == JsonKind.Object || kind == JsonKind.Array) throw new FormatException($"Expected a value but found an {kind.ToString().ToLowerInvariant()}.");
            return _reader.ReadElementContentAsString();
        }

        public string String() => Text();

        public int Int32() => int.Parse(Required(), NumberStyles.Integer, CultureInfo.InvariantCulture);

        /// <summary>The decimal as written, scale included (1.50 stays 1.50).</summary>
        public decimal Decimal() => decimal.Parse(Required(), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

        /// <summary>true or false; a number is true when not 0, a string is read as "true" or "false".</summary>
        public bool Boolean()
        {
            var kind = Kind;
            var text = Required();
            return kind == JsonKind.Number ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != 0 : bool.Parse(text);
        }

        public Guid Guid() => System.Guid.Parse(Required());

        /// <summary>A date as UTC: an offset is converted, a date without zone taken as UTC.</summary>
        public DateTime UtcDate()
        {
            if (Kind != JsonKind.String) throw new FormatException("Expected a date.");
            return JsonScalars.Date(Required(), utc: true);
        }

        /// <summary>An enum written as its number; its name, or its number as a string, is read too.</summary>
        public T Enum<T>() where T : struct
        {
            var kind = Kind;
            var text = Required();
            return kind == JsonKind.Number ? (T)System.Enum.ToObject(typeof(T), long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture))
                : JsonScalars.Enum<T>(text, allowNumbers: true);
        }

        private string Required() => Text() ?? throw new FormatException("Expected a value but found null.");

        private void Enter(JsonKind kind)
        {
            if (Kind != kind) throw new FormatException($"Expected an {kind.ToString().ToLowerInvariant()} but found {Kind.ToString().ToLowerInvariant()}.");
            _enteredEmpty = _reader.IsEmptyElement;
            _reader.Read();
        }

        private bool NextChild()
        {
            if (_enteredEmpty)
            {
                _enteredEmpty = false;
                return false;
            }
            if (_reader.MoveToContent() != XmlNodeType.EndElement)
            {
                Arrive();
                return true;
            }
            _reader.Read();
            return false;
        }
    }
}
