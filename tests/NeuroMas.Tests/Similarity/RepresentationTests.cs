using NeuroMas.Similarity;

namespace NeuroMas.Tests.Similarity;

public class RepresentationTests
{
    [Test]
    public void From_RectangularArray_KeepsShapeAndValues()
    {
        var states = new float[,] { { 1f, 2f, 3f }, { 4f, 5f, 6.5f } };

        var m = Representation.From(states);

        Assert.That(m.ToArray(), Is.EqualTo(new double[,] { { 1, 2, 3 }, { 4, 5, 6.5 } }));
    }

    [Test]
    public void From_JaggedRows_KeepsShapeAndValues()
    {
        float[][] states = [[1f, 2f], [3f, 4f], [5f, 0.25f]];

        var m = Representation.From(states);

        Assert.That(m.ToArray(), Is.EqualTo(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 0.25 } }));
    }

    [Test]
    public void From_JaggedRows_Throws_ForRaggedRows()
    {
        float[][] states = [[1f, 2f, 3f], [4f, 5f, 6f], [7f, 8f]];

        var error = Assert.Throws<InputException>(() => Representation.From(states));
        Assert.That(error.Message, Does.StartWith("states: row 2 has width 2 but row 0 has width 3"));
    }

    [Test]
    public void From_Throws_ForEmptyStates()
    {
        var error = Assert.Throws<InputException>(() => Representation.From(new float[0, 4]));
        Assert.That(error.Message, Does.StartWith("states: shape is [0, 4]"));

        error = Assert.Throws<InputException>(() => Representation.From(Array.Empty<float[]>()));
        Assert.That(error.Message, Does.StartWith("states: shape is [0, 0]"));
    }
}
