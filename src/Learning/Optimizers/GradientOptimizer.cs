using System;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>A stateful first-order optimizer over one flat parameter vector: each <see cref="Step"/> moves the
/// parameters using one (minibatch) gradient. Base of <see cref="Sgd{T}"/>, <see cref="Adam{T}"/>,
/// <see cref="AdamW{T}"/> and <see cref="RmsProp{T}"/>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <para>One step, in order: the learning rate η = <see cref="Schedule"/>(<see cref="StepCount"/>); if
/// <see cref="MaxGradientNorm"/> is finite and ‖g‖₂ exceeds it, g is scaled by MaxGradientNorm/‖g‖₂ (clipping by
/// norm, applied on the fly: the caller's gradient is not modified); the method's update; then, if
/// <see cref="L1Strength"/> λ₁ &gt; 0, the proximal step of λ₁‖w‖₁, soft-thresholding every parameter by η·λ₁
/// (<see cref="Regularization.SoftThreshold{T}"/>).</para>
/// <para>State (moments, velocities) is allocated once by the constructor; <see cref="Step"/> allocates nothing.
/// NaN or ∞ in the gradient propagate into the parameters (IEEE arithmetic); a training loop detects divergence
/// from its loss. Not thread-safe: one optimizer per parameter vector and thread.</para>
/// </remarks>
public abstract class GradientOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private double _maxGradientNorm = double.PositiveInfinity;
    private double _l1Strength;

    /// <summary>Sizes the state for <paramref name="parameterCount"/> parameters.</summary>
    private protected GradientOptimizer(int parameterCount, ILearningRateSchedule schedule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ArgumentNullException.ThrowIfNull(schedule);
        ParameterCount = parameterCount;
        Schedule = schedule;
    }

    /// <summary>The length of the parameter and gradient vectors this optimizer was sized for.</summary>
    public int ParameterCount { get; }

    /// <summary>Steps taken since construction or the last <see cref="Reset"/>.</summary>
    public int StepCount { get; private set; }

    /// <summary>The learning-rate schedule.</summary>
    public ILearningRateSchedule Schedule { get; }

    /// <summary>The learning rate the next step will use.</summary>
    public double LearningRate => Schedule.GetLearningRate(StepCount);

    /// <summary>Clip the gradient to this Euclidean norm before the update; +∞ (the default) disables clipping.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public double MaxGradientNorm
    {
        get => _maxGradientNorm;
        init
        {
            if (!(value > 0))
                throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), value, "Must be positive (+∞ disables clipping).");
            _maxGradientNorm = value;
        }
    }

    /// <summary>λ₁ of an L1 penalty λ₁‖w‖₁ applied as a proximal (soft-thresholding) step after each update;
    /// 0 (the default) disables it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double L1Strength
    {
        get => _l1Strength;
        init
        {
            if (!(value >= 0) || !double.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(L1Strength), value, "Must be finite and not negative.");
            _l1Strength = value;
        }
    }

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradient"/>.</summary>
    /// <param name="parameters">On entry, the parameters w; on exit, the updated parameters.</param>
    /// <param name="gradient">∇L(w) for this minibatch (not modified).</param>
    /// <exception cref="ArgumentException">A span's length differs from <see cref="ParameterCount"/>, or the spans overlap.</exception>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradient)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"Expected {ParameterCount} parameters (the size this optimizer was created for) but got {parameters.Length}.", nameof(parameters));
        if (gradient.Length != ParameterCount)
            throw new ArgumentException($"Expected a gradient of length {ParameterCount} (the size this optimizer was created for) but got {gradient.Length}.", nameof(gradient));
        if (parameters.Overlaps(gradient))
            throw new ArgumentException("The gradient must not overlap the parameters.", nameof(gradient));

        double rate = Schedule.GetLearningRate(StepCount);
        T scale = T.One;
        if (double.IsFinite(_maxGradientNorm))
        {
            double norm = double.CreateChecked(SpanMath.Norm2(gradient));
            if (norm > _maxGradientNorm)
                scale = T.CreateChecked(_maxGradientNorm / norm);
        }
        StepCount++;
        Update(parameters, gradient, scale, rate, StepCount);
        if (_l1Strength > 0)
            Regularization.SoftThreshold(parameters, T.CreateChecked(rate * _l1Strength));
    }

    /// <summary>Forgets all state (moments, velocities, step count), as if newly constructed.</summary>
    public void Reset()
    {
        StepCount = 0;
        ClearState();
    }

    /// <summary>The method's update with gradient <c>scale·gradient</c>, learning rate <paramref name="rate"/>, and
    /// <paramref name="step"/> the 1-based index of this step.</summary>
    private protected abstract void Update(Span<T> parameters, ReadOnlySpan<T> gradient, T scale, double rate, int step);

    /// <summary>Zeroes the method's state.</summary>
    private protected abstract void ClearState();

    /// <summary>Wraps a constant rate.</summary>
    private protected static ILearningRateSchedule Constant(double learningRate) => new ConstantSchedule(learningRate);

    /// <summary>Throws unless 0 ≤ value &lt; 1.</summary>
    private protected static double CheckFraction(double value, string paramName)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(paramName, value, "Must be in [0, 1).");
        return value;
    }

    /// <summary>Throws unless the value is finite and not negative.</summary>
    private protected static double CheckNonNegative(double value, string paramName)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(paramName, value, "Must be finite and not negative.");
        return value;
    }
}
