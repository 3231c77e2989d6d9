using System;

namespace Simd.Numerics;

/// <summary>
/// A least-squares problem <c>min ‖A·x − b‖₂</c> was given a matrix A whose columns are (numerically) linearly
/// dependent, so the solution is not unique. <see cref="Column"/> names the first column that lies in the span
/// of the columns before it.
/// </summary>
public sealed class RankDeficientMatrixException : ArithmeticException
{
    /// <summary>Creates the exception for the first dependent column <paramref name="column"/>.</summary>
    /// <param name="column">The first column (0-based) numerically in the span of the columns before it.</param>
    /// <param name="columns">The number of columns of A.</param>
    public RankDeficientMatrixException(int column, int columns)
        : base($"The matrix is rank deficient: column {column} of {columns} is numerically a linear combination of the columns before it, " +
               "so the least-squares solution is not unique.")
    {
        Column = column;
    }

    /// <summary>The first column (0-based) that is numerically in the span of the columns before it.</summary>
    public int Column { get; }
}
