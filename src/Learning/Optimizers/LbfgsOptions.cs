using System;
using Simd.Learning.Optimizers.LineSearch;

namespace Simd.Learning.Optimizers;

/// <summary>Options of <see cref="Lbfgs"/>: the shared <see cref="MinimizerOptions"/> plus the memory size.</summary>
public sealed record LbfgsOptions : MinimizerOptions
{
    /// <summary>The options <see cref="Lbfgs"/> uses when none are given.</summary>
    public static new LbfgsOptions Default { get; } = new();

    /// <summary>The number m of curvature pairs kept (the rank of the inverse-Hessian correction). Default 10;
    /// 3 to 20 is the usual range. Memory use is 2·m·n doubles.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>λ₁ of an L1 penalty: when positive, <see cref="Lbfgs"/> minimizes f(x) + λ₁‖x‖₁ by OWL-QN
    /// (orthant-wise L-BFGS, Andrew &amp; Gao 2007), which yields exact zeros; the result then reports that value and
    /// the norm of its pseudo-gradient, and the line search is a projected backtracking search (only
    /// <see cref="LineSearchOptions.SufficientDecrease"/> and <see cref="LineSearchOptions.MaxEvaluations"/> apply).
    /// Default 0: plain L-BFGS.</summary>
    public double L1Strength { get; init; }

    internal override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(Memory, 1, nameof(Memory));
        if (!(L1Strength >= 0) || !double.IsFinite(L1Strength))
            throw new ArgumentOutOfRangeException(nameof(L1Strength), L1Strength, "Must be finite and not negative.");
    }
}
