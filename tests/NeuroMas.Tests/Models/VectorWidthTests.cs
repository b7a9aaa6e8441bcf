using System.Numerics;
using System.Runtime.Intrinsics;

namespace NeuroMas.Tests.Models;

/// <summary>The tests run the vectorised passes at the CLI's width (NeuroMas.Tests.runsettings, the `neuromas` launcher).</summary>
public class VectorWidthTests
{
    [Test]
    public void VectorsAreAsWideAsTheCpuAllows()
    {
        Assert.That(Environment.GetEnvironmentVariable("DOTNET_MaxVectorTBitWidth"), Is.EqualTo("512"), "set by NeuroMas.Tests.runsettings");
        var expected = Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector<float>.Count;
        Assert.That(Vector<float>.Count, Is.EqualTo(expected));
    }
}
