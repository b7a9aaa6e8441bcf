namespace NeuroMas.Tests;

public class SmokeTests
{
    [Test]
    public void TorchSharp_Loads_AndRunsAGru()
    {
        using var gru = TorchSharp.torch.nn.GRU(4, 8, batchFirst: true);
        using var x = TorchSharp.torch.randn(2, 5, 4);
        var (y, h) = gru.call(x, null);
        Assert.That(y.shape, Is.EqualTo(new long[] { 2, 5, 8 }));
        y.Dispose(); h.Dispose();
    }
}
