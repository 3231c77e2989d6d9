using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.Learning.Losses;

/// <summary>Base class for losses: shape checks, the row loop, and the explicit Hessian built from
/// <see cref="ILoss{T}.HessianVectorProduct"/>. Subclasses implement one row at a time.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Loss<T> : ILoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _scratch = [];

    /// <summary>A scratch row of at least <paramref name="length"/> elements, reused between calls.</summary>
    /// <param name="length">The row width.</param>
    protected Span<T> Scratch(int length)
    {
        if (_scratch.Length < length)
            _scratch = new T[length];
        return _scratch.AsSpan(0, length);
    }

    /// <summary>The divisor of the mean for a B×n batch: B·n for element-wise losses.</summary>
    /// <param name="rows">B.</param>
    /// <param name="columns">n.</param>
    protected virtual T Count(int rows, int columns) => T.CreateChecked((long)rows * columns);

    /// <inheritdoc/>
    public T Evaluate(ReadOnlyMatrixSpan<T> prediction, ReadOnlyMatrixSpan<T> target, MatrixSpan<T> gradient)
    {
        CheckTarget(prediction, target);
        bool wantGradient = !gradient.IsEmpty;
        if (wantGradient)
        {
            CheckSame(prediction, gradient.Rows, gradient.Columns, nameof(gradient));
            if (gradient.Span.Overlaps(prediction.Span) || gradient.Span.Overlaps(target.Span))
                throw new ArgumentException("The gradient overlaps the prediction or the target.", nameof(gradient));
        }
        if (prediction.IsEmpty)
            return T.Zero;
        T scale = T.One / Count(prediction.Rows, prediction.Columns);
        T sum = T.Zero;
        for (int b = 0; b < prediction.Rows; b++)
            sum += EvaluateRow(prediction.Row(b), target.Row(b), wantGradient ? gradient.Row(b) : default, scale);
        return sum * scale;
    }

    /// <inheritdoc/>
    public void HessianVectorProduct(ReadOnlyMatrixSpan<T> prediction, ReadOnlyMatrixSpan<T> target, ReadOnlyMatrixSpan<T> direction, MatrixSpan<T> result)
    {
        CheckTarget(prediction, target);
        CheckSame(prediction, direction.Rows, direction.Columns, nameof(direction));
        CheckSame(prediction, result.Rows, result.Columns, nameof(result));
        if (result.Span.Overlaps(prediction.Span) || result.Span.Overlaps(target.Span) || result.Span.Overlaps(direction.Span))
            throw new ArgumentException("The result overlaps an input.", nameof(result));
        if (prediction.IsEmpty)
            return;
        T scale = T.One / Count(prediction.Rows, prediction.Columns);
        for (int b = 0; b < prediction.Rows; b++)
            HessianVectorRow(prediction.Row(b), target.Row(b), direction.Row(b), result.Row(b), scale);
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlyMatrixSpan<T> prediction, ReadOnlyMatrixSpan<T> target, MatrixSpan<T> hessian)
    {
        CheckTarget(prediction, target);
        int n = prediction.Columns, size = prediction.Rows * n;
        if (hessian.Rows != size || hessian.Columns != size)
            throw new ArgumentException($"Expected a {size}×{size} matrix but got {hessian.Rows}×{hessian.Columns}.", nameof(hessian));
        hessian.Clear();
        if (prediction.IsEmpty)
            return;
        T scale = T.One / Count(prediction.Rows, n);
        var unit = new T[n];
        var column = new T[n];
        // The Hessian is block diagonal (samples are independent): build each n×n block from n products.
        for (int b = 0; b < prediction.Rows; b++)
        {
            for (int j = 0; j < n; j++)
            {
                Array.Clear(unit);
                unit[j] = T.One;
                HessianVectorRow(prediction.Row(b), target.Row(b), unit, column, scale);
                for (int i = 0; i < n; i++)
                    hessian[b * n + i, b * n + j] = column[i];
            }
        }
    }

    /// <summary>Returns the row's contribution to the sum (before the mean) and, when <paramref name="gradient"/>
    /// is not empty, writes its gradient already multiplied by <paramref name="scale"/>.</summary>
    /// <param name="prediction">One row of Ŷ.</param>
    /// <param name="target">The same row of Y.</param>
    /// <param name="gradient">Receives the scaled gradient, or empty.</param>
    /// <param name="scale">1 / the mean's divisor.</param>
    protected abstract T EvaluateRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, T scale);

    /// <summary>Writes the row's Hessian block times <paramref name="direction"/>, multiplied by <paramref name="scale"/>.</summary>
    /// <param name="prediction">One row of Ŷ.</param>
    /// <param name="target">The same row of Y.</param>
    /// <param name="direction">The same row of v.</param>
    /// <param name="result">Receives the row of H·v.</param>
    /// <param name="scale">1 / the mean's divisor.</param>
    protected abstract void HessianVectorRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> direction, Span<T> result, T scale);

    private static void CheckTarget(ReadOnlyMatrixSpan<T> prediction, ReadOnlyMatrixSpan<T> target) =>
        CheckSame(prediction, target.Rows, target.Columns, nameof(target));

    private static void CheckSame(ReadOnlyMatrixSpan<T> prediction, int rows, int columns, string name)
    {
        if (rows != prediction.Rows || columns != prediction.Columns)
            throw new ArgumentException(
                $"Expected a {prediction.Rows}×{prediction.Columns} matrix (the shape of the prediction) but got {rows}×{columns}.", name);
    }
}
