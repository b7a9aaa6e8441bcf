using NeuroMas.Decoding;
using NeuroMas.Statistics;

namespace NeuroMas.Tests.Decoding;

public class DecodingCeilingTests
{
    private static readonly BootstrapOptions Fast = new() { Resamples = 500 };

    [Test]
    public void Ceiling_IsTheBetterDecoder_AndFlagsAnIiaAboveItsInterval()
    {
        var recording = KnnDecoderTests.Synthetic(4, xor: true);
        var ceiling = DecodingCeiling.Measure(recording, "x", bootstrap: Fast);
        Assert.That(ceiling.Best, Is.EqualTo("knn"));
        Assert.That(ceiling.BestAccuracy, Is.EqualTo(ceiling.KnnAccuracy));
        Assert.That(ceiling.KnnAccuracy.Value, Is.EqualTo(ceiling.Knn.HeldOutCorrect.Average(c => c ? 1.0 : 0.0)).Within(1e-12));
        Assert.That(ceiling.KnnAccuracy.Low, Is.LessThan(ceiling.KnnAccuracy.Value));
        Assert.That(ceiling.KnnAccuracy.High, Is.GreaterThan(ceiling.KnnAccuracy.Value));
        Assert.That(ceiling.KnnAccuracy.Clusters, Is.EqualTo(300), "resampled by trial");
        Assert.That(ceiling.IsExceededBy(ceiling.KnnAccuracy.High + 0.01), Is.True);
        Assert.That(ceiling.IsExceededBy(ceiling.LinearAccuracy.High), Is.False);
    }

    [Test]
    public void PairWeightedInterval_IsCentredOnAccuracyOver()
    {
        var recording = KnnDecoderTests.Synthetic(5, xor: true);
        var result = KnnDecoder.CrossValidatedAccuracy(recording, "x");
        string StateOf(int i) => recording.Labels["x"][i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] states = ["0", "0", "0", "1"];
        var interval = result.AccuracyInterval(recording.Trial, states, StateOf, Fast);
        Assert.That(interval.Value, Is.EqualTo(result.AccuracyOver(states, StateOf)).Within(1e-12));
        Assert.That(interval.Contains(interval.Value), Is.True);
        var none = Assert.Throws<InputException>(() => result.AccuracyInterval(recording.Trial, ["7"], StateOf, Fast));
        Assert.That(none!.Message, Does.Contain("no sample has any of the 1 given states"));
    }
}
