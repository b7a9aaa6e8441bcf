using NeuroMas.Alignment;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Alignment;

public class MapTests
{
    private static AlignmentMap Create(string kind, int width = 24, int k = 6)
    {
        manual_seed(3);
        using var scope = NewDisposeScope();
        var mean = randn(width);
        var scale = rand(width) + 0.5;
        return kind switch
        {
            "orthogonal" => new OrthogonalMap(width, mean, scale),
            "linear" => new LinearMap(width, mean, scale),
            _ => new SubspaceMap(width, k, mean, scale),
        };
    }

    [TestCase("orthogonal")]
    [TestCase("linear")]
    public void Inverse_RestoresTheInput(string kind)
    {
        using var scope = NewDisposeScope();
        using var map = Create(kind);
        var h = randn(50, 24) * 3;
        Assert.That(map.Decode(map.Encode(h)).allclose(h, atol: 1e-5), Is.True);
    }

    [TestCase("orthogonal")]
    [TestCase("linear")]
    [TestCase("subspace")]
    public void SwappingAStateWithItself_ChangesNothing(string kind)
    {
        using var scope = NewDisposeScope();
        using var map = Create(kind);
        var h = randn(50, 24);
        var replaced = map.ReplaceBlock(h, map.EncodeBlock(h, 0, 6), 0, dropComplement: false);
        Assert.That(replaced.allclose(h, atol: 1e-5), Is.True);
    }

    [Test]
    public void OrthogonalMap_StaysOrthogonal_ThroughTraining()
    {
        using var map = Create("orthogonal");
        using var optimizer = optim.Adam(map.parameters(), 0.05);
        var target = randn(64, 24);
        for (var step = 0; step < 200; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = (map.Encode(target)[.., ..6] - 1).pow(2).mean();
            loss.backward();
            optimizer.step();
        }
        using var check = NewDisposeScope();
        var w = ((OrthogonalMap)map).Rotation();
        Assert.That((w.matmul(w.t()) - eye(24)).abs().max().item<float>(), Is.LessThan(1e-5f));
        Assert.That(map.parameters().First().abs().max().item<float>(), Is.GreaterThan(0.1f), "training must have moved the generator");
    }

    [Test]
    public void SubspaceIntervention_LeavesTheComplementUntouched()
    {
        using var scope = NewDisposeScope();
        using var map = (SubspaceMap)Create("subspace");
        var h = randn(20, 24);
        var other = randn(20, 24);
        var moved = map.ReplaceBlock(h, map.EncodeBlock(other, 0, 6), 0, dropComplement: false);
        Assert.That(map.EncodeBlock(moved, 0, 6).allclose(map.EncodeBlock(other, 0, 6), atol: 1e-4), Is.True, "the block is the source's");
        // Standardised difference lies in the span of the basis.
        var basis = map.Basis();
        var difference = moved - h;
        var scaled = difference / map.get_buffer("scale")!;
        var residual = scaled - scaled.matmul(basis).matmul(basis.t());
        Assert.That(residual.abs().max().item<float>(), Is.LessThan(1e-4f));
    }

    [Test]
    public void IdentityMapWithAFullSwap_GivesTheTargetTheSourceState()
    {
        using var scope = NewDisposeScope();
        using var map = new OrthogonalMap(16, randomStart: false);
        var source = randn(10, 16);
        var target = randn(10, 16);
        var swapped = map.ReplaceBlock(target, map.EncodeBlock(source, 0, 16), 0, dropComplement: false);
        Assert.That(swapped.allclose(source, atol: 1e-6), Is.True);
    }
}
