using System.ComponentModel;

namespace Augment.Experiments.Options;

/// <summary>
/// An option's default read from the library's options record (its parameterless instance), so the default is declared
/// once, where the library declares it, and --help still shows it. The parser sets the property from it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
sealed class LibraryDefaultAttribute(Type record, string property) : DefaultValueAttribute((object?)null)
{
    public override object? Value
    {
        get
        {
            var value = record.GetProperty(property)!.GetValue(Activator.CreateInstance(record));
            // Anything else as a user types it: --device auto, --arch default.
            return value is null or string or bool or int or float or double ? value : HelpFormat.Of(value);
        }
    }
}
