using System;
using System.Numerics;

namespace Simd.Learning.Optimizers;

/// <summary>AdamW (Loshchilov &amp; Hutter, 2019): Adam with decoupled weight decay.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Each step first shrinks the weights, w ← w − η·λ·w, then takes the <see cref="Adam{T}"/> step on the unmodified
/// gradient. Unlike an L2 penalty, the decay is not rescaled by the adaptive denominator √v̂ + ε, so every weight
/// decays at the same relative rate (PyTorch's <c>AdamW</c>).
/// </remarks>
public sealed class AdamW<T> : GradientOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamState<T> _state;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="weightDecay">λ of the decoupled decay (0.01 is PyTorch's default).</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public AdamW(int parameterCount, double learningRate = 1e-3, double weightDecay = 1e-2, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : this(parameterCount, Constant(learningRate), weightDecay, beta1, beta2, epsilon) { }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="schedule">η as a function of the step.</param>
    /// <param name="weightDecay">λ of the decoupled decay.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public AdamW(int parameterCount, ILearningRateSchedule schedule, double weightDecay = 1e-2, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameterCount, schedule)
    {
        _state = new AdamState<T>(parameterCount, CheckFraction(beta1, nameof(beta1)), CheckFraction(beta2, nameof(beta2)),
            AdamState<T>.CheckEpsilon(epsilon));
        WeightDecay = CheckNonNegative(weightDecay, nameof(weightDecay));
    }

    /// <summary>β₁.</summary>
    public double Beta1 => _state.Beta1;

    /// <summary>β₂.</summary>
    public double Beta2 => _state.Beta2;

    /// <summary>ε.</summary>
    public double Epsilon => _state.Epsilon;

    /// <summary>λ of the decoupled decay.</summary>
    public double WeightDecay { get; }

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradient, T scale, double rate, int step) =>
        _state.Update(parameters, gradient, scale, rate, step, coupledDecay: 0, decoupledDecay: WeightDecay);

    private protected override void ClearState() => _state.Clear();
}
