using System;
using System.Globalization;
using System.Text;

namespace CrmExtensions.Domain.Json
{
    /// <summary>
    /// Turns a document written by hand into strict JSON for the framework's JSON reader, accepting what Json.NET accepted
    /// in the settings admins wrote: comments (// and /* */), a trailing comma, single-quoted strings and unquoted member
    /// names. A document that is not JSON even so is refused with the line and position where it goes wrong, which the
    /// framework's reader cannot tell.
    /// </summary>
    internal sealed class RelaxedJson
    {
        private readonly string _text;
        private readonly StringBuilder _strict;
        private int _at;

        private RelaxedJson(string text)
        {
            _text = text;
            _strict = new StringBuilder(text.Length);
        }

        /// <exception cref="JsonSyntaxException">The text is not JSON.</exception>
        public static string ToStrict(string text)
        {
            var json = new RelaxedJson(text);
            json.Value();
            json.SkipBlank();
            if (json._at < text.Length) throw json.Error("Additional text encountered after finished reading JSON content: " + text[json._at] + ".");
            return json._strict.ToString();
        }

        private bool AtEnd => _at >= _text.Length;

        private void Value()
        {
            SkipBlank();
            if (AtEnd) throw Error("Unexpected end when reading JSON.");
            switch (_text[_at])
            {
                case '{': Container('{', '}', members: true); break;
                case '[': Container('[', ']', members: false); break;
                case '"':
                case '\'':
                    String();
                    break;
                default: Word(quoted: false); break;
            }
        }

        private void Container(char open, char close, bool members)
        {
            _strict.Append(open);
            _at++;
            for (var first = true; ; first = false)
            {
                SkipBlank();
                if (AtEnd) throw Error("Unexpected end when reading JSON.");
                if (_text[_at] == close) break;
                if (!first)
                {
                    if (_text[_at] != ',') throw Error($"After a value, expected ',' or '{close}' but found '{_text[_at]}'.");
                    _at++;
                    SkipBlank();
                    if (!AtEnd && _text[_at] == close) break; // a trailing comma
                    _strict.Append(',');
                }
                if (members) Member();
                else Value();
            }
            _at++;
            _strict.Append(close);
        }

        private void Member()
        {
            if (AtEnd) throw Error("Unexpected end when reading JSON.");
            if (_text[_at] == '"' || _text[_at] == '\'') String();
            else Word(quoted: true);
            SkipBlank();
            if (AtEnd || _text[_at] != ':') throw Error("Invalid character after parsing property name. Expected ':' but got: " + (AtEnd ? "end of text" : _text[_at].ToString()) + ".");
            _at++;
            _strict.Append(':');
            Value();
        }

        /// <summary>A string in either quotes, written in double quotes with the escapes JSON allows (a raw control character escaped).</summary>
        private void String()
        {
            var quote = _text[_at++];
            _strict.Append('"');
            while (true)
            {
                if (AtEnd) throw Error("Unterminated string. Expected delimiter: " + quote + ".");
                var c = _text[_at++];
                if (c == quote) break;
                if (c == '\\')
                {
                    if (AtEnd) throw Error("Unterminated string. Expected delimiter: " + quote + ".");
                    var e = _text[_at++];
                    if (e == '\'') _strict.Append('\'');
                    else if (e == 'u' && _at + 4 <= _text.Length && int.TryParse(_text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))
                    {
                        _strict.Append("\\u").Append(_text, _at, 4);
                        _at += 4;
                    }
                    else if ("\"\\/bfnrt".IndexOf(e) >= 0) _strict.Append('\\').Append(e);
                    else throw Error(@"Bad JSON escape sequence: \" + e + ".");
                }
                else if (c == '"') _strict.Append("\\\"");
                else if (c < ' ') _strict.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else _strict.Append(c);
            }
            _strict.Append('"');
        }

        /// <summary>true, false, null, a number, or (<paramref name="quoted"/>) an unquoted member name.</summary>
        private void Word(bool quoted)
        {
            var start = _at;
            while (!AtEnd && (char.IsLetterOrDigit(_text[_at]) || "+-._$".IndexOf(_text[_at]) >= 0)) _at++;
            if (_at == start) throw Error($"Unexpected character encountered while parsing value: {_text[_at]}.");
            var word = _text.Substring(start, _at - start);
            if (quoted) _strict.Append('"').Append(word).Append('"');
            else if (word == "true" || word == "false" || word == "null" || IsNumber(word)) _strict.Append(word);
            else throw Error($"Unexpected value '{word}'.", start);
        }

        private static bool IsNumber(string word) =>
            (char.IsDigit(word[0]) || (word[0] == '-' && word.Length > 1 && char.IsDigit(word[1])))
            && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

        private void SkipBlank()
        {
            while (!AtEnd)
            {
                var c = _text[_at];
                if (char.IsWhiteSpace(c)) _at++;
                else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '/')
                    while (!AtEnd && _text[_at] != '\n') _at++;
                else if (c == '/' && _at + 1 < _text.Length && _text[_at + 1] == '*')
                {
                    var end = _text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                    if (end < 0) throw Error("Unexpected end while parsing comment.");
                    _at = end + 2;
                }
                else return;
            }
        }

        private JsonSyntaxException Error(string message) => Error(message, _at);

        /// <summary>Line and position (1-based) of <paramref name="at"/>; at the end of the text, of its last character.</summary>
        private JsonSyntaxException Error(string message, int at)
        {
            at = Math.Min(at, _text.Length);
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < at; i++)
            {
                if (_text[i] != '\n') continue;
                line++;
                lineStart = i + 1;
            }
            return new JsonSyntaxException(message, line, at - lineStart + (at < _text.Length ? 1 : 0));
        }
    }
}
