using System;

namespace Simd.Learning.Optimizers;

/// <summary>Options of <see cref="Lbfgs"/>: the shared <see cref="MinimizerOptions"/> plus the memory size.</summary>
public sealed record LbfgsOptions : MinimizerOptions
{
    /// <summary>The options <see cref="Lbfgs"/> uses when none are given.</summary>
    public static new LbfgsOptions Default { get; } = new();

    /// <summary>The number m of curvature pairs kept (the rank of the inverse-Hessian correction). Default 10;
    /// 3 to 20 is the usual range. Memory use is 2·m·n doubles.</summary>
    public int Memory { get; init; } = 10;

    internal override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(Memory, 1, nameof(Memory));
    }
}
