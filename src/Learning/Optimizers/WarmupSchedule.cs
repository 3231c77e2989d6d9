using System;

namespace Simd.Learning.Optimizers;

/// <summary>Linear warm-up in front of another schedule: <c>η(t) = η_inner(0)·(t + 1)/W</c> for t &lt; W, then
/// <c>η_inner(t − W)</c>. The first step uses η_inner(0)/W, the W-th the full rate.</summary>
public sealed class WarmupSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="inner">The schedule that follows the warm-up (its step 0 is step W of this one).</param>
    /// <param name="warmupSteps">W, at least 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupSteps"/> is below 1.</exception>
    public WarmupSchedule(ILearningRateSchedule inner, int warmupSteps)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmupSteps, 1);
        Inner = inner;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The schedule after the warm-up.</summary>
    public ILearningRateSchedule Inner { get; }

    /// <summary>W.</summary>
    public int WarmupSteps { get; }

    /// <inheritdoc/>
    public double GetLearningRate(int step) =>
        step < WarmupSteps ? Inner.GetLearningRate(0) * (Math.Max(step, 0) + 1) / WarmupSteps : Inner.GetLearningRate(step - WarmupSteps);
}
