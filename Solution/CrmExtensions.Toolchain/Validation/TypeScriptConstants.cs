using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmExtensions.Cli.Validation
{
    /// <summary>One literal of a TypeScript module: a string, a number, or an object of literals, with its line.</summary>
    public sealed class TypeScriptLiteral
    {
        public TypeScriptLiteral(object value, int line) { Value = value; Line = line; }

        /// <summary>A string, a decimal, or an IReadOnlyDictionary&lt;string, TypeScriptLiteral&gt;.</summary>
        public object Value { get; }

        public int Line { get; }
        public IReadOnlyDictionary<string, TypeScriptLiteral> Properties => Value as IReadOnlyDictionary<string, TypeScriptLiteral>;
    }

    /// <summary>
    /// The exported constants of a TypeScript module that holds literals only (strings, numbers, object literals): enough
    /// to compare WebResources/src/shared/schema.ts with what it copies, without a TypeScript compiler.
    /// </summary>
    public sealed class TypeScriptConstants
    {
        private static readonly Regex Export = new Regex(@"export const (\w+)\s*(:[^=]+)?=\s*", RegexOptions.Compiled);

        private readonly Dictionary<string, TypeScriptLiteral> _constants = new Dictionary<string, TypeScriptLiteral>(StringComparer.Ordinal);
        private readonly string _text;
        private int _at;

        private TypeScriptConstants(string text)
        {
            _text = text;
            foreach (Match export in Export.Matches(text))
            {
                _at = export.Index + export.Length;
                _constants[export.Groups[1].Value] = Literal();
            }
        }

        public static TypeScriptConstants Parse(string text) => new TypeScriptConstants(text);

        public TypeScriptLiteral this[string name] => _constants.TryGetValue(name, out var literal) ? literal : null;

        private TypeScriptLiteral Literal()
        {
            Skip();
            var line = LineAt(_at);
            var c = _text[_at];
            if (c == '"') return new TypeScriptLiteral(Text(), line);
            if (c == '{') return new TypeScriptLiteral(Object(), line);
            var number = Regex.Match(_text.Substring(_at), @"^-?\d+(\.\d+)?");
            if (!number.Success) throw new FormatException($"line {line}: only string, number and object literals are read, not '{c}'");
            _at += number.Length;
            return new TypeScriptLiteral(decimal.Parse(number.Value, CultureInfo.InvariantCulture), line);
        }

        private IReadOnlyDictionary<string, TypeScriptLiteral> Object()
        {
            var properties = new Dictionary<string, TypeScriptLiteral>(StringComparer.Ordinal);
            _at++;
            while (true)
            {
                Skip();
                if (_text[_at] == '}') { _at++; return properties; }
                string key;
                if (_text[_at] == '"') key = Text();
                else
                {
                    key = Regex.Match(_text.Substring(_at), @"^[\w$]+").Value;
                    _at += key.Length;
                }
                Skip();
                if (_text[_at++] != ':') throw new FormatException($"line {LineAt(_at)}: ':' expected after '{key}'");
                properties[key] = Literal();
                Skip();
                if (_text[_at] == ',') _at++;
            }
        }

        private string Text()
        {
            var end = _text.IndexOf('"', _at + 1);
            var value = _text.Substring(_at + 1, end - _at - 1);
            _at = end + 1;
            return value;
        }

        /// <summary>Skips white space and comments.</summary>
        private void Skip()
        {
            while (_at < _text.Length)
            {
                if (char.IsWhiteSpace(_text[_at])) _at++;
                else if (string.CompareOrdinal(_text, _at, "//", 0, 2) == 0) _at = _text.IndexOf('\n', _at) is var n && n < 0 ? _text.Length : n;
                else if (string.CompareOrdinal(_text, _at, "/*", 0, 2) == 0) _at = _text.IndexOf("*/", _at, StringComparison.Ordinal) + 2;
                else return;
            }
        }

        private int LineAt(int index)
        {
            var line = 1;
            for (var i = 0; i < index && i < _text.Length; i++) if (_text[i] == '\n') line++;
            return line;
        }
    }
}
