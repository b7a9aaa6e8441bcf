using System.Globalization;

namespace NeuroMas.Tasks;

/// <summary>
/// Reads a lab's own prompt set: a CSV file with a header, one prompt a row. Columns: <c>prompt</c> (token names
/// separated by spaces, e.g. <c>count: D0 D2 ; answer:</c>; <c>B</c> is put in front), <c>answer</c> (the token the system
/// must say next, a number such as <c>2</c>; <c>E</c> follows it), and optionally causal labels: columns named like the
/// causal model's variables (<c>count</c>, <c>phase</c>) giving the state after the prompt's last token, the site a
/// stepwise swap at that token intervenes on. Every row is replayed through the task's causal model; an answer or label
/// it disagrees with is an error naming the file, row and column, what the model says and what the file says.
/// </summary>
public static class PromptFile
{
    public const string PromptColumn = "prompt";
    public const string AnswerColumn = "answer";

    /// <summary>The prompts of <paramref name="path"/> as a task with <paramref name="baseTask"/>'s causal model.</summary>
    public static PromptSetTask Read(string path, ITask baseTask)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: prompts: expected a CSV file, found none");
        var lines = File.ReadAllLines(path).Select((text, i) => (Text: text.TrimEnd('\r'), Row: i + 1)).Where(l => l.Text.Trim().Length > 0).ToList();
        if (lines.Count == 0) throw new InputException($"{path}: header: expected columns {PromptColumn}, {AnswerColumn}[, causal labels], found an empty file");
        var header = lines[0].Text.Split(',').Select(c => c.Trim()).ToArray();
        var model = baseTask.CausalModel;
        var expected = $"{PromptColumn}, {AnswerColumn} and causal labels of {baseTask.Name} ({string.Join(", ", model.Variables)})";
        foreach (var required in new[] { PromptColumn, AnswerColumn })
            if (!header.Contains(required)) throw new InputException($"{path}: header: expected a column '{required}' ({expected}), found {string.Join(", ", header)}");
        foreach (var column in header.Where(c => c is not (PromptColumn or AnswerColumn)))
            if (!model.Variables.Contains(column)) throw new InputException($"{path}: header: expected columns {expected}, found '{column}'");
        foreach (var dup in header.GroupBy(c => c).Where(g => g.Count() > 1))
            throw new InputException($"{path}: header: expected each column once, found '{dup.Key}' {dup.Count()} times");
        var sequences = new List<TaskSequence>(lines.Count - 1);
        foreach (var (text, row) in lines.Skip(1))
        {
            var fields = text.Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != header.Length)
                throw new InputException($"{path}: row {row}: expected {header.Length} fields ({string.Join(", ", header)}), found {fields.Length}");
            string Field(string column) => fields[Array.IndexOf(header, column)];
            sequences.Add(Prompt(path, row, Field(PromptColumn), Field(AnswerColumn),
                header.Where(model.Variables.Contains).Select(c => (c, Field(c))).ToList(), baseTask));
        }
        if (sequences.Count == 0) throw new InputException($"{path}: rows: expected at least one prompt, found only the header");
        return new PromptSetTask($"{baseTask.Name} prompts from {Path.GetFileName(path)}", baseTask, sequences);
    }

    private static TaskSequence Prompt(string path, int row, string prompt, string answer, IReadOnlyList<(string Variable, string Value)> labels, ITask task)
    {
        var model = task.CausalModel;
        var tokens = new List<int> { Vocabulary.Begin };
        foreach (var name in prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            tokens.Add(Vocabulary.TryId(name, out var id) ? id
                : throw new InputException($"{path}: row {row}, {PromptColumn}: expected token names (e.g. count: D0 ; answer:), found '{name}'"));
        if (tokens.Count == 1) throw new InputException($"{path}: row {row}, {PromptColumn}: expected tokens, found none");
        var state = model.Initial;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && model.Predict(state) is { } emitted)
                throw new InputException($"{path}: row {row}, {PromptColumn}: expected the prompt to end where the system speaks, found '{Vocabulary.Name(tokens[i])}' after the model's answer {Vocabulary.Name(emitted)} is due");
            try { state = model.Step(state, tokens[i]); }
            catch (InvalidOperationException e) { throw new InputException($"{path}: row {row}, {PromptColumn}: expected a prompt {task.Name} accepts, found token {i} '{Vocabulary.Name(tokens[i])}' ({e.Message})"); }
        }
        if (model.Predict(state) is not { } due)
            throw new InputException($"{path}: row {row}, {PromptColumn}: expected a prompt after which the system answers (ending e.g. in answer:), found one that waits for more input");
        var given = answer.Length > 0 && Vocabulary.TryId(answer, out var a) ? a : -1;
        if (given != due)
            throw new InputException($"{path}: row {row}, {AnswerColumn}: expected {Vocabulary.Name(due)} (what the causal model of {task.Name} answers), found '{answer}'");
        foreach (var (variable, text) in labels)
        {
            var value = state[model.Variables.ToList().IndexOf(variable)];
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label != value)
                throw new InputException($"{path}: row {row}, {variable}: expected {value} (the causal state after '{Vocabulary.Name(tokens[^1])}'), found '{text}'");
        }
        tokens.Add(due);
        var rest = Continuation.TryRun(model, model.Step(state, due), [], task.MaxLength + tokens.Count)
            ?? throw new InputException($"{path}: row {row}: expected the trial to end after the answer, found no end within {task.MaxLength} tokens");
        tokens.AddRange(rest.Tokens);
        return TaskSequence.Replay(model, [.. tokens], out var reason)
            ?? throw new InputException($"{path}: row {row}: expected a trial the causal model of {task.Name} accepts, found {reason}");
    }
}
