using System;
using System.Buffers;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// Low-level symmetric eigensolver <c>A = Z·Λ·Zᵀ</c> on caller-owned storage: Householder tridiagonalization,
/// then the implicit QR algorithm or divide and conquer on the tridiagonal (all eigenpairs) or bisection and
/// inverse iteration (a few eigenpairs at either end of the spectrum).
/// </summary>
/// <remarks>
/// Eigenvalues come back in ascending order. Every eigenvector is a unit vector whose largest-magnitude
/// component (the first one, among equal magnitudes) is positive, so results are deterministic.
/// Non-finite input is rejected (the iteration would only report non-convergence).
/// </remarks>
public static class SymmetricEigen
{
    /// <summary>Order from which the vectors come from divide and conquer instead of the implicit QR algorithm.</summary>
    internal const int DivideAndConquerFrom = 128;

    /// <summary>Computes all eigenvalues of a symmetric matrix and, when asked, its eigenvectors.</summary>
    /// <param name="a">On entry, the symmetric n×n matrix; only the lower triangle is read. On exit, destroyed.</param>
    /// <param name="values">Receives the n eigenvalues in ascending order.</param>
    /// <param name="vectors">Empty (0×0) for eigenvalues only; otherwise n×n and receives Z: column j is the unit
    /// eigenvector of eigenvalue j. Not read on entry.</param>
    /// <param name="unconverged">On failure, the number of off-diagonal entries that failed to converge.</param>
    /// <param name="parallelism">Threads for the blocked updates and the rotations.</param>
    /// <returns>False if the QR iteration (or a divide-and-conquer subproblem) did not converge (it should not happen);
    /// outputs are then undefined.</returns>
    /// <exception cref="ArgumentException">A shape does not match, or the lower triangle holds NaN or ∞.</exception>
    /// <remarks>
    /// Values only: xSYTRD + xSTERF, about ⁴⁄₃n³ flops (dominated by the reduction). With vectors, below
    /// n = 128: xSYTRD + xORGTR + xSTEQR (9n³ flops, the rotations applied in cache-friendly waves); from n = 128:
    /// xSYTRD + xSTEDC + xORMTR as LAPACK xSYEVD does (divide and conquer, about ⁴⁄₃n³ flops of GEMM at most and
    /// fewer with deflation, then the 2n³ back-transformation); the crossover is measured (below it the QR waves
    /// and the explicit Q cost no more than the merges and the blocked back-transformation).
    /// Same contract as LAPACK xSYEV / xSYEVD.
    /// </remarks>
    public static bool TryComputeInPlace<T>(MatrixSpan<T> a, Span<T> values, MatrixSpan<T> vectors, out int unconverged,
        Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        Validate(a, values, n);
        bool withVectors = !vectors.IsEmpty;
        if (withVectors && (vectors.Rows != n || vectors.Columns != n))
            ThrowHelper.ThrowShapeMismatch(nameof(vectors), $"an empty view or a {n}×{n} matrix", vectors.Rows, vectors.Columns);
        unconverged = 0;
        if (n == 0)
            return true;

        T[] buffer = ArrayPool<T>.Shared.Rent(2 * n);
        try
        {
            Span<T> e = buffer.AsSpan(0, n), tau = buffer.AsSpan(n, n);
            Tridiagonalization.ReduceInPlace(a, values, e, tau);
            if (!withVectors)
                return TridiagonalQr.TryComputeInPlace(values[..n], e, default, out unconverged, parallelism);

            var zt = new Matrix<T>(n, n);
            if (n >= DivideAndConquerFrom)
            {
                // Eigenvectors of T by divide and conquer, then back-transformed (xSTEDC + xORMTR, as xSYEVD).
                if (!TridiagonalDivideAndConquer.TryComputeInPlace(values[..n], e, zt.AsSpan(), out unconverged, parallelism))
                    return false;
                Tridiagonalization.ApplyQTransposeFromRight<T>(a, tau, zt.AsSpan(), parallelism);
            }
            else
            {
                Tridiagonalization.FormQTransposed<T>(a, tau, zt.AsSpan(), parallelism);
                if (!TridiagonalQr.TryComputeInPlace(values[..n], e, zt.AsSpan(), out unconverged, parallelism))
                    return false;
            }
            NormalizeSigns(zt.AsSpan());
            SpanMath.Transpose<T>(zt.AsReadOnlySpan(), vectors);
            return true;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes the <paramref name="count"/> smallest or largest eigenvalues and their eigenvectors.</summary>
    /// <param name="a">On entry, the symmetric n×n matrix; only the lower triangle is read. On exit, destroyed.</param>
    /// <param name="count">How many eigenpairs, 0 ≤ count ≤ n.</param>
    /// <param name="largest">True for the largest eigenvalues, false for the smallest.</param>
    /// <param name="values">Receives the <paramref name="count"/> eigenvalues in ascending order.</param>
    /// <param name="vectors">Receives Z (n×count): column j is the unit eigenvector of <paramref name="values"/>[j].</param>
    /// <param name="unconverged">On failure, how many eigenvectors inverse iteration failed to converge.</param>
    /// <param name="parallelism">Threads for the blocked back-transformation.</param>
    /// <returns>False if inverse iteration did not converge for some vector (it should not happen).</returns>
    /// <exception cref="ArgumentException">A shape does not match, count is out of range, or the input is not finite.</exception>
    /// <remarks>
    /// Tridiagonalization (⁴⁄₃n³ flops), then bisection for the selected eigenvalues and inverse iteration for
    /// their vectors on the tridiagonal (O(count·n) plus reorthogonalization inside clusters), then the
    /// back-transformation of count vectors (2·count·n² flops): no n×n vector matrix is ever formed. LAPACK
    /// xSYEVX with RANGE = 'I' does the same.
    /// </remarks>
    public static bool TryComputeSelectedInPlace<T>(MatrixSpan<T> a, int count, bool largest, Span<T> values, MatrixSpan<T> vectors,
        out int unconverged, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (a.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        if ((uint)count > (uint)n)
            throw new ArgumentOutOfRangeException(nameof(count), $"count must be in [0, {n}] for a {n}×{n} matrix but was {count}.");
        if (values.Length < count)
            ThrowHelper.ThrowDestinationTooShort(nameof(values), count, values.Length);
        if (vectors.Rows != n || vectors.Columns != count)
            ThrowHelper.ThrowShapeMismatch(nameof(vectors), $"a {n}×{count} matrix", vectors.Rows, vectors.Columns);
        CheckFinite(a);
        unconverged = 0;
        if (count == 0)
            return true;

        var d = new T[n];
        var e = new T[Math.Max(n - 1, 1)];
        var tau = new T[Math.Max(n - 1, 1)];
        Tridiagonalization.ReduceInPlace(a, d, e, tau);
        int first = largest ? n - count : 0;
        TridiagonalBisection.Eigenvalues<T>(d, e.AsSpan(0, Math.Max(n - 1, 0)), first, count, values[..count]);
        var zt = new Matrix<T>(count, n);
        unconverged = TridiagonalBisection.Eigenvectors<T>(d, e.AsSpan(0, Math.Max(n - 1, 0)), values[..count], zt.AsSpan());
        Tridiagonalization.ApplyQTransposeFromRight<T>(a, tau, zt.AsSpan(), parallelism);
        NormalizeSigns(zt.AsSpan());
        SpanMath.Transpose<T>(zt.AsReadOnlySpan(), vectors);
        return unconverged == 0;
    }

    private static void Validate<T>(MatrixSpan<T> a, Span<T> values, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        if (values.Length < n)
            ThrowHelper.ThrowDestinationTooShort(nameof(values), n, values.Length);
        CheckFinite(a);
    }

    private static void CheckFinite<T>(MatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Rows; i++)
        {
            ReadOnlySpan<T> row = a.Row(i)[..(i + 1)];
            for (int j = 0; j <= i; j++)
                if (!T.IsFinite(row[j]))
                    throw new ArgumentException($"The matrix holds a non-finite value ({row[j]}) at ({i}, {j}); eigenvalues are undefined.", nameof(a));
        }
    }

    /// <summary>Makes the largest-magnitude component (the first among ties) of every row positive.</summary>
    internal static void NormalizeSigns<T>(MatrixSpan<T> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rows.Rows; i++)
        {
            Span<T> row = rows.Row(i);
            int arg = 0;
            T max = T.Zero;
            for (int j = 0; j < row.Length; j++)
            {
                T m = T.Abs(row[j]);
                if (m > max)
                {
                    max = m;
                    arg = j;
                }
            }
            if (row.Length > 0 && row[arg] < T.Zero)
                SpanMath.Scale(-T.One, row);
        }
    }
}
