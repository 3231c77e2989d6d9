using System;
using System.Diagnostics;
using System.Numerics;

namespace Simd.Numerics;

/// <summary>
/// An owning, dense, row-major <c>Rows × Columns</c> matrix of <see cref="float"/> or <see cref="double"/>:
/// element (i, j) is <c>Values[i·Columns + j]</c>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// The convenient top tier. Every routine in Simd works on the views <see cref="MatrixSpan{T}"/> and
/// <see cref="ReadOnlyMatrixSpan{T}"/>, which <see cref="AsSpan()"/> and <see cref="AsReadOnlySpan"/> return
/// without copying; users can equally wrap their own memory in a view.
/// </remarks>
[DebuggerDisplay("{Rows}×{Columns}")]
public sealed class Matrix<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _values;

    /// <summary>A zero-filled <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative or the product overflows.</exception>
    public Matrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        long count = (long)rows * columns;
        if (count > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}×{columns} matrix has more elements than an array can hold.");
        Rows = rows;
        Columns = columns;
        _values = new T[count];
    }

    /// <summary>A copy of the rectangular array <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public Matrix(T[,] values)
        : this(values?.GetLength(0) ?? throw new ArgumentNullException(nameof(values)), values.GetLength(1))
    {
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
                _values[i * Columns + j] = values[i, j];
    }

    /// <summary>A copy of the jagged array <paramref name="rows"/>; every row must have the same length.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its rows is null.</exception>
    /// <exception cref="ArgumentException">The rows differ in length.</exception>
    public Matrix(T[][] rows)
        : this(rows?.Length ?? throw new ArgumentNullException(nameof(rows)), rows.Length == 0 ? 0 : (rows[0] ?? throw new ArgumentNullException(nameof(rows))).Length)
    {
        for (int i = 0; i < Rows; i++)
        {
            T[] row = rows[i] ?? throw new ArgumentNullException(nameof(rows), $"Row {i} is null.");
            if (row.Length != Columns)
                throw new ArgumentException($"Row {i} has {row.Length} elements but row 0 has {Columns}.", nameof(rows));
            row.CopyTo(_values, i * Columns);
        }
    }

    /// <summary>A copy of <paramref name="values"/> read as a contiguous row-major
    /// <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold exactly rows·columns elements.</exception>
    public Matrix(ReadOnlySpan<T> values, int rows, int columns) : this(rows, columns)
    {
        if (values.Length != _values.Length)
            throw new ArgumentException($"A {rows}×{columns} matrix needs {_values.Length} values but got {values.Length}.", nameof(values));
        values.CopyTo(_values);
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>All elements in row-major order (row stride = <see cref="Columns"/>).</summary>
    public Span<T> Values => _values;

    /// <summary>Element (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <exception cref="IndexOutOfRangeException">The index is outside the matrix.</exception>
    public ref T this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
                throw new IndexOutOfRangeException($"({row}, {column}) is outside the {Rows}×{Columns} matrix.");
            return ref _values[row * Columns + column];
        }
    }

    /// <summary>Row <paramref name="row"/> as a span.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the matrix.</exception>
    public Span<T> Row(int row) => AsSpan().Row(row);

    /// <summary>A mutable view of the whole matrix.</summary>
    public MatrixSpan<T> AsSpan() => MatrixSpan<T>.CreateTrusted(_values, Rows, Columns, Columns);

    /// <summary>A mutable view of the <paramref name="rows"/>×<paramref name="columns"/> block at
    /// (<paramref name="row"/>, <paramref name="column"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The block does not fit.</exception>
    public MatrixSpan<T> AsSpan(int row, int column, int rows, int columns) => AsSpan().Slice(row, column, rows, columns);

    /// <summary>A read-only view of the whole matrix.</summary>
    public ReadOnlyMatrixSpan<T> AsReadOnlySpan() => ReadOnlyMatrixSpan<T>.CreateTrusted(_values, Rows, Columns, Columns);

    /// <summary>A deep copy.</summary>
    public Matrix<T> Clone() => new(_values, Rows, Columns);

    /// <summary>A copy as a rectangular array.</summary>
    public T[,] ToArray() => AsReadOnlySpan().ToArray();

    /// <summary>A new matrix holding the transpose.</summary>
    public Matrix<T> Transpose()
    {
        var result = new Matrix<T>(Columns, Rows);
        Kernels.SpanMath.Transpose(AsReadOnlySpan(), result.AsSpan());
        return result;
    }

    /// <summary>A zero-filled <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    public static Matrix<T> Zeros(int rows, int columns) => new(rows, columns);

    /// <summary>The <paramref name="n"/>×<paramref name="n"/> identity matrix.</summary>
    public static Matrix<T> Identity(int n)
    {
        var result = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
            result._values[i * n + i] = T.One;
        return result;
    }

    /// <summary>A matrix of independent samples drawn uniformly from [−1, 1).</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="random">The source; pass a seeded <see cref="Random"/> for reproducible matrices.</param>
    public static Matrix<T> RandomUniform(int rows, int columns, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var result = new Matrix<T>(rows, columns);
        for (int i = 0; i < result._values.Length; i++)
            result._values[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        return result;
    }

    /// <summary>A matrix of independent standard normal samples (Box–Muller).</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="random">The source; pass a seeded <see cref="Random"/> for reproducible matrices.</param>
    public static Matrix<T> RandomNormal(int rows, int columns, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var result = new Matrix<T>(rows, columns);
        for (int i = 0; i < result._values.Length; i++)
        {
            double u = 1.0 - random.NextDouble(); // in (0, 1], so the log is finite
            double v = random.NextDouble();
            result._values[i] = T.CreateTruncating(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
        return result;
    }

    /// <summary>Shape, for debugging.</summary>
    public override string ToString() => $"Matrix<{typeof(T).Name}>[{Rows}×{Columns}]";
}
