using System;

namespace Simd.Learning.Optimizers;

/// <summary>The same learning rate at every step.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    /// <summary>Creates a schedule that always returns <paramref name="rate"/>.</summary>
    /// <param name="rate">The learning rate: finite and not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite.</exception>
    public ConstantSchedule(double rate)
    {
        Schedules.CheckRate(rate, nameof(rate));
        Rate = rate;
    }

    /// <summary>The learning rate.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public double GetLearningRate(int step) => Rate;
}
