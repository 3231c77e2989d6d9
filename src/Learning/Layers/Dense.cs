using System;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Learning.Initialization;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Layers;

/// <summary>The affine layer <c>Y = X·W + 1·bᵀ</c> (fully connected), computed with <see cref="Gemm"/>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Parameters, in this order: W (<see cref="Layer{T}.InputSize"/>×<see cref="Layer{T}.OutputSize"/>, row-major),
/// then b (<see cref="Layer{T}.OutputSize"/>). Backward: <c>∂L/∂W += Xᵀ·∂L/∂Y</c>, <c>∂L/∂b += 1ᵀ·∂L/∂Y</c>,
/// <c>∂L/∂X = ∂L/∂Y·Wᵀ</c>, three GEMM-shaped products with no copies.
/// </remarks>
public sealed class Dense<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer with zero weights and biases.</summary>
    /// <param name="inputSize">Input features (≥ 1).</param>
    /// <param name="outputSize">Output features (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public Dense(int inputSize, int outputSize) : base(inputSize, outputSize, checked(inputSize * outputSize + outputSize)) { }

    /// <summary>Creates the layer with weights drawn by <paramref name="initialization"/> and zero biases.</summary>
    /// <param name="inputSize">Input features (≥ 1).</param>
    /// <param name="outputSize">Output features (≥ 1).</param>
    /// <param name="random">The seeded random source (the same seed gives the same weights).</param>
    /// <param name="initialization">The weight distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Dense(int inputSize, int outputSize, RandomSource random, WeightInitialization initialization = WeightInitialization.GlorotUniform)
        : this(inputSize, outputSize)
    {
        ArgumentNullException.ThrowIfNull(random);
        Initializers.Initialize(initialization, Weights, random);
    }

    /// <summary>How many threads the layer's matrix products may use (all cores by default; results are bitwise
    /// identical for every setting).</summary>
    public Parallelism Parallelism { get; set; } = Parallelism.Auto;

    /// <summary>The weights W as an InputSize×OutputSize view of <see cref="Layer{T}.Parameters"/>.</summary>
    public MatrixSpan<T> Weights => new(Parameters[..(InputSize * OutputSize)], InputSize, OutputSize);

    /// <summary>The biases b, a view of <see cref="Layer{T}.Parameters"/>.</summary>
    public Span<T> Bias => Parameters.Slice(InputSize * OutputSize, OutputSize);

    /// <summary>∂L/∂W, a view of <see cref="Layer{T}.Gradient"/>.</summary>
    public MatrixSpan<T> WeightsGradient => new(Gradient[..(InputSize * OutputSize)], InputSize, OutputSize);

    /// <summary>∂L/∂b, a view of <see cref="Layer{T}.Gradient"/>.</summary>
    public Span<T> BiasGradient => Gradient.Slice(InputSize * OutputSize, OutputSize);

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output)
    {
        ReadOnlySpan<T> bias = Bias;
        for (int b = 0; b < output.Rows; b++)
            bias.CopyTo(output.Row(b));
        Gemm.Multiply(T.One, input, MatrixOp.None, Weights, MatrixOp.None, T.One, output, Parallelism);
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output,
        ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient, bool wantInput)
    {
        Gemm.Multiply(T.One, input, MatrixOp.Transpose, outputGradient, MatrixOp.None, T.One, WeightsGradient, Parallelism);
        Span<T> biasGradient = BiasGradient;
        for (int b = 0; b < outputGradient.Rows; b++)
            SpanMath.Add<T>(outputGradient.Row(b), biasGradient, biasGradient);
        if (wantInput)
            Gemm.Multiply(T.One, outputGradient, MatrixOp.None, Weights, MatrixOp.Transpose, T.Zero, inputGradient, Parallelism);
    }

    /// <inheritdoc/>
    protected override void JacobianCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian,
        bool wantInput, bool wantParameters)
    {
        int n = InputSize, m = OutputSize;
        ReadOnlyMatrixSpan<T> w = Weights;
        for (int b = 0; b < input.Rows; b++)
        {
            for (int j = 0; j < m; j++)
            {
                int row = b * m + j;
                if (wantInput)
                    for (int k = 0; k < n; k++)
                        inputJacobian[row, b * n + k] = w[k, j];          // ∂Y[b,j]/∂X[b,k] = W[k,j]
                if (wantParameters)
                {
                    for (int k = 0; k < n; k++)
                        parameterJacobian[row, k * m + j] = input[b, k];  // ∂Y[b,j]/∂W[k,j] = X[b,k]
                    parameterJacobian[row, n * m + j] = T.One;            // ∂Y[b,j]/∂b[j] = 1
                }
            }
        }
    }
}
