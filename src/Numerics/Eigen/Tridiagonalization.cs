using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Blas;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// Householder reduction of a symmetric matrix to tridiagonal form, <c>A = Q·T·Qᵀ</c>, with T symmetric
/// tridiagonal (diagonal d, off-diagonal e) and Q = H₀·H₁·…·H_{n−2} orthogonal.
/// </summary>
/// <remarks>
/// Reflector k is <c>Hₖ = I − τₖ·uₖ·uₖᵀ</c> with uₖ zero in 0..k, one at k + 1 and its tail stored in row k of the
/// reduced matrix at columns k + 2..n − 1 (the strict upper triangle, which the reduction never reads). This is
/// LAPACK's xSYTRD with UPLO = 'L' seen through row-major storage, where the vector to annihilate is a
/// contiguous row segment.
/// </remarks>
public static partial class Tridiagonalization
{
    /// <summary>Reflectors per block when Q is formed or applied (compact WY + GEMM).</summary>
    private const int BlockSize = 32;

    /// <summary>Reduces the symmetric matrix in <paramref name="a"/> to tridiagonal form.</summary>
    /// <param name="a">On entry, the symmetric n×n matrix; only the lower triangle (j ≤ i) is read. On exit, the lower
    /// triangle is destroyed and the strict upper triangle holds the reflector tails (see the type remarks).</param>
    /// <param name="d">Receives the n diagonal entries of T.</param>
    /// <param name="e">Receives the n − 1 off-diagonal entries of T (at least that long; may be empty when n ≤ 1).</param>
    /// <param name="tau">Receives the n − 1 reflector scalars (τ_{n−2} = 0).</param>
    /// <param name="parallelism">Threads for the passes over the trailing matrix (large orders only).</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square or a span is too short.</exception>
    /// <remarks>
    /// Unblocked (xSYTD2) with one fused pass per step: the symmetric product A·v of the step and, every other step,
    /// the two pending rank-2 updates (A ← A − v·wᵀ − w·vᵀ) of the two steps before share one sweep over the trailing
    /// lower triangle, four rows per SIMD loop (each load of the vectors serves all four), so the matrix streams
    /// through the cache once per reflector and is written back only every other one (a sweep that does not write
    /// corrects its product for the update it skipped, in O(n)). The sweep runs on a private copy of the lower triangle
    /// whose rows are padded to whole cache lines (aligned loads, no scalar tails, no cache-set aliasing at
    /// power-of-two orders). Once the trailing order reaches 256 a sweep is split into four fixed row ranges with their
    /// own partial products, summed in a fixed order; threads share the ranges, so the results are bitwise identical
    /// for every thread count. For n ≥ 8192 the leading columns are reduced in panels of 16 (xLATRD): per column a
    /// read-only pass, and per panel a rank-2k update of the trailing triangle in a 4×2-vector register tile.
    /// ⁴⁄₃n³ flops, memory-bound for large n.
    /// </remarks>
    public static void ReduceInPlace<T>(MatrixSpan<T> a, Span<T> d, Span<T> e, Span<T> tau, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ReduceInPlace(a, d, e, tau, BlockedFrom, parallelism);

    /// <summary>Order from which the leading columns are reduced in panels (measured crossover, see remarks).</summary>
    internal const int BlockedFrom = 8192;

    /// <summary><see cref="ReduceInPlace{T}(MatrixSpan{T}, Span{T}, Span{T}, Span{T}, Parallelism)"/> with explicit crossovers,
    /// so that tests can run the blocked path and the split passes on small matrices.</summary>
    internal static void ReduceInPlace<T>(MatrixSpan<T> a, Span<T> d, Span<T> e, Span<T> tau, int blockedFrom,
        Parallelism parallelism = default, int passPartsFrom = PassPartsFrom)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (a.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        if (d.Length < n)
            ThrowHelper.ThrowDestinationTooShort(nameof(d), n, d.Length);
        if (e.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(e), n - 1, e.Length);
        if (tau.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(tau), n - 1, tau.Length);
        if (n == 0)
            return;

        // Measured (1 thread, 2-core Zen VM, medians of 3): the padded fused pass beats the blocked form at every order
        // tried, n = 2048 / 3072 / 4096: 0.61 / 3.39 / 7.81 s against 0.98 / 4.35 / 10.34 s. The blocked form reads
        // the matrix once per column where the fused pass reads and writes it, but its level-3 update and per-column
        // corrections cost more than the traffic saved. It stays for orders from 8192, where the packed copy
        // (n²/2 elements) would be large; the crossover there is a memory choice, not a measured one.
        const int nb = 16;
        int k0 = 0;
        if (n >= blockedFrom && n > 2 * nb + 32)
            k0 = ReduceBlocked(a, d, e, tau, nb, n - (nb + 32));
        ReduceUnblocked(a.Slice(k0, k0, n - k0, n - k0), d[k0..], e[k0..], tau[k0..], parallelism, passPartsFrom);
    }

    /// <summary>Forms Q (n×n) from the output of <see cref="ReduceInPlace{T}(MatrixSpan{T}, Span{T}, Span{T}, Span{T}, Parallelism)"/>, so that A = Q·T·Qᵀ.</summary>
    /// <param name="reduced">The reduced matrix (reflector tails in its strict upper triangle).</param>
    /// <param name="tau">The n − 1 reflector scalars.</param>
    /// <param name="q">Receives Q; not read on entry.</param>
    /// <param name="parallelism">Threads for the GEMMs.</param>
    /// <exception cref="ArgumentException">A shape or length does not match.</exception>
    /// <remarks>Blocked backward accumulation (LAPACK xORGTR), ⁴⁄₃n³ flops, mostly GEMM.</remarks>
    public static void FormQ<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> q, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows;
        if (q.Rows != n || q.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(q), $"a {n}×{n} matrix", q.Rows, q.Columns);
        var qt = new Matrix<T>(n, n);
        FormQTransposed(reduced, tau, qt.AsSpan(), parallelism);
        SpanMath.Transpose<T>(qt.AsReadOnlySpan(), q);
    }

    /// <summary>Qᵀ (row j = column j of Q) into <paramref name="qt"/>.</summary>
    internal static void FormQTransposed<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> qt, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows;
        if (tau.Length < Math.Max(n - 1, 0))
            ThrowHelper.ThrowDestinationTooShort(nameof(tau), n - 1, tau.Length);
        qt.Clear();
        for (int i = 0; i < n; i++)
            qt[i, i] = T.One;
        ApplyFromRight(reduced, tau, qt, formingQ: true, parallelism);
    }

    /// <summary><c>Rows ← Rows·Qᵀ</c>: turns eigenvectors of T, stored as rows, into eigenvectors of A (as rows).</summary>
    internal static void ApplyQTransposeFromRight<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> rows, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ApplyFromRight(reduced, tau, rows, formingQ: false, parallelism);

    /// <summary>
    /// X ← X·Bᵀ for the blocks B = H_{k0}…H_{k0+kb−1} from the last block to the first, i.e. X ← X·Qᵀ.
    /// When <paramref name="formingQ"/>, X starts as the identity and only its trailing rows can be non-trivial.
    /// </summary>
    internal static void ApplyFromRight<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> x, bool formingQ,
        Parallelism parallelism, int blockSize = BlockSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows, reflectors = n - 2; // H_{n−2} is the identity (τ = 0)
        if (reflectors <= 0 || x.Rows == 0)
            return;
        if (!formingQ && x.Rows <= FewRows)
        {
            ApplyOneByOne(reduced, tau, x);
            return;
        }
        int nb = Math.Min(blockSize, reflectors), m = x.Rows;
        T[] vBuffer = ArrayPool<T>.Shared.Rent(nb * n);
        T[] tBuffer = ArrayPool<T>.Shared.Rent(nb * nb);
        T[] work = ArrayPool<T>.Shared.Rent(2 * nb * m);
        try
        {
            int lastBlock = (reflectors - 1) / nb * nb;
            for (int k0 = lastBlock; k0 >= 0; k0 -= nb)
            {
                int kb = Math.Min(nb, reflectors - k0), length = n - k0 - 1;
                var vt = new MatrixSpan<T>(vBuffer.AsSpan(0, kb * length), kb, length);
                for (int j = 0; j < kb; j++)
                {
                    Span<T> vj = vt.Row(j);
                    vj[..j].Clear();
                    vj[j] = T.One;
                    reduced.Row(k0 + j).Slice(k0 + j + 2, length - j - 1).CopyTo(vj[(j + 1)..]);
                }
                var t = new MatrixSpan<T>(tBuffer.AsSpan(0, kb * kb), kb, kb);
                Householder.FormTriangularFactor<T>(vt, tau.Slice(k0, kb), t);

                // X ← X·(I − V·T·Vᵀ)ᵀ = X − ((X·V)·Tᵀ)·Vᵀ.
                MatrixSpan<T> target = formingQ ? x.Slice(k0 + 1, k0 + 1, length, length) : x.Slice(0, k0 + 1, m, length);
                Parallelism threads = ForkIfWorth(parallelism, 2.0 * target.Rows * length * kb);
                Householder.ApplyBlockRight<T>(vt, t, transpose: true, target, work, threads);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(vBuffer);
            ArrayPool<T>.Shared.Return(tBuffer);
            ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary>Most rows for which the reflectors are applied one at a time (a few selected eigenvectors).</summary>
    /// <remarks>The blocked form builds a 32×32 factor T per block (as many flops as applying the block to 32 rows)
    /// and runs GEMMs only r rows tall; one reflector at a time is a dot product and an axpy per row over the
    /// reflector's contiguous tail. Measured for 10 rows at n = 2048 (one thread): 18.6 ms blocked, 8.6 ms one by one
    /// (two threads: 23.6 against 8.1 ms; GEMMs 10 rows tall gain nothing from a second thread).</remarks>
    internal const int FewRows = 16;

    /// <summary>X ← X·H_{n−3}·…·H₀ (= X·Qᵀ), one reflector at a time.</summary>
    private static void ApplyOneByOne<T>(ReadOnlyMatrixSpan<T> reduced, ReadOnlySpan<T> tau, MatrixSpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = reduced.Rows;
        for (int k = n - 3; k >= 0; k--)
        {
            T tk = tau[k];
            if (tk == T.Zero)
                continue;
            ReadOnlySpan<T> tail = reduced.Row(k)[(k + 2)..]; // v = [1; tail] acts on columns k + 1 …
            for (int r = 0; r < x.Rows; r++)
            {
                Span<T> row = x.Row(r);
                T s = tk * (row[k + 1] + SpanMath.Dot<T>(row[(k + 2)..], tail));
                row[k + 1] -= s;
                SpanMath.Axpy(-s, tail, row[(k + 2)..]);
            }
        }
    }

    /// <summary>Fewest flops of one GEMM in the eigen stages that are split over threads.</summary>
    /// <remarks>
    /// A fork/join is cheap while the partner core is free but can cost a scheduler slice (milliseconds) when another
    /// process holds it. The back-transformation and merge GEMMs below n ≈ 300 (at most 4 MFLOP, ~0.1 ms each) gained
    /// nothing from two threads standalone, so they run on the calling thread. Thread counts never change results.
    /// </remarks>
    internal const double MinParallelGemmFlops = 8e6;

    /// <summary><paramref name="parallelism"/> when <paramref name="flops"/> reach <see cref="MinParallelGemmFlops"/>,
    /// otherwise one thread.</summary>
    internal static Parallelism ForkIfWorth(Parallelism parallelism, double flops) =>
        flops >= MinParallelGemmFlops ? parallelism : Parallelism.Sequential;
}
