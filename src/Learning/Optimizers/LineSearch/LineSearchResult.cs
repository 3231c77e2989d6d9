namespace Simd.Learning.Optimizers.LineSearch;

/// <summary>What <see cref="StrongWolfeLineSearch.Search"/> found.</summary>
/// <param name="Status">Whether the step is acceptable, and if not why.</param>
/// <param name="Step">The step α. On success, the trial point and gradient buffers hold x + α·d and ∇f there.</param>
/// <param name="Value">φ(α) = f(x + α·d) at <paramref name="Step"/>.</param>
/// <param name="DirectionalDerivative">φ′(α) = ∇f(x + α·d)ᵀd at <paramref name="Step"/>.</param>
/// <param name="Evaluations">Objective evaluations the search spent.</param>
public readonly record struct LineSearchResult(LineSearchStatus Status, double Step, double Value, double DirectionalDerivative, int Evaluations)
{
    /// <summary><see langword="true"/> when the step is acceptable: <see cref="Status"/> is
    /// <see cref="LineSearchStatus.Success"/> or <see cref="LineSearchStatus.ApproximateWolfe"/>.</summary>
    public bool Succeeded => Status is LineSearchStatus.Success or LineSearchStatus.ApproximateWolfe;
}
