using System;

namespace Simd.Learning.Optimizers;

/// <summary>Options of <see cref="LevenbergMarquardt"/>: the shared <see cref="MinimizerOptions"/> (whose line-search
/// settings it ignores) plus the damping parameters.</summary>
public sealed record LevenbergMarquardtOptions : MinimizerOptions
{
    /// <summary>The options <see cref="LevenbergMarquardt"/> uses when none are given.</summary>
    public static new LevenbergMarquardtOptions Default { get; } = new();

    /// <summary>The initial damping λ₀ relative to the scaling D = diag(JᵀJ). Default 1e-3.</summary>
    public double InitialDamping { get; init; } = 1e-3;

    /// <summary>When <see langword="true"/> (the default), D is the running maximum of diag(JᵀJ) (Marquardt's
    /// scaling, invariant to rescaling the parameters, as MINPACK); when <see langword="false"/>, D = I (Levenberg's
    /// original damping).</summary>
    public bool ScaleByDiagonal { get; init; } = true;

    internal override void Validate()
    {
        base.Validate();
        if (!(InitialDamping > 0) || !double.IsFinite(InitialDamping))
            throw new ArgumentOutOfRangeException(nameof(InitialDamping), InitialDamping, "Must be positive and finite.");
    }
}
