using System;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Numerics;

namespace Simd.Learning.Layers;

/// <summary>A parameter-free layer <c>Y[b, j] = f(X[b, j])</c>; its Jacobian is diagonal.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class ElementwiseActivation<T> : Layer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the activation for samples of <paramref name="size"/> features.</summary>
    /// <param name="size">Features per sample (input and output).</param>
    protected ElementwiseActivation(int size) : base(size, size, 0) { }

    /// <summary><c>y[i] = f(x[i])</c>.</summary>
    /// <param name="x">Arguments.</param>
    /// <param name="y">Results, same length.</param>
    protected abstract void Apply(ReadOnlySpan<T> x, Span<T> y);

    /// <summary><c>dx[i] = f′(x[i])·dy[i]</c>, given <c>y = f(x)</c>.</summary>
    /// <param name="x">Arguments.</param>
    /// <param name="y">Results of <see cref="Apply"/>.</param>
    /// <param name="dy">∂L/∂y.</param>
    /// <param name="dx">Receives ∂L/∂x.</param>
    protected abstract void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);

    /// <inheritdoc/>
    protected override void ForwardCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output)
    {
        if (input.RowStride == InputSize && output.RowStride == OutputSize)
        {
            Apply(input.Span, output.Span);
            return;
        }
        for (int b = 0; b < input.Rows; b++)
            Apply(input.Row(b), output.Row(b));
    }

    /// <inheritdoc/>
    protected override void BackwardCore(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output,
        ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient, bool wantInput)
    {
        if (!wantInput)
            return;
        int n = InputSize;
        if (input.RowStride == n && output.RowStride == n && outputGradient.RowStride == n && inputGradient.RowStride == n)
        {
            Derive(input.Span, output.Span, outputGradient.Span, inputGradient.Span);
            return;
        }
        for (int b = 0; b < input.Rows; b++)
            Derive(input.Row(b), output.Row(b), outputGradient.Row(b), inputGradient.Row(b));
    }

    /// <inheritdoc/>
    protected override void JacobianCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian,
        bool wantInput, bool wantParameters)
    {
        if (!wantInput)
            return;
        int n = InputSize;
        var y = new T[n];
        var ones = new T[n];
        var d = new T[n];
        ones.AsSpan().Fill(T.One);
        for (int b = 0; b < input.Rows; b++)
        {
            Apply(input.Row(b), y);
            Derive(input.Row(b), y, ones, d);
            for (int j = 0; j < n; j++)
                inputJacobian[b * n + j, b * n + j] = d[j];
        }
    }
}
