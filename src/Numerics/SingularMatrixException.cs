using System;

namespace Simd.Numerics;

/// <summary>
/// A solve or an inverse met a matrix whose triangular factor has an exactly zero pivot, so the system has no
/// unique solution. <see cref="PivotIndex"/> names the first zero diagonal element of U (LAPACK's INFO − 1).
/// </summary>
public sealed class SingularMatrixException : ArithmeticException
{
    /// <summary>A singular-matrix error with a generic message and no pivot index (<see cref="PivotIndex"/> = −1).</summary>
    public SingularMatrixException() : this("The matrix is singular.") { }

    /// <summary>A singular-matrix error with the given message and no pivot index (<see cref="PivotIndex"/> = −1).</summary>
    /// <param name="message">What went wrong.</param>
    public SingularMatrixException(string? message) : base(message) => PivotIndex = -1;

    /// <summary>A singular-matrix error with the given message and inner exception (<see cref="PivotIndex"/> = −1).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SingularMatrixException(string? message, Exception? innerException) : base(message, innerException) => PivotIndex = -1;

    /// <summary>A singular-matrix error naming the first zero pivot.</summary>
    /// <param name="pivotIndex">Zero-based index of the first zero diagonal element of U.</param>
    public SingularMatrixException(int pivotIndex)
        : this($"The matrix is singular: pivot {pivotIndex} (zero-based) of its LU factorization is exactly zero.", pivotIndex) { }

    /// <summary>A singular-matrix error with a custom message naming the first zero pivot.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="pivotIndex">Zero-based index of the first zero diagonal element of U.</param>
    public SingularMatrixException(string? message, int pivotIndex) : base(message) => PivotIndex = pivotIndex;

    /// <summary>Zero-based index of the first zero pivot, or −1 when unknown.</summary>
    public int PivotIndex { get; }
}
