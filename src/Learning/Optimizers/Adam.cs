using System;
using System.Numerics;

namespace Simd.Learning.Optimizers;

/// <summary>Adam (Kingma &amp; Ba, 2015) with optional L2 weight decay added to the gradient; see <see cref="AdamW{T}"/>
/// for the decoupled form.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// With g ← g + λ·w and t the 1-based step: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
/// w ← w − η·m̂/(√v̂ + ε) with the bias corrections m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ). State: two vectors.
/// </remarks>
public sealed class Adam<T> : GradientOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AdamState<T> _state;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="learningRate">η (1e-3 is the usual default).</param>
    /// <param name="beta1">β₁ in [0, 1), the decay of the first moment.</param>
    /// <param name="beta2">β₂ in [0, 1), the decay of the second moment.</param>
    /// <param name="epsilon">ε &gt; 0, added to √v̂.</param>
    /// <param name="weightDecay">λ of the L2 penalty ½λ‖w‖², added to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Adam(int parameterCount, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : this(parameterCount, Constant(learningRate), beta1, beta2, epsilon, weightDecay) { }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="schedule">η as a function of the step.</param>
    /// <param name="beta1">β₁ in [0, 1), the decay of the first moment.</param>
    /// <param name="beta2">β₂ in [0, 1), the decay of the second moment.</param>
    /// <param name="epsilon">ε &gt; 0, added to √v̂.</param>
    /// <param name="weightDecay">λ of the L2 penalty ½λ‖w‖², added to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public Adam(int parameterCount, ILearningRateSchedule schedule, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
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

    /// <summary>λ of the coupled L2 penalty.</summary>
    public double WeightDecay { get; }

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradient, T scale, double rate, int step) =>
        _state.Update(parameters, gradient, scale, rate, step, coupledDecay: WeightDecay, decoupledDecay: 0);

    private protected override void ClearState() => _state.Clear();
}
