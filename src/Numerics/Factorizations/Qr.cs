using System;
using System.Buffers;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// Low-level Householder QR routines on caller-owned storage: <c>A = Q·R</c> with Q = H₀·H₁·…·H_{k−1} orthogonal
/// (k = min(m, n)) and R upper triangular.
/// </summary>
/// <remarks>
/// Storage follows LAPACK xGEQRF: on exit R is in the upper triangle of A and reflector j's vector (below its
/// implicit unit head) in column j below the diagonal, with its scalar in τⱼ. Q is never formed unless asked:
/// <see cref="ApplyQTransposeInPlace{T}"/>, <see cref="ApplyQInPlace{T}"/> and <see cref="FormThinQ{T}"/> work from
/// the reflectors in blocks of <see cref="BlockSize"/> with the compact WY form, so their bulk is GEMM.
/// </remarks>
public static class Qr
{
    /// <summary>Reflectors per block of the compact WY form.</summary>
    public const int BlockSize = 32;

    /// <summary>Overwrites <paramref name="a"/> with its QR factorization.</summary>
    /// <param name="a">On entry, the m×n matrix A. On exit, R on and above the diagonal and the reflectors below it.</param>
    /// <param name="tau">Receives the min(m, n) reflector scalars τⱼ; at least that long.</param>
    /// <param name="parallelism">Threads for the trailing updates (GEMM).</param>
    /// <exception cref="ArgumentException"><paramref name="tau"/> is shorter than min(m, n).</exception>
    /// <remarks>
    /// Blocked right-looking Householder QR: each panel of <see cref="BlockSize"/> columns is factored on a
    /// transposed copy (so every reflector is a contiguous vector), then the trailing columns are updated with
    /// <c>C ← (I − V·Tᵀ·Vᵀ)·C</c> as two GEMMs. 2mn² − ⅔n³ flops. Reflectors are generated as in xLARFG (safe
    /// against overflow and underflow). NaN and ∞ propagate. Same contract as LAPACK xGEQRF.
    /// </remarks>
    public static void FactorInPlace<T>(MatrixSpan<T> a, Span<T> tau, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Columns, k = Math.Min(m, n);
        if (tau.Length < k)
            ThrowHelper.ThrowDestinationTooShort(nameof(tau), k, tau.Length);
        if (k == 0)
            return;

        int nb = Math.Min(BlockSize, k);
        T[] panelBuffer = ArrayPool<T>.Shared.Rent(nb * m);
        T[] tBuffer = ArrayPool<T>.Shared.Rent(nb * nb);
        T[] work = ArrayPool<T>.Shared.Rent(nb * Math.Max(n, 1));
        try
        {
            for (int j0 = 0; j0 < k; j0 += nb)
            {
                int jb = Math.Min(nb, k - j0), mp = m - j0;
                // Panel, transposed: row j of pt is column j0+j of A from row j0 down (contiguous).
                var pt = new MatrixSpan<T>(panelBuffer.AsSpan(0, jb * mp), jb, mp);
                SpanMath.Transpose<T>(a.Slice(j0, j0, mp, jb), pt);
                FactorPanelTransposed(pt, tau.Slice(j0, jb));
                SpanMath.Transpose<T>(pt, a.Slice(j0, j0, mp, jb));

                if (j0 + jb < n)
                {
                    // Make V explicit in pt (zeros above, ones on the diagonal), build T, update the trailing columns.
                    MakeReflectorsExplicit(pt);
                    var t = new MatrixSpan<T>(tBuffer.AsSpan(0, jb * jb), jb, jb);
                    Householder.FormTriangularFactor<T>(pt, tau.Slice(j0, jb), t);
                    Householder.ApplyBlockLeft<T>(pt, t, transpose: true, a.Slice(j0, j0 + jb, mp, n - j0 - jb), work, parallelism);
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(panelBuffer);
            ArrayPool<T>.Shared.Return(tBuffer);
            ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary><c>B ← Qᵀ·B</c>, with Q given by the reflectors of <see cref="FactorInPlace{T}"/>.</summary>
    /// <param name="factors">The m×n output of <see cref="FactorInPlace{T}"/>.</param>
    /// <param name="tau">Its min(m, n) scalars.</param>
    /// <param name="b">On entry, an m×r matrix; on exit, Qᵀ·B.</param>
    /// <param name="parallelism">Threads for the GEMMs.</param>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have m rows, or <paramref name="tau"/> is too short.</exception>
    /// <remarks>Blocked (compact WY + GEMM); Q is not formed. Same contract as LAPACK xORMQR('L', 'T').</remarks>
    public static void ApplyQTransposeInPlace<T>(ReadOnlyMatrixSpan<T> factors, ReadOnlySpan<T> tau, MatrixSpan<T> b,
        Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Apply(factors, tau, b, transpose: true, parallelism);

    /// <summary><c>B ← Q·B</c>, with Q given by the reflectors of <see cref="FactorInPlace{T}"/>.</summary>
    /// <param name="factors">The m×n output of <see cref="FactorInPlace{T}"/>.</param>
    /// <param name="tau">Its min(m, n) scalars.</param>
    /// <param name="b">On entry, an m×r matrix; on exit, Q·B.</param>
    /// <param name="parallelism">Threads for the GEMMs.</param>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have m rows, or <paramref name="tau"/> is too short.</exception>
    /// <remarks>Blocked (compact WY + GEMM); Q is not formed. Same contract as LAPACK xORMQR('L', 'N').</remarks>
    public static void ApplyQInPlace<T>(ReadOnlyMatrixSpan<T> factors, ReadOnlySpan<T> tau, MatrixSpan<T> b,
        Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Apply(factors, tau, b, transpose: false, parallelism);

    /// <summary>Forms the thin factor Q₁ (the first min(m, n) columns of Q), so that A = Q₁·R.</summary>
    /// <param name="factors">The m×n output of <see cref="FactorInPlace{T}"/>.</param>
    /// <param name="tau">Its min(m, n) scalars.</param>
    /// <param name="q">Receives Q₁: m×min(m, n), orthonormal columns. Not read on entry.</param>
    /// <param name="parallelism">Threads for the GEMMs.</param>
    /// <exception cref="ArgumentException"><paramref name="q"/> has the wrong shape or <paramref name="tau"/> is too short.</exception>
    /// <remarks>Backward accumulation of the blocks, each applied only to the columns it can reach
    /// (LAPACK xORGQR): about 4mn² − 4/3·n³ flops, mostly GEMM.</remarks>
    public static void FormThinQ<T>(ReadOnlyMatrixSpan<T> factors, ReadOnlySpan<T> tau, MatrixSpan<T> q,
        Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = factors.Rows, k = Math.Min(m, factors.Columns);
        if (q.Rows != m || q.Columns != k)
            ThrowHelper.ThrowShapeMismatch(nameof(q), $"a {m}×{k} matrix", q.Rows, q.Columns);
        q.Clear();
        for (int i = 0; i < k; i++)
            q[i, i] = T.One;
        Apply(factors, tau, q, transpose: false, parallelism, skipLeadingColumns: true);
    }

    private static void Apply<T>(ReadOnlyMatrixSpan<T> factors, ReadOnlySpan<T> tau, MatrixSpan<T> b, bool transpose,
        Parallelism parallelism, bool skipLeadingColumns = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = factors.Rows, k = Math.Min(m, factors.Columns);
        if (b.Rows != m)
            ThrowHelper.ThrowShapeMismatch(nameof(b), $"a matrix with {m} rows", b.Rows, b.Columns);
        if (tau.Length < k)
            ThrowHelper.ThrowDestinationTooShort(nameof(tau), k, tau.Length);
        if (k == 0 || b.Columns == 0)
            return;

        int nb = Math.Min(BlockSize, k), blocks = (k + nb - 1) / nb;
        T[] vBuffer = ArrayPool<T>.Shared.Rent(nb * m);
        T[] tBuffer = ArrayPool<T>.Shared.Rent(nb * nb);
        T[] work = ArrayPool<T>.Shared.Rent(nb * b.Columns);
        try
        {
            for (int step = 0; step < blocks; step++)
            {
                // Qᵀ = H_{k−1}…H₀ applies block 0 first; Q applies the last block first.
                int block = transpose ? step : blocks - 1 - step;
                int j0 = block * nb, jb = Math.Min(nb, k - j0), mp = m - j0;
                var vt = new MatrixSpan<T>(vBuffer.AsSpan(0, jb * mp), jb, mp);
                SpanMath.Transpose(factors.Slice(j0, j0, mp, jb), vt);
                MakeReflectorsExplicit(vt);
                var t = new MatrixSpan<T>(tBuffer.AsSpan(0, jb * jb), jb, jb);
                Householder.FormTriangularFactor<T>(vt, tau.Slice(j0, jb), t);
                // When forming Q from [I; 0], columns before j0 are still zero in rows ≥ j0: skip them.
                int c0 = skipLeadingColumns ? j0 : 0;
                Householder.ApplyBlockLeft<T>(vt, t, transpose, b.Slice(j0, c0, mp, b.Columns - c0), work, parallelism);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(vBuffer);
            ArrayPool<T>.Shared.Return(tBuffer);
            ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary>Unblocked QR (xGEQR2) of a panel stored transposed: row j of <paramref name="pt"/> is column j.</summary>
    private static void FactorPanelTransposed<T>(MatrixSpan<T> pt, Span<T> tau)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int jb = pt.Rows, mp = pt.Columns;
        for (int j = 0; j < jb; j++)
        {
            if (j >= mp)
            {
                tau[j] = T.Zero;
                continue;
            }
            Span<T> column = pt.Row(j);
            T alpha = column[j];
            T tj = Householder.GenerateReflector(ref alpha, column[(j + 1)..]);
            tau[j] = tj;
            column[j] = T.One;
            if (tj != T.Zero)
            {
                ReadOnlySpan<T> v = column[j..];
                for (int c = j + 1; c < jb; c++)
                {
                    Span<T> target = pt.Row(c)[j..];
                    T s = SpanMath.Dot<T>(v, target);
                    SpanMath.Axpy(-tj * s, v, target);
                }
            }
            column[j] = alpha;
        }
    }

    /// <summary>Turns the stored reflectors of a transposed panel into explicit rows of Vᵀ.</summary>
    private static void MakeReflectorsExplicit<T>(MatrixSpan<T> vt)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < vt.Rows; j++)
        {
            Span<T> row = vt.Row(j);
            row[..Math.Min(j, row.Length)].Clear();
            if (j < row.Length)
                row[j] = T.One;
        }
    }
}
