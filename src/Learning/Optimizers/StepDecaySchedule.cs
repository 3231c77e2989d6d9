using System;

namespace Simd.Learning.Optimizers;

/// <summary>Piecewise-constant decay: <c>η(t) = η₀·γ^⌊t / stepSize⌋</c> (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepDecaySchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">η₀: finite and not negative.</param>
    /// <param name="stepSize">Steps between two decays; at least 1.</param>
    /// <param name="factor">γ, the factor applied at each decay, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public StepDecaySchedule(double initialRate, int stepSize, double factor)
    {
        Schedules.CheckRate(initialRate, nameof(initialRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        if (!(factor > 0 && factor <= 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be in (0, 1].");
        InitialRate = initialRate;
        StepSize = stepSize;
        Factor = factor;
    }

    /// <summary>η₀.</summary>
    public double InitialRate { get; }

    /// <summary>Steps between two decays.</summary>
    public int StepSize { get; }

    /// <summary>γ.</summary>
    public double Factor { get; }

    /// <inheritdoc/>
    public double GetLearningRate(int step) => InitialRate * Math.Pow(Factor, Math.Max(step, 0) / StepSize);
}
