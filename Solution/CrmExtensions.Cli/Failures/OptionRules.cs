using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using CrmExtensions.Domain;

namespace CrmExtensions.Cli.Failures
{
    /// <summary>
    /// Checks on options that run while the command line is parsed, so a wrong value stops a verb before any build,
    /// file read or connection: the ranges --help states, the values a choice takes, and options that contradict.
    /// </summary>
    public static class OptionRules
    {
        public static T Within<T>(this T option, int min, int max) where T : Option
        {
            option.Validators.Add(result =>
            {
                var value = result.Tokens.Count == 0 ? (int?)null : int.TryParse(result.Tokens[0].Value, out var n) ? n : (int?)null;
                if (value.HasValue && (value < min || value > max))
                    result.AddError($"{result.IdentifierToken?.Value ?? option.Name} must be {(max == int.MaxValue ? $"at least {min}" : $"between {min} and {max}")}, not {value}.");
            });
            return option;
        }

        public static Option<string> OneOf(this Option<string> option, params string[] values)
        {
            option.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value != null && !values.Contains(value, StringComparer.Ordinal))
                    result.AddError($"{option.Name} takes {string.Join(" or ", values)}, not '{value}'.");
            });
            return option;
        }

        /// <summary>The domain's own check of a value (the rule the org applies), run before the request is sent.</summary>
        public static Option<string> CheckedBy(this Option<string> option, Action<string> check)
        {
            option.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value == null) return;
                try
                {
                    check(value);
                }
                catch (DomainValidationException refused)
                {
                    result.AddError($"{option.Name}: {refused.Message}");
                }
            });
            return option;
        }

        /// <summary>A date option: yyyy-MM-dd, read as that day's start in UTC.</summary>
        public static Option<string> Day(this Option<string> option)
        {
            option.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value != null && !TryDay(value, out _)) result.AddError($"{option.Name} '{value}' is not a date: write yyyy-MM-dd, e.g. 1998-06-30.");
            });
            return option;
        }

        public static bool TryDay(string text, out DateTime day) =>
            DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out day);

        /// <summary>Refuses <paramref name="first"/> given together with any of <paramref name="others"/>.</summary>
        public static void Excludes(this Command command, Option first, params Option[] others)
        {
            command.Validators.Add(result =>
            {
                if (!Given(result, first)) return;
                foreach (var other in others.Where(o => Given(result, o)))
                    result.AddError($"{first.Name} and {other.Name} contradict each other: pass one of them.");
            });
        }

        private static bool Given(CommandResult result, Option option) => result.GetResult(option) is OptionResult given && !given.Implicit;
    }
}
