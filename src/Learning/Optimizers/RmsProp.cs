using System;
using System.Numerics;

namespace Simd.Learning.Optimizers;

/// <summary>RMSProp (Hinton's lecture 6e): gradient descent scaled by a running root-mean-square of the gradient.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>With g ← g + λ·w: v ← ρ·v + (1 − ρ)·g², w ← w − η·g/(√v + ε) (PyTorch's <c>RMSprop</c> without momentum or
/// centering). State: one vector.</remarks>
public sealed class RmsProp<T> : GradientOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _meanSquare;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="learningRate">η (1e-3 is typical).</param>
    /// <param name="decay">ρ in [0, 1), the decay of the mean square.</param>
    /// <param name="epsilon">ε &gt; 0, added to √v.</param>
    /// <param name="weightDecay">λ of the L2 penalty ½λ‖w‖², added to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public RmsProp(int parameterCount, double learningRate = 1e-3, double decay = 0.99, double epsilon = 1e-8, double weightDecay = 0)
        : this(parameterCount, Constant(learningRate), decay, epsilon, weightDecay) { }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="schedule">η as a function of the step.</param>
    /// <param name="decay">ρ in [0, 1).</param>
    /// <param name="epsilon">ε &gt; 0.</param>
    /// <param name="weightDecay">λ of the L2 penalty, added to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public RmsProp(int parameterCount, ILearningRateSchedule schedule, double decay = 0.99, double epsilon = 1e-8, double weightDecay = 0)
        : base(parameterCount, schedule)
    {
        Decay = CheckFraction(decay, nameof(decay));
        Epsilon = AdamState<T>.CheckEpsilon(epsilon);
        WeightDecay = CheckNonNegative(weightDecay, nameof(weightDecay));
        _meanSquare = new T[parameterCount];
    }

    /// <summary>ρ.</summary>
    public double Decay { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ of the coupled L2 penalty.</summary>
    public double WeightDecay { get; }

    private protected override void Update(Span<T> w, ReadOnlySpan<T> g, T scale, double rate, int step)
    {
        T rho = T.CreateChecked(Decay), oneMinusRho = T.One - rho, eta = T.CreateChecked(rate);
        T eps = T.CreateChecked(Epsilon), lambda = T.CreateChecked(WeightDecay);
        Span<T> v = _meanSquare;
        for (int i = 0; i < w.Length; i++)
        {
            T gi = scale * g[i] + lambda * w[i];
            T vi = rho * v[i] + oneMinusRho * gi * gi;
            v[i] = vi;
            w[i] -= eta * gi / (T.Sqrt(vi) + eps);
        }
    }

    private protected override void ClearState() => Array.Clear(_meanSquare);
}
