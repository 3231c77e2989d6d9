using System;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Numerics;

namespace Simd.Learning.Layers;

/// <summary>
/// Batch normalisation: <c>Y[b, j] = γⱼ·(X[b, j] − μⱼ)/√(σⱼ² + ε) + βⱼ</c>, with μ, σ² the batch mean and (biased)
/// variance of feature j in training mode, and the running estimates in inference mode.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <para>Parameters, in this order: γ (scale, initialised to 1), then β (shift, initialised to 0).</para>
/// <para>Training mode: every <see cref="IDifferentiable{T}.Forward"/> uses the batch statistics and updates the
/// running ones, <c>running ← (1 − momentum)·running + momentum·batch</c>, the variance with Bessel's correction
/// B/(B − 1) (as PyTorch does). The backward pass differentiates through μ and σ² too:
/// <c>∂L/∂X = γ/σ̂ · (dY − mean(dY) − X̂·mean(dY ⊙ X̂))</c>, where σ̂ = √(σ² + ε) and X̂ the normalised input.
/// Inference mode: a fixed affine map per feature.</para>
/// </remarks>
public sealed class BatchNormalization<T> : Layer<T>, IHasTrainingMode
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _runningMean, _runningVariance;
    private readonly T[] _mean, _invStd, _sumDy, _sumDyXhat;

    /// <summary>Creates the layer for samples of <paramref name="size"/> features, in training mode.</summary>
    /// <param name="size">Features per sample.</param>
    /// <param name="momentum">Weight of the newest batch in the running statistics, in [0, 1] (0.1 by default).</param>
    /// <param name="epsilon">Added to the variance before the square root (1e-5 by default); must be ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public BatchNormalization(int size, double momentum = 0.1, double epsilon = 1e-5) : base(size, size, 2 * size)
    {
        if (!(momentum >= 0 && momentum <= 1))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The momentum must lie in [0, 1].");
        if (!(epsilon >= 0))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be non-negative.");
        Momentum = T.CreateChecked(momentum);
        Epsilon = T.CreateChecked(epsilon);
        Scale.Fill(T.One);
        _runningMean = new T[size];
        _runningVariance = new T[size];
        _runningVariance.AsSpan().Fill(T.One);
        _mean = new T[size];
        _invStd = new T[size];
        _sumDy = new T[size];
        _sumDyXhat = new T[size];
        Training = true;
    }

    private bool _frozen;

    /// <inheritdoc/>
    public bool Training { get; set; }

    /// <summary>A training-mode forward pass that leaves the running statistics alone (for Jacobians and checks).</summary>
    internal void ForwardWithoutUpdate(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output)
    {
        _frozen = true;
        try
        {
            Forward(input, output);
        }
        finally
        {
            _frozen = false;
        }
    }

    /// <summary>Weight of the newest batch in the running statistics.</summary>
    public T Momentum { get; }

    /// <summary>Added to the variance before the square root.</summary>
    public T Epsilon { get; }

    /// <summary>γ, a view of the parameters.</summary>
    public Span<T> Scale => Parameters[..InputSize];

    /// <summary>β, a view of the parameters.</summary>
    public Span<T> Shift => Parameters[InputSize..];

    /// <summary>The running mean used in inference mode (writable, e.g. to restore a saved model).</summary>
    public Span<T> RunningMean => _runningMean;

    /// <summary>The running variance used in inference mode (writable).</summary>
    public Span<T> RunningVariance => _runningVariance;

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output)
    {
        int batch = input.Rows;
        if (batch == 0)
            return;
        if (Training)
        {
            BatchStatistics(input, _mean, _invStd, updateRunning: !_frozen);
        }
        else
        {
            _runningMean.CopyTo(_mean, 0);
            for (int j = 0; j < InputSize; j++)
                _invStd[j] = T.One / T.Sqrt(_runningVariance[j] + Epsilon);
        }
        ReadOnlySpan<T> gamma = Scale, beta = Shift;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> x = input.Row(b);
            Span<T> y = output.Row(b);
            for (int j = 0; j < y.Length; j++)
                y[j] = T.MultiplyAddEstimate((x[j] - _mean[j]) * _invStd[j], gamma[j], beta[j]);
        }
    }

    /// <summary>Batch mean and 1/√(σ² + ε) (biased σ²), optionally folding them into the running statistics.</summary>
    private void BatchStatistics(ReadOnlyMatrixSpan<T> input, T[] mean, T[] invStd, bool updateRunning)
    {
        int batch = input.Rows, n = InputSize;
        T count = T.CreateChecked(batch);
        Array.Clear(mean);
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> x = input.Row(b);
            for (int j = 0; j < n; j++)
                mean[j] += x[j];
        }
        for (int j = 0; j < n; j++)
            mean[j] /= count;
        var sq = invStd; // accumulate Σ(x − μ)² in place, then turn it into 1/σ̂
        Array.Clear(sq);
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> x = input.Row(b);
            for (int j = 0; j < n; j++)
            {
                T d = x[j] - mean[j];
                sq[j] = T.MultiplyAddEstimate(d, d, sq[j]);
            }
        }
        T unbias = batch > 1 ? count / (count - T.One) : T.One;
        for (int j = 0; j < n; j++)
        {
            T v = sq[j] / count;
            if (updateRunning)
            {
                _runningMean[j] = (T.One - Momentum) * _runningMean[j] + Momentum * mean[j];
                _runningVariance[j] = (T.One - Momentum) * _runningVariance[j] + Momentum * v * unbias;
            }
            invStd[j] = T.One / T.Sqrt(v + Epsilon);
        }
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output,
        ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient, bool wantInput)
    {
        int batch = input.Rows, n = InputSize;
        Array.Clear(_sumDy);
        Array.Clear(_sumDyXhat);
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> x = input.Row(b), dy = outputGradient.Row(b);
            for (int j = 0; j < n; j++)
            {
                T xhat = (x[j] - _mean[j]) * _invStd[j];
                _sumDy[j] += dy[j];
                _sumDyXhat[j] = T.MultiplyAddEstimate(dy[j], xhat, _sumDyXhat[j]);
            }
        }
        Span<T> dGamma = Gradient[..n], dBeta = Gradient[n..];
        for (int j = 0; j < n; j++)
        {
            dGamma[j] += _sumDyXhat[j];
            dBeta[j] += _sumDy[j];
        }
        if (!wantInput)
            return;
        ReadOnlySpan<T> gamma = Scale;
        T inverseCount = T.One / T.CreateChecked(batch);
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<T> x = input.Row(b), dy = outputGradient.Row(b);
            Span<T> dx = inputGradient.Row(b);
            for (int j = 0; j < n; j++)
            {
                T g = gamma[j] * _invStd[j];
                if (Training)
                {
                    T xhat = (x[j] - _mean[j]) * _invStd[j];
                    dx[j] = g * (dy[j] - _sumDy[j] * inverseCount - xhat * _sumDyXhat[j] * inverseCount);
                }
                else
                {
                    dx[j] = g * dy[j];
                }
            }
        }
    }

    /// <inheritdoc/>
    protected override void JacobianCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian,
        bool wantInput, bool wantParameters)
    {
        int batch = input.Rows, n = InputSize;
        var mean = new T[n];
        var invStd = new T[n];
        if (Training)
        {
            BatchStatistics(input, mean, invStd, updateRunning: false);
        }
        else
        {
            _runningMean.CopyTo(mean, 0);
            for (int j = 0; j < n; j++)
                invStd[j] = T.One / T.Sqrt(_runningVariance[j] + Epsilon);
        }
        ReadOnlySpan<T> gamma = Scale;
        T inverseCount = T.One / T.CreateChecked(batch);
        for (int b = 0; b < batch; b++)
        {
            for (int j = 0; j < n; j++)
            {
                int row = b * n + j;
                T xhatB = (input[b, j] - mean[j]) * invStd[j];
                if (wantParameters)
                {
                    parameterJacobian[row, j] = xhatB;
                    parameterJacobian[row, n + j] = T.One;
                }
                if (!wantInput)
                    continue;
                T g = gamma[j] * invStd[j];
                if (!Training)
                {
                    inputJacobian[row, b * n + j] = g;
                    continue;
                }
                for (int c = 0; c < batch; c++)
                {
                    T xhatC = (input[c, j] - mean[j]) * invStd[j];
                    T delta = b == c ? T.One : T.Zero;
                    inputJacobian[row, c * n + j] = g * (delta - inverseCount - xhatB * xhatC * inverseCount);
                }
            }
        }
    }
}
