using static TorchSharp.torch;

namespace NeuroMas.Models.Imported;

/// <summary>
/// Between NeuroMas token ids and an imported network's own: inputs are looked up, logits are picked per
/// NeuroMas id (ids the network lacks get −1e9, so they are never its prediction), and skip tokens are flagged.
/// </summary>
internal sealed class TokenMap
{
    private readonly Tensor _ids;
    private readonly Tensor _absent;
    private readonly Tensor _skip;
    private readonly bool _identity;
    private readonly bool _hasAbsent;
    private readonly bool _hasSkip;
    private readonly int _logits;

    /// <param name="tokenIds">The network's id of each NeuroMas id, −1 where it has none.</param>
    /// <param name="skip">NeuroMas ids after which the state is kept.</param>
    /// <param name="logits">Width of the network's own logits.</param>
    public TokenMap(IReadOnlyList<int> tokenIds, IReadOnlyCollection<int> skip, int logits)
    {
        _ids = tensor(tokenIds.Select(i => (long)Math.Max(i, 0)).ToArray());
        _absent = tensor(tokenIds.Select(i => i < 0).ToArray());
        _hasAbsent = tokenIds.Any(i => i < 0);
        _identity = tokenIds.Select((id, i) => id == i).All(x => x) && logits == tokenIds.Count;
        _skip = tensor(Enumerable.Range(0, tokenIds.Count).Select(skip.Contains).ToArray());
        _hasSkip = skip.Count > 0;
        _logits = logits;
    }

    /// <summary>The network's ids for NeuroMas ids <c>[...]</c> (a NeuroMas id it lacks is fed as id 0; the task never feeds one but padding).</summary>
    public Tensor Inputs(Tensor tokens) => _identity ? tokens : _ids[tokens];

    /// <summary>Logits over NeuroMas ids <c>[..., task vocabulary]</c> from the network's own <c>[..., logits]</c>.</summary>
    public Tensor Outputs(Tensor logits)
    {
        if (_identity) return logits;
        var picked = logits.index_select(-1, _ids);
        return _hasAbsent ? picked.masked_fill(_absent, -1e9f) : picked;
    }

    /// <summary>True where the state is kept after the token <c>[...]</c>; null when no token of <paramref name="tokens"/> is skipped.</summary>
    public Tensor? Keep(Tensor tokens)
    {
        if (!_hasSkip) return null;
        var keep = _skip[tokens];
        return keep.any().item<bool>() ? keep : null;
    }

    public int Logits => _logits;
}
