using static TorchSharp.torch;

namespace NeuroMas.Models;

/// <summary>Trial accuracy (every scored token right) and token accuracy over scored tokens.</summary>
public readonly record struct Accuracy(int Trials, int CorrectTrials, long Tokens, long CorrectTokens)
{
    public double Trial => Trials == 0 ? double.NaN : (double)CorrectTrials / Trials;
    public double Token => Tokens == 0 ? double.NaN : (double)CorrectTokens / Tokens;

    public static Accuracy operator +(Accuracy a, Accuracy b) =>
        new(a.Trials + b.Trials, a.CorrectTrials + b.CorrectTrials, a.Tokens + b.Tokens, a.CorrectTokens + b.CorrectTokens);

    /// <summary>
    /// Scores predictions against targets on a mask; rows with no scored token count as correct trials.
    /// </summary>
    /// <param name="predicted">Predicted ids <c>[batch, steps]</c>.</param>
    /// <param name="targets">Wanted ids <c>[batch, steps]</c>.</param>
    /// <param name="mask">Scored positions <c>[batch, steps]</c> bool.</param>
    public static Accuracy Score(Tensor predicted, Tensor targets, Tensor mask) => Score(predicted, targets, mask, null);

    /// <summary>Like <see cref="Score(Tensor, Tensor, Tensor)"/>, over the rows where <paramref name="rows"/> <c>[batch]</c> is true.</summary>
    public static Accuracy Score(Tensor predicted, Tensor targets, Tensor mask, Tensor? rows)
    {
        if (rows is not null)
        {
            using var chosen = rows.nonzero().squeeze(1);
            return Score(predicted.index_select(0, chosen), targets.index_select(0, chosen), mask.index_select(0, chosen), null);
        }
        using var scope = NewDisposeScope();
        var wrong = predicted.ne(targets).logical_and(mask);
        var trialsRight = wrong.any(1).logical_not().sum().item<long>();
        var tokens = mask.sum().item<long>();
        var tokensWrong = wrong.sum().item<long>();
        return new Accuracy((int)predicted.shape[0], (int)trialsRight, tokens, tokens - tokensWrong);
    }

    /// <summary>Per row: is some scored token wrong? <c>[batch]</c> bool.</summary>
    public static Tensor WrongTrials(Tensor predicted, Tensor targets, Tensor mask) => predicted.ne(targets).logical_and(mask).any(1);
}
