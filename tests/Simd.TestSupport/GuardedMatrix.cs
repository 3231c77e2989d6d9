using System;
using System.Numerics;
using Simd.Numerics;
using Xunit.Sdk;

namespace Simd.TestSupport;

/// <summary>
/// A matrix view inside a larger buffer: guard elements before and after the view and in the stride gaps
/// hold a sentinel, so a test can prove a routine wrote nothing outside the view it was given.
/// </summary>
public sealed class GuardedMatrix<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Guard elements on each side of the view.</summary>
    public const int Guard = 17;

    private readonly T[] _buffer;
    private readonly bool[] _inside;

    /// <summary>A rows×columns view with the given extra stride, every element and guard set to <paramref name="sentinel"/>.</summary>
    public GuardedMatrix(int rows, int columns, int extraStride, T sentinel)
    {
        Rows = rows;
        Columns = columns;
        RowStride = columns + extraStride;
        Sentinel = sentinel;
        int span = rows == 0 || columns == 0 ? 0 : (rows - 1) * RowStride + columns;
        _buffer = new T[span + 2 * Guard];
        _inside = new bool[_buffer.Length];
        Array.Fill(_buffer, sentinel);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
                _inside[Guard + i * RowStride + j] = true;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Row stride of the view.</summary>
    public int RowStride { get; }

    /// <summary>The value guard cells must keep.</summary>
    public T Sentinel { get; }

    /// <summary>The view.</summary>
    public MatrixSpan<T> View => new(_buffer.AsSpan(Guard, _buffer.Length - 2 * Guard), Rows, Columns, RowStride);

    /// <summary>Copies <paramref name="values"/> into the view.</summary>
    public GuardedMatrix<T> Fill(Matrix<T> values)
    {
        values.AsReadOnlySpan().CopyTo(View);
        return this;
    }

    /// <summary>The view's contents as a new matrix.</summary>
    public Matrix<T> ToMatrix() => View.ToMatrix();

    /// <summary>Throws when a guard cell (before, after, or in a stride gap) no longer holds the sentinel.</summary>
    public void AssertGuardsIntact()
    {
        for (int i = 0; i < _buffer.Length; i++)
        {
            if (_inside[i])
                continue;
            T v = _buffer[i];
            bool same = T.IsNaN(Sentinel) ? T.IsNaN(v) : v == Sentinel;
            if (!same)
                throw new XunitException($"Guard element {i - Guard} (relative to the view start) was overwritten with {v}.");
        }
    }
}
