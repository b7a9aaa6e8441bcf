using System.ComponentModel;
using System.Globalization;

namespace NeuroMas;

/// <summary>
/// Lets configuration binding read and write an option enum by its snake_case names (<see cref="Choice"/>); put on
/// the enum as <c>[TypeConverter(typeof(ChoiceConverter&lt;T&gt;))]</c>.
/// </summary>
public sealed class ChoiceConverter<T> : EnumConverter where T : struct, Enum
{
    public ChoiceConverter() : base(typeof(T)) { }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? Choice.TryParse(typeof(T), text) ?? throw new FormatException($"expected one of {string.Join(", ", Choice.Names<T>())}, found '{text}'")
            : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is T choice ? Choice.Name(choice) : base.ConvertTo(context, culture, value, destinationType);
}
