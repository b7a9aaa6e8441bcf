namespace NeuroMas.Recordings;

/// <summary>
/// Recognises CSV files saved by spreadsheets in locales with a decimal comma (<c>;</c>-separated,
/// <c>1,5</c>), so that a wrong separator is reported as such instead of as missing columns.
/// </summary>
internal static class CsvDialect
{
    private static readonly char[] Candidates = [';', '\t', ',', '|'];

    /// <summary>
    /// Throws when the header is one field that another separator would split: the file was
    /// written with a different separator (and, for <c>;</c>, probably with decimal commas).
    /// </summary>
    public static void CheckHeader(string path, IReadOnlyList<string> header, CsvReadOptions options)
    {
        if (header.Count != 1)
            return;
        var found = Candidates.FirstOrDefault(c => c != options.Separator && header[0].Contains(c, StringComparison.Ordinal));
        if (found == default)
            return;
        var name = found == '\t' ? "tab" : $"'{found}'";
        var decimalComma = found != ',' && SecondLine(path).Contains(',', StringComparison.Ordinal);
        var fix = decimalComma
            ? $"looks {name}-separated with decimal commas: set csv.separator: '{Show(found)}' and csv.decimal: ','"
            : $"looks {name}-separated: set csv.separator: '{Show(found)}'";
        throw new InputException(
            $"{path}: line 1: expected columns separated by '{Show(options.Separator)}', found one column '{Shorten(header[0])}': {fix}");
    }

    /// <summary>A hint for a unit value that did not parse: a decimal comma with the decimal point set.</summary>
    public static string Hint(string text, CsvReadOptions options) =>
        options.Decimal == '.' && text.Contains(',', StringComparison.Ordinal) && float.TryParse(text.Replace(',', '.'),
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? ": looks like a decimal comma: set csv.decimal: ','"
            : "";

    private static string SecondLine(string path)
    {
        using var reader = new StreamReader(path);
        reader.ReadLine();
        return reader.ReadLine() ?? "";
    }

    private static string Show(char c) => c == '\t' ? "\\t" : c.ToString();

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
