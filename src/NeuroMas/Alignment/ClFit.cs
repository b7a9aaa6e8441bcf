namespace NeuroMas.Alignment;

/// <summary>
/// How well states of an inaccessible target match their counterfactual latents on held-out pairs: the intervened
/// states (<c>intervention</c>) or the targets left alone (<c>no_intervention</c>, the baseline).
/// </summary>
public sealed record ClFit(string Source, string Target, double Cosine, double Mse, int Pairs, string Condition = "intervention");
