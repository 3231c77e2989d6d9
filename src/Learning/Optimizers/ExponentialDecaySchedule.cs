using System;

namespace Simd.Learning.Optimizers;

/// <summary>Smooth exponential decay: <c>η(t) = η₀·γ^(t / decaySteps)</c> (γ per <c>decaySteps</c> steps;
/// <c>decaySteps = 1</c> is PyTorch's <c>ExponentialLR</c>).</summary>
public sealed class ExponentialDecaySchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀: finite and not negative.</param>
    /// <param name="factor">γ in (0, 1].</param>
    /// <param name="decaySteps">The number of steps over which the rate is multiplied by γ; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ExponentialDecaySchedule(double initialRate, double factor, int decaySteps = 1)
    {
        Schedules.CheckRate(initialRate, nameof(initialRate));
        if (!(factor > 0 && factor <= 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(decaySteps, 1);
        InitialRate = initialRate;
        Factor = factor;
        DecaySteps = decaySteps;
    }

    /// <summary>η₀.</summary>
    public double InitialRate { get; }

    /// <summary>γ.</summary>
    public double Factor { get; }

    /// <summary>Steps per factor γ.</summary>
    public int DecaySteps { get; }

    /// <inheritdoc/>
    public double GetLearningRate(int step) => InitialRate * Math.Pow(Factor, Math.Max(step, 0) / (double)DecaySteps);
}
