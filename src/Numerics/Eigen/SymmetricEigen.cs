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
    /// Values only: xSYTRD + xSTERF, about ⁴⁄₃n³ flops (dominated by the reduction); from n = 2560 the reduction
    /// runs in two stages (dense → band of half-width 32 on level-3 updates, then bulge chasing: xSYTRD_2STAGE),
    /// which streams the matrix from memory far less. With vectors, below
    /// n = 128: xSYTRD + xORGTR + xSTEQR (9n³ flops, the rotations applied in cache-friendly waves); from n = 128:
    /// xSYTRD + xSTEDC + xORMTR as LAPACK xSYEVD does (divide and conquer, about ⁴⁄₃n³ flops of GEMM at most and
    /// fewer with deflation, then the 2n³ back-transformation); the crossover is measured (below it the QR waves
    /// and the explicit Q cost no more than the merges and the blocked back-transformation).
    /// Same contract as LAPACK xSYEV / xSYEVD.
    /// </remarks>
    public static bool TryComputeInPlace<T>(MatrixSpan<T> a, Span<T> values, MatrixSpan<T> vectors, out int unconverged,
        Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TryComputeInPlace(a, values, vectors, out unconverged, parallelism, TwoStageFrom);

    /// <summary><see cref="TryComputeInPlace{T}(MatrixSpan{T}, Span{T}, MatrixSpan{T}, out int, Parallelism)"/> with an
    /// explicit two-stage crossover, so that tests can run the two-stage reduction on small matrices.</summary>
    internal static bool TryComputeInPlace<T>(MatrixSpan<T> a, Span<T> values, MatrixSpan<T> vectors, out int unconverged,
        Parallelism parallelism, int twoStageFrom, int bandwidth = Bandwidth)
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
            if (!withVectors)
            {
                if (n >= twoStageFrom)
                    ReduceTwoStage(a, bandwidth, values, e, tau, reflectors: null, parallelism);
                else
                    Tridiagonalization.ReduceInPlace(a, values, e, tau, parallelism);
                return TridiagonalQr.TryComputeInPlace(values[..n], e, default, out unconverged, parallelism);
            }
            Tridiagonalization.ReduceInPlace(a, values, e, tau, parallelism);

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
    /// From n = 2048, for up to 32 pairs, shift-and-invert block Lanczos is tried first: a Cholesky factorization of
    /// σI − A (or A − σI) with σ just beyond the wanted end of the spectrum, a Krylov basis of its inverse, and the
    /// pairs extracted with A and verified by their explicit residuals (‖Az − λz‖₂ ≤ 8·√n·ε·‖A‖₁); it gives up when
    /// they do not verify, and the tridiagonal path below runs instead. Otherwise: tridiagonalization (⁴⁄₃n³ flops; in
    /// two stages from n = 2560, as for eigenvalues only, with both stages’ reflectors applied to the count vectors),
    /// then bisection for the selected eigenvalues and inverse iteration for their vectors on the tridiagonal
    /// (O(count·n) plus reorthogonalization inside clusters), then the back-transformation of count vectors
    /// (2·count·n² flops): no n×n vector matrix is ever formed. LAPACK xSYEVX with RANGE = 'I' does the same.
    /// Either way the results do not depend on the parallelism.
    /// </remarks>
    public static bool TryComputeSelectedInPlace<T>(MatrixSpan<T> a, int count, bool largest, Span<T> values, MatrixSpan<T> vectors,
        out int unconverged, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TryComputeSelectedInPlace(a, count, largest, values, vectors, out unconverged, parallelism, TwoStageFrom);

    /// <summary><see cref="TryComputeSelectedInPlace{T}(MatrixSpan{T}, int, bool, Span{T}, MatrixSpan{T}, out int, Parallelism)"/>
    /// with an explicit two-stage crossover, so that tests can run the two-stage reduction on small matrices.</summary>
    internal static bool TryComputeSelectedInPlace<T>(MatrixSpan<T> a, int count, bool largest, Span<T> values, MatrixSpan<T> vectors,
        out int unconverged, Parallelism parallelism, int twoStageFrom, int bandwidth = Bandwidth, int lanczosFrom = ShiftInvertLanczos.From)
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
        if (n >= lanczosFrom && count <= ShiftInvertLanczos.MaxCount
            && ShiftInvertLanczos.TryCompute(a, count, largest, values, vectors, parallelism))
            return true;

        var d = new T[n];
        var e = new T[Math.Max(n - 1, 1)];
        var tau = new T[Math.Max(n, 1)];
        using BandTridiagonalization.Reflectors<T>? reflectors = n >= twoStageFrom ? new(n, bandwidth) : null;
        if (reflectors is not null)
            ReduceTwoStage(a, bandwidth, d, e, tau, reflectors, parallelism);
        else
            Tridiagonalization.ReduceInPlace(a, d, e, tau, parallelism);
        int first = largest ? n - count : 0;
        // Inverse iteration scales its start vector by n·‖T‖·|u_nn|, which overflows once ‖T‖ passes ~1e150: work on
        // T scaled by a power of two to ‖T‖ ≈ 1 (exact; xSYEVX likewise scales into a safe range) and scale back.
        int exponent = NormExponent<T>(d, e);
        ScaleByPowerOfTwo(d, -exponent);
        ScaleByPowerOfTwo(e, -exponent);
        TridiagonalBisection.Eigenvalues<T>(d, e.AsSpan(0, Math.Max(n - 1, 0)), first, count, values[..count]);
        var zt = new Matrix<T>(count, n);
        unconverged = TridiagonalBisection.Eigenvectors<T>(d, e.AsSpan(0, Math.Max(n - 1, 0)), values[..count], zt.AsSpan());
        ScaleByPowerOfTwo(values[..count], exponent);
        if (reflectors is not null)
        {
            reflectors.ApplyQTransposeFromRight(zt.AsSpan());
            SymmetricBandReduction.ApplyQTransposeFromRight<T>(a, bandwidth, tau, zt.AsSpan(), parallelism);
        }
        else
            Tridiagonalization.ApplyQTransposeFromRight<T>(a, tau, zt.AsSpan(), parallelism);
        NormalizeSigns(zt.AsSpan());
        SpanMath.Transpose<T>(zt.AsReadOnlySpan(), vectors);
        return unconverged == 0;
    }

    /// <summary>Order from which eigenvalues only and selected eigenpairs use the two-stage reduction (dense → band →
    /// tridiagonal) instead of the one-stage one; all eigenvectors always use the one-stage reduction, whose single
    /// orthogonal factor is cheaper to apply to n vectors.</summary>
    /// <remarks>Measured (2-core Zen 4 VM, values only / top-10, two-stage vs one-stage): n = 2048 one thread
    /// 495–570 / 502–528 ms vs 410–465 / 417–500 ms, two threads 416–460 vs 269–285 ms (one-stage wins: its padded
    /// copy still sits in L3); n = 2560 one thread 860–925 vs 1060–1340 ms, two threads 697–713 vs 669–695 ms;
    /// n = 3072 one thread 1.45–1.61 s vs 2.30–2.52 s.</remarks>
    internal const int TwoStageFrom = 2560;

    /// <summary>Half-bandwidth of the intermediate band.</summary>
    internal const int Bandwidth = 32;

    /// <summary>A → band (Q₁) → tridiagonal (Q₂): d and e of T, Q₁ kept in <paramref name="a"/> and <paramref name="tau"/>,
    /// Q₂ in <paramref name="reflectors"/> when given.</summary>
    private static void ReduceTwoStage<T>(MatrixSpan<T> a, int bandwidth, Span<T> d, Span<T> e, Span<T> tau,
        BandTridiagonalization.Reflectors<T>? reflectors, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SymmetricBandReduction.ReduceInPlace(a, bandwidth, tau, parallelism);
        BandTridiagonalization.Reduce<T>(a, bandwidth, d, e, reflectors);
    }

    /// <summary>The binary exponent of the largest |entry| of d and e (0 when all are zero).</summary>
    private static int NormExponent<T>(ReadOnlySpan<T> d, ReadOnlySpan<T> e)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.Zero;
        foreach (T x in d)
            max = T.Max(max, T.Abs(x));
        foreach (T x in e)
            max = T.Max(max, T.Abs(x));
        return max > T.Zero ? T.ILogB(max) : 0;
    }

    private static void ScaleByPowerOfTwo<T>(Span<T> x, int exponent)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (exponent == 0)
            return;
        for (int i = 0; i < x.Length; i++)
            x[i] = T.ScaleB(x[i], exponent);
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
