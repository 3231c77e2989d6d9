using System;

namespace Simd.Learning.Optimizers;

/// <summary>Cosine annealing: <c>η(t) = η_min + ½(η₀ − η_min)(1 + cos(π·min(t, T)/T))</c>, from η₀ at t = 0 down to
/// η_min at t = T and after (Loshchilov &amp; Hutter's SGDR without restarts; PyTorch's <c>CosineAnnealingLR</c>).</summary>
public sealed class CosineAnnealingSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀: finite and not negative.</param>
    /// <param name="totalSteps">T, the steps over which the rate anneals; at least 1.</param>
    /// <param name="minimumRate">η_min, in [0, η₀].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public CosineAnnealingSchedule(double initialRate, int totalSteps, double minimumRate = 0)
    {
        Schedules.CheckRate(initialRate, nameof(initialRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        if (!(minimumRate >= 0 && minimumRate <= initialRate))
            throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, "The minimum rate must be in [0, initialRate].");
        InitialRate = initialRate;
        TotalSteps = totalSteps;
        MinimumRate = minimumRate;
    }

    /// <summary>η₀.</summary>
    public double InitialRate { get; }

    /// <summary>T.</summary>
    public int TotalSteps { get; }

    /// <summary>η_min.</summary>
    public double MinimumRate { get; }

    /// <inheritdoc/>
    public double GetLearningRate(int step)
    {
        double t = Math.Clamp(step, 0, TotalSteps) / (double)TotalSteps;
        return MinimumRate + 0.5 * (InitialRate - MinimumRate) * (1 + Math.Cos(Math.PI * t));
    }
}
