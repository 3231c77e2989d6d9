namespace Simd.Learning.Optimizers;

/// <summary>A learning rate as a function of the number of steps already taken, for the
/// <see cref="GradientOptimizer{T}"/> family.</summary>
/// <remarks>Implementations must be pure (same step, same rate) and allocation-free: the optimizers call
/// <see cref="GetLearningRate"/> once per step.</remarks>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate for the step that follows <paramref name="step"/> completed steps (0 for the first).</summary>
    /// <param name="step">Steps already taken, 0 or more.</param>
    /// <returns>A positive finite rate, or 0.</returns>
    double GetLearningRate(int step);
}
