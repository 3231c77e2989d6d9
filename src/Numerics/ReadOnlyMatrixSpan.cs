using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Simd.Numerics;

/// <summary>
/// A read-only, non-owning, row-major view of a <c>Rows × Columns</c> matrix inside a span:
/// element (i, j) lives at <c>span[i·RowStride + j]</c>. Sub-matrices and rows are views too; nothing is copied.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Same layout and validation as <see cref="MatrixSpan{T}"/>, which converts to this type implicitly.</remarks>
[DebuggerDisplay("{Rows}×{Columns}, stride {RowStride}")]
public readonly ref struct ReadOnlyMatrixSpan<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> _data;

    /// <summary>Views <paramref name="data"/> as a <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    /// <param name="data">The storage; element (i, j) is <c>data[i·rowStride + j]</c>.</param>
    /// <param name="rows">Number of rows (≥ 0).</param>
    /// <param name="columns">Number of columns (≥ 0).</param>
    /// <param name="rowStride">Distance between the starts of consecutive rows (≥ <paramref name="columns"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or the stride is less than the column count.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the view.</exception>
    public ReadOnlyMatrixSpan(ReadOnlySpan<T> data, int rows, int columns, int rowStride)
    {
        int required = MatrixShape.Validate(data.Length, rows, columns, rowStride);
        _data = data[..required];
        Rows = rows;
        Columns = columns;
        RowStride = rowStride;
    }

    /// <summary>Views <paramref name="data"/> as a contiguous <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the view.</exception>
    public ReadOnlyMatrixSpan(ReadOnlySpan<T> data, int rows, int columns) : this(data, rows, columns, columns) { }

    private ReadOnlyMatrixSpan(ReadOnlySpan<T> data, int rows, int columns, int rowStride, bool _)
    {
        _data = data;
        Rows = rows;
        Columns = columns;
        RowStride = rowStride;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Distance, in elements, between the starts of consecutive rows.</summary>
    public int RowStride { get; }

    /// <summary>True when the view has no elements.</summary>
    public bool IsEmpty => Rows == 0 || Columns == 0;

    /// <summary>The underlying storage from element (0, 0) to the last element of the last row, gaps included.</summary>
    public ReadOnlySpan<T> Span => _data;

    /// <summary>Element (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside the view.</exception>
    public ref readonly T this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
                throw new IndexOutOfRangeException($"({row}, {column}) is outside the {Rows}×{Columns} matrix.");
            return ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), (nint)row * RowStride + column);
        }
    }

    /// <summary>Row <paramref name="row"/> as a span of <see cref="Columns"/> elements.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the view.</exception>
    public ReadOnlySpan<T> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside the {Rows}×{Columns} matrix.");
        // An empty view has no storage at all, so its (empty) rows cannot be sliced out of it.
        return Columns == 0 ? default : _data.Slice(row * RowStride, Columns);
    }

    /// <summary>The <paramref name="rows"/>×<paramref name="columns"/> block whose top-left element is
    /// (<paramref name="row"/>, <paramref name="column"/>), sharing this view's storage.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The block does not fit in this view.</exception>
    public ReadOnlyMatrixSpan<T> Slice(int row, int column, int rows, int columns)
    {
        MatrixShape.ValidateSlice(row, column, rows, columns, Rows, Columns);
        if (rows == 0 || columns == 0)
            return new ReadOnlyMatrixSpan<T>(ReadOnlySpan<T>.Empty, rows, columns, RowStride, false);
        int start = row * RowStride + column;
        return new ReadOnlyMatrixSpan<T>(_data.Slice(start, (rows - 1) * RowStride + columns), rows, columns, RowStride, false);
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1, all columns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows do not fit in this view.</exception>
    public ReadOnlyMatrixSpan<T> SliceRows(int start, int count) => Slice(start, 0, count, Columns);

    /// <summary>Copies this view into <paramref name="destination"/>, which must have the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(MatrixSpan<T> destination)
    {
        if (destination.Rows != Rows || destination.Columns != Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(destination), $"a {Rows}×{Columns} matrix", destination.Rows, destination.Columns);
        for (int i = 0; i < Rows; i++)
            Row(i).CopyTo(destination.Row(i));
    }

    /// <summary>Copies the view into a new owning <see cref="Matrix{T}"/>.</summary>
    public Matrix<T> ToMatrix()
    {
        var result = new Matrix<T>(Rows, Columns);
        CopyTo(result.AsSpan());
        return result;
    }

    /// <summary>Copies the view into a new rectangular array.</summary>
    public T[,] ToArray()
    {
        var result = new T[Rows, Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                result[i, j] = _data[i * RowStride + j];
        return result;
    }

    /// <summary>Reference to element (0, 0) for kernels; undefined for an empty view.</summary>
    internal ref T GetReference() => ref MemoryMarshal.GetReference(_data);

    internal static ReadOnlyMatrixSpan<T> CreateTrusted(ReadOnlySpan<T> data, int rows, int columns, int rowStride) =>
        new(data, rows, columns, rowStride, false);

    /// <summary>Shape and stride, for debugging.</summary>
    public override string ToString() => $"ReadOnlyMatrixSpan<{typeof(T).Name}>[{Rows}×{Columns}, stride {RowStride}]";
}
