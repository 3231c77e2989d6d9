using System;
using System.Numerics;

namespace Simd.Learning.Optimizers;

/// <summary>Stochastic gradient descent with optional momentum (heavy ball or Nesterov) and L2 weight decay.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// With g ← g + λ·w (weight decay, the gradient of the L2 penalty ½λ‖w‖²), μ the momentum and v the velocity
/// (PyTorch's formulation): v ← μ·v + g; then w ← w − η·v, or with Nesterov w ← w − η·(g + μ·v). μ = 0 is plain
/// gradient descent, w ← w − η·g. State: one vector v (none when μ = 0).
/// </remarks>
public sealed class Sgd<T> : GradientOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _velocity;

    /// <summary>Creates the optimizer with a constant learning rate.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ in [0, 1); 0 for plain SGD.</param>
    /// <param name="nesterov">Use Nesterov's look-ahead momentum.</param>
    /// <param name="weightDecay">λ of the L2 penalty ½λ‖w‖², added to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public Sgd(int parameterCount, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : this(parameterCount, Constant(learningRate), momentum, nesterov, weightDecay) { }

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="schedule">η as a function of the step.</param>
    /// <param name="momentum">μ in [0, 1); 0 for plain SGD.</param>
    /// <param name="nesterov">Use Nesterov's look-ahead momentum.</param>
    /// <param name="weightDecay">λ of the L2 penalty ½λ‖w‖², added to the gradient.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public Sgd(int parameterCount, ILearningRateSchedule schedule, double momentum = 0, bool nesterov = false, double weightDecay = 0)
        : base(parameterCount, schedule)
    {
        Momentum = CheckFraction(momentum, nameof(momentum));
        WeightDecay = CheckNonNegative(weightDecay, nameof(weightDecay));
        Nesterov = nesterov;
        _velocity = momentum > 0 ? new T[parameterCount] : [];
    }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the momentum is Nesterov's.</summary>
    public bool Nesterov { get; }

    /// <summary>λ of the coupled L2 penalty.</summary>
    public double WeightDecay { get; }

    private protected override void Update(Span<T> w, ReadOnlySpan<T> g, T scale, double rate, int step)
    {
        T eta = T.CreateChecked(rate), lambda = T.CreateChecked(WeightDecay), mu = T.CreateChecked(Momentum);
        if (Momentum == 0)
        {
            for (int i = 0; i < w.Length; i++)
                w[i] -= eta * (scale * g[i] + lambda * w[i]);
            return;
        }
        Span<T> v = _velocity;
        for (int i = 0; i < w.Length; i++)
        {
            T gi = scale * g[i] + lambda * w[i];
            T vi = mu * v[i] + gi;
            v[i] = vi;
            w[i] -= eta * (Nesterov ? gi + mu * vi : vi);
        }
    }

    private protected override void ClearState() => Array.Clear(_velocity);
}
