using NeuroMas.Alignment;
using NUnit.Framework;

namespace NeuroMas.Tests.Alignment;

public sealed class StoppingRuleTests
{
    private static AlignmentProgress[] Iias(params double[] iias) =>
        iias.Select((iia, i) => new AlignmentProgress((i + 1) * 50, 1000, 0.1, 0.1, iia, i + 1)).ToArray();

    [Test]
    public void IiaPlateaus_WhenNoneOfTheLastValidationsRiseAboveTheBestBeforeThem()
    {
        Assert.That(StoppingRule.IiaPlateaued(Iias(0.5, 0.8, 0.88, 0.87, 0.884, 0.86), 3), Is.True);
        Assert.That(StoppingRule.IiaPlateaued(Iias(0.5, 0.8, 0.88, 0.87, 0.886, 0.86), 3), Is.False, "0.886 rose 0.006 above 0.88");
        Assert.That(StoppingRule.IiaPlateaued(Iias(0.5, 0.8, 0.88, 0.87, 0.86), 3), Is.False, "0.8 then 0.88: still rising within the window");
    }

    [Test]
    public void IiaPlateau_IsOffAtZero_AndNeedsMorePointsThanItsPatience()
    {
        Assert.That(StoppingRule.IiaPlateaued(Iias(0.9, 0.5, 0.5, 0.5), 0), Is.False);
        Assert.That(StoppingRule.IiaPlateaued(Iias(0.9, 0.5, 0.5), 3), Is.False);
        Assert.That(StoppingRule.IiaPlateaued(Iias(0.9, 0.5, 0.5, 0.5), 3), Is.True);
    }

    [Test]
    public void AlignmentOptions_RejectANegativeIiaPatience() =>
        Assert.That(new AlignmentOptions { IiaPatience = -1 }.Validate(), Has.One.Contains("iia_patience: expected 0 (off) or >= 1"));
}
