using static TorchSharp.torch;

namespace NeuroMas.Alignment;

/// <summary>Which family of alignment map each system gets.</summary>
[System.ComponentModel.TypeConverter(typeof(ChoiceConverter<MapKind>))]
public enum MapKind
{
    /// <summary><see cref="OrthogonalMap"/> (the paper's default).</summary>
    Orthogonal,
    /// <summary><see cref="LinearMap"/>.</summary>
    Linear,
    /// <summary><see cref="SubspaceMap"/>.</summary>
    Subspace,
}

/// <summary>Creates maps by kind.</summary>
public static class MapFactory
{
    public static AlignmentMap Create(MapKind kind, int width, int subspaceSize, Tensor? mean, Tensor? scale) => kind switch
    {
        MapKind.Orthogonal => new OrthogonalMap(width, mean, scale),
        MapKind.Linear => new LinearMap(width, mean, scale),
        MapKind.Subspace => new SubspaceMap(width, subspaceSize, mean, scale),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
