using System;

namespace Simd.Learning.Optimizers.LineSearch;

/// <summary>Parameters of <see cref="StrongWolfeLineSearch"/>.</summary>
/// <remarks>A step α along a descent direction d from x is accepted when it satisfies the strong Wolfe conditions
/// for φ(α) = f(x + α·d): sufficient decrease <c>φ(α) ≤ φ(0) + c₁·α·φ′(0)</c> and curvature
/// <c>|φ′(α)| ≤ c₂·|φ′(0)|</c>, with <c>0 &lt; c₁ &lt; c₂ &lt; 1</c>. The defaults (c₁ = 1e-4, c₂ = 0.9) are
/// the usual ones for quasi-Newton and Newton methods; a small c₂ (say 1e-3) makes the search nearly exact.</remarks>
public sealed record LineSearchOptions
{
    /// <summary>c₁ = 1e-4, c₂ = 0.9, at most 30 evaluations per search.</summary>
    public static LineSearchOptions Default { get; } = new();

    /// <summary>The sufficient-decrease (Armijo) parameter c₁. Default 1e-4.</summary>
    public double SufficientDecrease { get; init; } = 1e-4;

    /// <summary>The curvature parameter c₂. Default 0.9.</summary>
    public double Curvature { get; init; } = 0.9;

    /// <summary>The relative rounding noise ε_f assumed in φ: a trial with φ(α) ≤ φ(0) + ε_f·|φ(0)| whose derivative shows
    /// sufficient decrease (φ′(α) ≤ (2c₁ − 1)·φ′(0), Hager &amp; Zhang's approximate Wolfe condition) is accepted with
    /// <see cref="LineSearchStatus.ApproximateWolfe"/>, and value comparisons within that noise are not trusted.
    /// This lets the minimizers reach gradient tolerances below the noise floor of the value (ill-conditioned or
    /// large sums). Default 1e-10; 0 gives the exact Nocedal–Wright search.</summary>
    public double ApproximateWolfeTolerance { get; init; } = 1e-10;

    /// <summary>The most evaluations one search may spend. Default 30.</summary>
    public int MaxEvaluations { get; init; } = 30;

    /// <summary>Throws unless 0 &lt; c₁ &lt; c₂ &lt; 1 and <see cref="MaxEvaluations"/> ≥ 1.</summary>
    internal void Validate()
    {
        if (!(SufficientDecrease > 0 && SufficientDecrease < Curvature && Curvature < 1))
            throw new ArgumentOutOfRangeException(nameof(SufficientDecrease),
                $"Need 0 < c1 < c2 < 1 but got c1 = {SufficientDecrease}, c2 = {Curvature}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEvaluations, 1, nameof(MaxEvaluations));
        if (!(ApproximateWolfeTolerance >= 0) || !double.IsFinite(ApproximateWolfeTolerance))
            throw new ArgumentOutOfRangeException(nameof(ApproximateWolfeTolerance), ApproximateWolfeTolerance, "Must be finite and not negative.");
    }
}
