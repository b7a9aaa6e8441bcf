namespace NeuroMas.Alignment;

/// <summary>
/// Which trials of a recording train, validate and test an alignment: trials are dealt into <see cref="Folds"/> folds by
/// id (trial mod folds); fold <see cref="TestFold"/> is held out for the test, the fold before it validates (early
/// stopping), the rest train. The default, 5 folds testing on fold 4, is the 60/20/20 split every run uses; cross-validation
/// (<c>cv_folds</c>) runs once per test fold.
/// </summary>
public sealed record TrialSplit(int Folds, int TestFold)
{
    public static TrialSplit Default { get; } = new(5, 4);

    /// <summary>0 train, 1 validation, 2 test.</summary>
    public int Of(int trial)
    {
        var fold = ((trial % Folds) + Folds) % Folds;
        return fold == TestFold ? 2 : fold == (TestFold - 1 + Folds) % Folds ? 1 : 0;
    }

    /// <summary>Every problem with this split.</summary>
    public IReadOnlyList<string> Validate() =>
        Folds < 3 ? [$"cv_folds: expected at least 3 (a training, a validation and a test fold), found {Folds}"]
        : TestFold < 0 || TestFold >= Folds ? [$"test fold {TestFold}: expected 0 to {Folds - 1}"] : [];
}
