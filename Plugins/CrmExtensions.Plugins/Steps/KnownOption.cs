using System;
using System.Linq;
using CrmExtensions.Domain;
using CrmExtensions.Plugins.Model;
using Microsoft.Xrm.Sdk;

namespace CrmExtensions.Plugins.Steps
{
    /// <summary>
    /// A choice column's domain value as a step checks it: an option this version does not know (a newer solution's, or a
    /// number typed through the API) is refused, naming the known ones, so the rules never meet a value they cannot place.
    /// </summary>
    public static class KnownOption
    {
        public static TEnum? Of<TEnum>(OptionSetValue option, string what) where TEnum : struct
        {
            if (option == null) return null;
            if (Choice.TryFromOption<TEnum>(option.Value, out var value)) return value;
            var known = string.Join(", ", Enum.GetValues(typeof(TEnum)).Cast<TEnum>().Select(v => $"{Choice.ToOption(v)} ({v})"));
            throw new DomainValidationException($"The {what} {option.Value} is not one CrmExtensions knows; choose one of {known}.");
        }
    }
}
