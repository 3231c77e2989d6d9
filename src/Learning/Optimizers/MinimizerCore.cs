using System;
using Simd.Learning.Optimizers.LineSearch;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>Argument checks and stopping tests shared by the full-batch minimizers.</summary>
internal static class MinimizerCore
{
    public static void CheckStart(Delegate objective, ReadOnlySpan<double> initialPoint, MinimizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (initialPoint.IsEmpty)
            throw new ArgumentException("The initial point must have at least one element.", nameof(initialPoint));
        options.Validate();
    }

    /// <summary>Why a run stops after an accepted step (gradient small enough, relative change small enough, or the
    /// evaluation budget spent), or null to go on.</summary>
    public static StopReason? StopAfterStep(MinimizerOptions options, double previousValue, double value, double gradientNorm, int evaluations) =>
        gradientNorm <= options.GradientTolerance || RelativeChangeConverged(previousValue, value, options.RelativeTolerance)
            ? StopReason.Converged
            : evaluations >= options.MaxEvaluations ? StopReason.EvaluationLimit : null;

    /// <summary>Takes a successful line search's trial point and gradient as the new iterate (the buffers swap, so the
    /// old ones become the next trial buffers), reports progress, and says why the run stops after this step, or null.</summary>
    public static StopReason? AcceptStep(MinimizerOptions options, in LineSearchResult search, ref double[] x, ref double[] xTrial,
        ref double[] g, ref double[] gTrial, ref double f, out double gradientNorm, int iterations, int evaluations)
    {
        double previous = f;
        f = search.Value;
        (x, xTrial) = (xTrial, x);
        (g, gTrial) = (gTrial, g);
        gradientNorm = SpanMath.Norm2<double>(g);
        Report(options, iterations, evaluations, f, gradientNorm, search.Step);
        return StopAfterStep(options, previous, f, gradientNorm, evaluations);
    }

    /// <summary>Why a run stops when its line search found no acceptable step: the evaluation budget (only when it
    /// is really spent), a non-finite value or gradient, or a plain line-search failure.</summary>
    public static StopReason StopAfterFailedSearch(LineSearchStatus status, int evaluations, MinimizerOptions options) => status switch
    {
        LineSearchStatus.EvaluationLimit when evaluations >= options.MaxEvaluations => StopReason.EvaluationLimit,
        LineSearchStatus.NonFinite => StopReason.NonFinite,
        _ => StopReason.LineSearchFailed,
    };

    /// <summary>The value decreased by no more than tol·max(|old|, |new|, 1) (disabled when tol = 0).</summary>
    public static bool RelativeChangeConverged(double oldValue, double newValue, double tolerance) =>
        tolerance > 0 && oldValue - newValue <= tolerance * Math.Max(Math.Max(Math.Abs(oldValue), Math.Abs(newValue)), 1);

    /// <summary>‖step‖ ≤ tol·‖x‖ (disabled when tol = 0).</summary>
    public static bool StepConverged(ReadOnlySpan<double> step, ReadOnlySpan<double> x, double tolerance) =>
        tolerance > 0 && SpanMath.Norm2(step) <= tolerance * SpanMath.Norm2(x);

    public static void Report(MinimizerOptions options, int iteration, int evaluations, double value, double gradientNorm, double step) =>
        options.Progress?.Report(new MinimizerProgress(iteration, evaluations, value, gradientNorm, step));
}
