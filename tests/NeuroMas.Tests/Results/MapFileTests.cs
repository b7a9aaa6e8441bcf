using NeuroMas.Alignment;
using NeuroMas.Results;
using static TorchSharp.torch;

namespace NeuroMas.Tests.Results;

public class MapFileTests
{
    [TestCase(MapKind.Orthogonal)]
    [TestCase(MapKind.Linear)]
    [TestCase(MapKind.Subspace)]
    public void SavedMaps_ReloadToTheSameFunction(MapKind kind)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var maps = new[] { MapFactory.Create(kind, 12, 3, randn(12), rand(12) + 0.5), MapFactory.Create(kind, 20, 3, null, null) };
        var path = Path.Combine(Path.GetTempPath(), $"nm-maps-{Guid.NewGuid():N}.bin");
        try
        {
            MapFile.Save(path, maps, kind, 3);
            var loaded = MapFile.Load(path);
            Assert.That(loaded.Select(m => m.Width), Is.EqualTo(new[] { 12, 20 }));
            for (var i = 0; i < maps.Length; i++)
            {
                var h = randn(7, maps[i].Width);
                Assert.That(loaded[i].EncodeBlock(h, 0, 3).allclose(maps[i].EncodeBlock(h, 0, 3), atol: 1e-6), Is.True);
                loaded[i].Dispose();
            }
        }
        finally
        {
            foreach (var m in maps) m.Dispose();
            File.Delete(path);
        }
    }

    [Test]
    public void CorruptMapFile_IsAnInputError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nm-maps-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        try
        {
            Assert.Throws<InputException>(() => MapFile.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
