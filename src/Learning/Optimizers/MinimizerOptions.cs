using System;
using Simd.Learning.Optimizers.LineSearch;

namespace Simd.Learning.Optimizers;

/// <summary>Stopping rules, line-search parameters and progress reporting shared by the full-batch minimizers
/// (<see cref="Lbfgs"/>, <see cref="Bfgs"/>, <see cref="Newton"/>, <see cref="LevenbergMarquardt"/>).</summary>
/// <remarks>The run stops at the first test that passes, checked in this order after every accepted step:
/// gradient norm, relative change, iteration limit. The evaluation limit is checked before every evaluation, so
/// it is never exceeded.</remarks>
public record MinimizerOptions
{
    /// <summary>The options every minimizer uses when none are given.</summary>
    public static MinimizerOptions Default { get; } = new();

    /// <summary>Converged when <c>‖∇f(x)‖₂ ≤ GradientTolerance</c>. Default 1e-5. Zero disables the test.</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Converged when a step lowers the value by no more than <c>RelativeTolerance·max(|fₖ|, |fₖ₊₁|, 1)</c>
    /// (SciPy's <c>ftol</c> test, floor of 1 included, so that it can fire at a minimum value of 0; for
    /// <see cref="LevenbergMarquardt"/> also when the step is at most <c>RelativeTolerance·‖x‖₂</c>). Default 0
    /// (disabled), so that the gradient test decides; SciPy's L-BFGS-B uses about 2.2e-9.</summary>
    public double RelativeTolerance { get; init; }

    /// <summary>Stop with <see cref="StopReason.IterationLimit"/> after this many accepted steps. Default 10 000.</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Stop with <see cref="StopReason.EvaluationLimit"/> rather than exceed this many objective
    /// evaluations. Default 20 000.</summary>
    public int MaxEvaluations { get; init; } = 20_000;

    /// <summary>Parameters of the strong-Wolfe line search (for <see cref="Lbfgs"/>, <see cref="Bfgs"/> and
    /// <see cref="Newton"/>).</summary>
    public LineSearchOptions LineSearch { get; init; } = LineSearchOptions.Default;

    /// <summary>Receives one <see cref="MinimizerProgress"/> after every accepted step; <see langword="null"/>
    /// (the default) for none. Called synchronously on the minimizer's thread.</summary>
    public IProgress<MinimizerProgress>? Progress { get; init; }

    /// <summary>Throws unless every option is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is negative, NaN, or a limit is below 1.</exception>
    internal virtual void Validate()
    {
        if (!(GradientTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(GradientTolerance), GradientTolerance, "Must be zero or positive.");
        if (!(RelativeTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(RelativeTolerance), RelativeTolerance, "Must be zero or positive.");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 0, nameof(MaxIterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEvaluations, 1, nameof(MaxEvaluations));
        ArgumentNullException.ThrowIfNull(LineSearch, nameof(LineSearch));
        LineSearch.Validate();
    }
}
