using NeuroMas.Alignment;
using NUnit.Framework;

namespace NeuroMas.Tests.Alignment;

public sealed class AlignmentResultTests
{
    private static AlignmentResult WithHistory(params AlignmentProgress[] history) =>
        new(new AlignmentOptions(), ["a", "b"], 4, [], history, history.Length == 0 ? 0 : history[^1].Step, 10, 0,
            new PhaseProfile(0, 0, 0, 0, 0, 0));

    private static AlignmentProgress Point(int step, double iia, double seconds) => new(step, 1000, 0.1, 0.1, iia, seconds);

    [Test]
    public void TimeToAnswer_IsTheFirstValidationPointAtTheAnswerIia()
    {
        var result = WithHistory(Point(100, 0.5, 1), Point(200, 0.949, 2), Point(300, 0.95, 3), Point(400, 0.99, 4));
        Assert.That(result.TimeToAnswer, Is.EqualTo(Point(300, 0.95, 3)));
    }

    [Test]
    public void TimeToAnswer_IsNull_WhenValidationNeverReachesIt_AndIgnoresControlTrainings()
    {
        Assert.That(WithHistory(Point(100, 0.5, 1), Point(200, 0.94, 2)).TimeToAnswer, Is.Null);
        Assert.That(WithHistory(Point(100, 0.99, 1) with { Part = "shuffled" }).TimeToAnswer, Is.Null);
        Assert.That(WithHistory().TimeToAnswer, Is.Null);
    }
}
