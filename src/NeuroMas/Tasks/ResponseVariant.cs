namespace NeuroMas.Tasks;

/// <summary>How the response count follows from the demonstrated count at the trigger.</summary>
public enum ResponseVariant
{
    /// <summary>Respond as many times as demonstrated.</summary>
    Identity,
    /// <summary><c>n mod 4</c>.</summary>
    Modulo,
    /// <summary><c>n²</c>.</summary>
    Square,
    /// <summary><c>round(n / 3) · 3</c>.</summary>
    Rounding,
}

/// <summary>The variant functions.</summary>
public static class ResponseVariants
{
    /// <summary>The response count for a demonstrated count <paramref name="n"/>.</summary>
    public static int Apply(this ResponseVariant variant, int n) => variant switch
    {
        ResponseVariant.Identity => n,
        ResponseVariant.Modulo => ((n % 4) + 4) % 4,
        ResponseVariant.Square => n * n,
        ResponseVariant.Rounding => (int)Math.Round(n / 3.0, MidpointRounding.AwayFromZero) * 3,
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
    };
}
