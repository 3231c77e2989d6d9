using System;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Simd.Numerics;

/// <summary>
/// A mutable, non-owning, row-major view of a <c>Rows × Columns</c> matrix inside a span:
/// element (i, j) lives at <c>span[i·RowStride + j]</c>. Sub-matrices and rows are views too; nothing is copied.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// The constructor checks that the view fits in its span, so every routine that receives a view may trust
/// its shape. The span starts at element (0, 0) and holds <c>(Rows − 1)·RowStride + Columns</c> elements;
/// the gaps between rows (when <c>RowStride &gt; Columns</c>) are never written by Simd.
/// </remarks>
[DebuggerDisplay("{Rows}×{Columns}, stride {RowStride}")]
public readonly ref struct MatrixSpan<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Span<T> _data;

    /// <summary>Views <paramref name="data"/> as a <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    /// <param name="data">The storage; element (i, j) is <c>data[i·rowStride + j]</c>.</param>
    /// <param name="rows">Number of rows (≥ 0).</param>
    /// <param name="columns">Number of columns (≥ 0).</param>
    /// <param name="rowStride">Distance between the starts of consecutive rows (≥ <paramref name="columns"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or the stride is less than the column count.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is too short for the view.</exception>
    public MatrixSpan(Span<T> data, int rows, int columns, int rowStride)
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
    public MatrixSpan(Span<T> data, int rows, int columns) : this(data, rows, columns, columns) { }

    // Trusted constructor for slices that were already checked.
    private MatrixSpan(Span<T> data, int rows, int columns, int rowStride, bool _)
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
    public Span<T> Span => _data;

    /// <summary>Element (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside the view.</exception>
    public ref T this[int row, int column]
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
    public Span<T> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
            throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside the {Rows}×{Columns} matrix.");
        // An empty view has no storage at all, so its (empty) rows cannot be sliced out of it.
        return Columns == 0 ? default : _data.Slice(row * RowStride, Columns);
    }

    /// <summary>The <paramref name="rows"/>×<paramref name="columns"/> block whose top-left element is
    /// (<paramref name="row"/>, <paramref name="column"/>), sharing this view's storage.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The block does not fit in this view.</exception>
    public MatrixSpan<T> Slice(int row, int column, int rows, int columns)
    {
        MatrixShape.ValidateSlice(row, column, rows, columns, Rows, Columns);
        if (rows == 0 || columns == 0)
            return new MatrixSpan<T>(Span<T>.Empty, rows, columns, RowStride, false);
        int start = row * RowStride + column;
        return new MatrixSpan<T>(_data.Slice(start, (rows - 1) * RowStride + columns), rows, columns, RowStride, false);
    }

    /// <summary>Rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1, all columns.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rows do not fit in this view.</exception>
    public MatrixSpan<T> SliceRows(int start, int count) => Slice(start, 0, count, Columns);

    /// <summary>Sets every element of the view (not the stride gaps) to <paramref name="value"/>.</summary>
    public void Fill(T value)
    {
        for (int i = 0; i < Rows; i++)
            Row(i).Fill(value);
    }

    /// <summary>Sets every element of the view (not the stride gaps) to zero.</summary>
    public void Clear() => Fill(T.Zero);

    /// <summary>Copies this view into <paramref name="destination"/>, which must have the same shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public void CopyTo(MatrixSpan<T> destination) => ((ReadOnlyMatrixSpan<T>)this).CopyTo(destination);

    /// <summary>Copies the view into a new owning <see cref="Matrix{T}"/>.</summary>
    public Matrix<T> ToMatrix() => ((ReadOnlyMatrixSpan<T>)this).ToMatrix();

    /// <summary>Copies the view into a new rectangular array.</summary>
    public T[,] ToArray() => ((ReadOnlyMatrixSpan<T>)this).ToArray();

    /// <summary>A read-only view of the same elements.</summary>
    public ReadOnlyMatrixSpan<T> AsReadOnly() => this;

    /// <summary>A read-only view of the same elements.</summary>
    public static implicit operator ReadOnlyMatrixSpan<T>(MatrixSpan<T> view) =>
        ReadOnlyMatrixSpan<T>.CreateTrusted(view._data, view.Rows, view.Columns, view.RowStride);

    /// <summary>Reference to element (0, 0) for kernels; undefined for an empty view.</summary>
    internal ref T GetReference() => ref MemoryMarshal.GetReference(_data);

    internal static MatrixSpan<T> CreateTrusted(Span<T> data, int rows, int columns, int rowStride) =>
        new(data, rows, columns, rowStride, false);

    /// <summary>Shape and stride, for debugging.</summary>
    public override string ToString() => $"MatrixSpan<{typeof(T).Name}>[{Rows}×{Columns}, stride {RowStride}]";
}
