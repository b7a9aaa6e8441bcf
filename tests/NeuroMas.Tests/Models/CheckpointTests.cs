using NeuroMas.Models;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Models;

public class CheckpointTests
{
    private string _folder = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "nm-ckpt-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCase("gru")]
    [TestCase("lstm")]
    [TestCase("transformer")]
    public void SaveThenLoad_GivesTheSameNetwork(string architecture)
    {
        using var scope = NewDisposeScope();
        using var network = TestNetworks.Create(architecture, seed: 7);
        var path = Path.Combine(_folder, "n.nmck");
        Checkpoint.Save(path, network, new CheckpointInfo { Network = network.Options, Task = "multi-object", Seed = 7 });
        var (loaded, info) = Checkpoint.Load(path);
        using (loaded)
        {
            using var batch = SequenceBatch.From(TestNetworks.Sequences(4, 1));
            Assert.That(info.Network.Architecture, Is.EqualTo(architecture));
            Assert.That(loaded.call(batch.Tokens).allclose(network.call(batch.Tokens)), Is.True);
            Assert.That(loaded.parameters().All(p => !p.requires_grad), Is.True, "loaded networks are frozen");
        }
    }

    [Test]
    public void MissingFile_IsAnInputErrorNamingThePath()
    {
        var path = Path.Combine(_folder, "none.nmck");
        var e = Assert.Throws<InputException>(() => Checkpoint.Load(path));
        Assert.That(e!.Message, Does.StartWith(path));
    }

    [Test]
    public void CorruptFile_IsAnInputError()
    {
        var path = Path.Combine(_folder, "bad.nmck");
        File.WriteAllText(path, "not a checkpoint at all");
        var e = Assert.Throws<InputException>(() => Checkpoint.Load(path));
        Assert.That(e!.Message, Does.Contain("header").And.Not.Contain("\n"));
    }

    [Test]
    public void TruncatedWeights_AreAnInputError()
    {
        using var network = TestNetworks.Create("gru");
        var path = Path.Combine(_folder, "cut.nmck");
        Checkpoint.Save(path, network, new CheckpointInfo { Network = network.Options });
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<InputException>(() => Checkpoint.Load(path));
        Assert.That(e!.Message, Does.Contain("weights"));
    }

    [Test]
    public void CheckpointOfAnotherArchitecture_IsAnInputError()
    {
        using var network = TestNetworks.Create("lstm");
        var path = Path.Combine(_folder, "lstm.nmck");
        Checkpoint.Save(path, network, new CheckpointInfo { Network = network.Options });
        var e = Assert.Throws<InputException>(() => Checkpoint.Load(path, expectedArchitecture: "gru"));
        Assert.That(e!.Message, Does.Contain("expected gru").And.Contain("found lstm"));
    }
}
