using NeuroMas.Decoding;
using NeuroMas.Recordings;

namespace NeuroMas.Tests.Decoding;

/// <summary>kNN decoding against the linear decoder on recordings whose answer is known.</summary>
public class KnnDecoderTests
{
    /// <summary>
    /// <paramref name="trials"/> × 4 samples of 6 Gaussian units. With <paramref name="xor"/> the label is
    /// (unit 0 &gt; 0) XOR (unit 1 &gt; 0), a function no linear readout can express; otherwise 4 classes drawn
    /// independently of the activity.
    /// </summary>
    internal static Recording Synthetic(int seed, bool xor, int trials = 300)
    {
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var n = trials * 4;
        var activity = new float[n, 6];
        var label = new int[n];
        for (var i = 0; i < n; i++)
        {
            for (var u = 0; u < 6; u++) activity[i, u] = (float)(Gaussian() * (u < 2 ? 1 : 0.3) + 5);
            label[i] = xor ? ((activity[i, 0] > 5) ^ (activity[i, 1] > 5) ? 1 : 0) : random.Next(4);
        }
        var trial = Enumerable.Range(0, n).Select(i => i / 4).ToArray();
        var step = Enumerable.Range(0, n).Select(i => i % 4).ToArray();
        return new Recording("synthetic", activity, new Dictionary<string, int[]> { ["x"] = label }, trial, step);
    }

    [TestCase(1)]
    [TestCase(2)]
    public void XorLabel_IsDecodedByKnn_FarAboveTheLinearDecoder(int seed)
    {
        var recording = Synthetic(seed, xor: true);
        var knn = KnnDecoder.CrossValidatedAccuracy(recording, "x", seed: seed);
        var linear = LinearDecoder.CrossValidatedAccuracy(recording, "x", seed: seed);
        TestContext.Out.WriteLine($"seed {seed}: kNN {knn.Accuracy:0.000} (k = {string.Join(", ", knn.FoldNeighbours)}), linear {linear.Accuracy:0.000}");
        Assert.That(linear.Accuracy, Is.LessThan(0.62), "XOR is not linearly decodable");
        // Four of the six z-scored units are pure noise and weigh as much as the two that carry the label in the
        // distances, so kNN stays well short of perfect (about 0.81 to 0.84 here); the point is the gap.
        Assert.That(knn.Accuracy, Is.GreaterThan(0.75));
        Assert.That(knn.Accuracy - linear.Accuracy, Is.GreaterThan(0.2));
        Assert.That(knn.Decoder, Is.EqualTo("knn"));
        Assert.That(knn.FoldNeighbours, Has.Count.EqualTo(5));
        Assert.That(knn.Accuracy, Is.EqualTo(knn.HeldOutCorrect.Count(c => c) / (double)recording.Samples).Within(0.01));
    }

    [TestCase(1)]
    [TestCase(2)]
    public void NoiseRecording_IsAtChance_ForBothDecoders(int seed)
    {
        var recording = Synthetic(seed, xor: false);
        var knn = KnnDecoder.CrossValidatedAccuracy(recording, "x", seed: seed);
        var linear = LinearDecoder.CrossValidatedAccuracy(recording, "x", seed: seed);
        Assert.That(knn.ChanceLevel, Is.InRange(0.25, 0.30));
        Assert.That(knn.Accuracy, Is.EqualTo(0.25).Within(0.05));
        Assert.That(linear.Accuracy, Is.EqualTo(0.25).Within(0.05));
    }

    [Test]
    public void NeighbourCount_IsChosenWithoutLookingAtTheTestFold()
    {
        // Scrambling the labels of fold 0's test samples must not change the k chosen for fold 0 (its training data
        // are untouched), though it ruins that fold's accuracy.
        var recording = Synthetic(3, xor: true);
        var fold = LinearDecoder.FoldOfEachSample(recording.Trial, 5, 1);
        var scrambled = recording.Labels["x"].Select((v, i) => fold[i] == 0 ? 1 - v : v).ToArray();
        var altered = new Recording("synthetic", recording.Activity, new Dictionary<string, int[]> { ["x"] = scrambled }, recording.Trial, recording.Step);
        var clean = KnnDecoder.CrossValidatedAccuracy(recording, "x");
        var dirty = KnnDecoder.CrossValidatedAccuracy(altered, "x");
        Assert.That(dirty.FoldNeighbours[0], Is.EqualTo(clean.FoldNeighbours[0]));
        Assert.That(dirty.FoldAccuracies[0], Is.LessThan(0.3), "the test fold's labels were flipped");
    }

    [Test]
    public void BadCandidates_AreRefused()
    {
        var ex = Assert.Throws<InputException>(() =>
            KnnDecoder.CrossValidatedAccuracy(Synthetic(1, xor: false, trials: 20), "x", options: new KnnOptions { Candidates = [0, 3] }));
        Assert.That(ex!.Message, Is.EqualTo("kNN decoder: candidates are [0, 3]: expected one or more numbers ≥ 1"));
    }
}
