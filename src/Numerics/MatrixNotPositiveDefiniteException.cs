using System;

namespace Simd.Numerics;

/// <summary>
/// A Cholesky factorization met a pivot that was not strictly positive (zero, negative or NaN), so the matrix is not
/// numerically symmetric positive definite. <see cref="PivotIndex"/> is the zero-based index of that pivot: the leading
/// minor of order <see cref="PivotIndex"/> + 1 is the first one that is not positive definite (LAPACK xPOTRF's INFO).
/// </summary>
public sealed class MatrixNotPositiveDefiniteException : ArithmeticException
{
    /// <summary>An error with a generic message and no pivot index (<see cref="PivotIndex"/> = −1).</summary>
    public MatrixNotPositiveDefiniteException() : this("The matrix is not positive definite.") { }

    /// <summary>An error with the given message and no pivot index (<see cref="PivotIndex"/> = −1).</summary>
    /// <param name="message">What went wrong.</param>
    public MatrixNotPositiveDefiniteException(string? message) : base(message) => PivotIndex = -1;

    /// <summary>An error with the given message and inner exception (<see cref="PivotIndex"/> = −1).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MatrixNotPositiveDefiniteException(string? message, Exception? innerException) : base(message, innerException) => PivotIndex = -1;

    /// <summary>An error naming the failing pivot and leading minor.</summary>
    /// <param name="pivotIndex">Zero-based index of the first pivot that was not strictly positive.</param>
    public MatrixNotPositiveDefiniteException(int pivotIndex)
        : this($"The matrix is not positive definite: pivot {pivotIndex} (zero-based) was not strictly positive, " +
               $"so the leading {pivotIndex + 1}×{pivotIndex + 1} minor is not positive definite.", pivotIndex) { }

    /// <summary>An error with a custom message naming the failing pivot.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="pivotIndex">Zero-based index of the first pivot that was not strictly positive.</param>
    public MatrixNotPositiveDefiniteException(string? message, int pivotIndex) : base(message) => PivotIndex = pivotIndex;

    /// <summary>Zero-based index of the failing pivot (the leading minor of order <c>PivotIndex + 1</c> fails), or −1 when unknown.</summary>
    public int PivotIndex { get; }

    /// <summary>Order of the first leading minor that is not positive definite (<see cref="PivotIndex"/> + 1), or 0 when unknown.</summary>
    public int LeadingMinor => PivotIndex + 1;
}
