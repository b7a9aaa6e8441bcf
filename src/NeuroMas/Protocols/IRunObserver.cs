using NeuroMas.Alignment;
using NeuroMas.Results;

namespace NeuroMas.Protocols;

/// <summary>What a protocol run tells its caller as it goes (the CLI draws progress from it).</summary>
public interface IRunObserver
{
    void Planned(IReadOnlyList<RunSpec> runs);
    void Started(RunSpec run, int index);
    void Skipped(RunSpec run, int index);

    /// <summary>An unfinished run continues from the training state it saved before it was stopped.</summary>
    void Resumed(RunSpec run, int index);
    void Progress(RunSpec run, AlignmentProgress progress);
    void Finished(RunSpec run, int index, IReadOnlyList<ResultRow> rows, AlignmentResult result);

    /// <summary>Something the user should know that does not stop the run (plots not drawn, a run's inputs changed).</summary>
    void Warning(string message);

    /// <summary>A step outside the runs (training the protocol's own networks, their probe accuracies).</summary>
    void Note(string message) { }
}
