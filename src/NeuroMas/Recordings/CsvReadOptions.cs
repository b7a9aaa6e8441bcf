using Microsoft.Extensions.Configuration;

namespace NeuroMas.Recordings;

/// <summary>
/// Which columns of a CSV file (header row, one row per sample) <see cref="CsvRecordingReader"/>
/// reads. Unit columns are named by <see cref="UnitColumns"/> or found by <see cref="UnitPrefix"/>
/// (exactly one of the two).
/// </summary>
public sealed record CsvReadOptions
{
    /// <summary>Unit columns in order, e.g. <c>[v1, v4, v9]</c>. Default: none (use <see cref="UnitPrefix"/>).</summary>
    [ConfigurationKeyName("unit_columns")]
    public List<string> UnitColumns { get; init; } = [];

    /// <summary>
    /// Prefix of the unit columns: <c>u</c> takes every column named <c>u</c> + an integer
    /// (<c>u0, u1, …, u11</c>), ordered by that integer. Default: null (use <see cref="UnitColumns"/>).
    /// </summary>
    [ConfigurationKeyName("unit_prefix")]
    public string? UnitPrefix { get; init; }

    /// <summary>Columns to read as labels (integers or text for a <see cref="LabelMap"/>). Default: none.</summary>
    [ConfigurationKeyName("label_columns")]
    public List<string> LabelColumns { get; init; } = [];

    /// <summary>Trial id column; required unless null (then each row is its own trial). Default <c>trial</c>.</summary>
    [ConfigurationKeyName("trial_column")]
    public string? TrialColumn { get; init; } = "trial";

    /// <summary>Step column; required unless null (then every step is 0). Default <c>step</c>.</summary>
    [ConfigurationKeyName("step_column")]
    public string? StepColumn { get; init; } = "step";

    /// <summary>Field separator. Default <c>,</c>.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// Decimal mark of the unit values: <c>.</c> (default) or <c>,</c> as spreadsheets in many
    /// locales write them (then the separator must not be <c>,</c>; they use <c>;</c>).
    /// </summary>
    public char Decimal { get; init; } = '.';

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var prefix = !string.IsNullOrEmpty(UnitPrefix);
        if (prefix == (UnitColumns.Count > 0))
            problems.Add("give either UnitColumns or UnitPrefix (exactly one)");
        if (UnitColumns.Any(string.IsNullOrWhiteSpace) || LabelColumns.Any(string.IsNullOrWhiteSpace))
            problems.Add("a column name is empty");
        if (TrialColumn is { Length: 0 } || StepColumn is { Length: 0 })
            problems.Add("TrialColumn or StepColumn is empty (use null for none)");
        var named = UnitColumns.Concat(LabelColumns)
            .Concat(new[] { TrialColumn, StepColumn }.OfType<string>())
            .GroupBy(c => c, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        if (named.Count > 0)
            problems.Add($"columns named twice: {string.Join(", ", named)}");
        if (Separator is '"' or '\r' or '\n' || Separator > 127)
            problems.Add($"Separator '{Separator}' is not usable: expected an ASCII character other than a quote or line break");
        if (Decimal is not ('.' or ','))
            problems.Add($"Decimal '{Decimal}' is not usable: expected '.' or ','");
        else if (Decimal == Separator)
            problems.Add($"Decimal and Separator are both '{Decimal}': a decimal comma needs another separator, such as ';'");
        return problems;
    }
}
