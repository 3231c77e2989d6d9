using System;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Layers;

/// <summary>Row-wise softmax <c>Y[b, j] = e^X[b,j] / Σₖ e^X[b,k]</c>, computed without overflow.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="size">Classes per sample.</param>
/// <remarks>The Jacobian of one row is <c>diag(y) − y·yᵀ</c>, so the backward pass is
/// <c>dx = y ⊙ (dy − ⟨dy, y⟩)</c>. For training a classifier prefer <see cref="Losses.SoftmaxCrossEntropy{T}"/>
/// on the logits, which is more accurate than softmax followed by a log.</remarks>
public sealed class Softmax<T>(int size) : Layer<T>(size, size, 0)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output) => SpanMath.Softmax(input, output);

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output,
        ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient, bool wantInput)
    {
        if (!wantInput)
            return;
        for (int b = 0; b < input.Rows; b++)
        {
            ReadOnlySpan<T> y = output.Row(b), dy = outputGradient.Row(b);
            Span<T> dx = inputGradient.Row(b);
            T dot = SpanMath.Dot(dy, y);
            for (int j = 0; j < y.Length; j++)
                dx[j] = y[j] * (dy[j] - dot);
        }
    }

    /// <inheritdoc/>
    protected override void JacobianCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian,
        bool wantInput, bool wantParameters)
    {
        if (!wantInput)
            return;
        int n = InputSize;
        var y = new T[n];
        for (int b = 0; b < input.Rows; b++)
        {
            SpanMath.Softmax(input.Row(b), y);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    inputJacobian[b * n + i, b * n + j] = (i == j ? y[i] : T.Zero) - y[i] * y[j];
        }
    }
}
