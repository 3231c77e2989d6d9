using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Blas;
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
    /// Blocked right-looking Householder QR on a transposed copy of A (LAPACK's column-major layout, so every
    /// reflector is a contiguous vector; A is transposed once in and once out): each panel of <see cref="BlockSize"/>
    /// columns is factored unblocked, four columns per pass over each reflector, then the trailing columns are
    /// updated with <c>C ← (I − V·Tᵀ·Vᵀ)·C</c> as two GEMMs. 2mn² − ⅔n³ flops. Reflectors are generated as in xLARFG (safe
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

        // Factor Aᵀ (LAPACK's column-major layout: every column, hence every reflector, contiguous), once.
        T[] buffer = ArrayPool<T>.Shared.Rent(n * m);
        try
        {
            var at = new MatrixSpan<T>(buffer.AsSpan(0, n * m), n, m);
            TransposeInto<T>(a, at, parallelism);
            FactorTransposedInPlace(at, tau[..k], default, parallelism);
            TransposeInto<T>(at, a, parallelism);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The QR factorization of the m×n matrix A given as its transpose <paramref name="at"/> (n×m: row j is column j
    /// of A), in place: on exit row j holds R[0..j, j] in columns 0..j and reflector j's tail after column j.
    /// </summary>
    /// <param name="at">Aᵀ, n×m.</param>
    /// <param name="tau">Receives the min(m, n) scalars.</param>
    /// <param name="tFactors">Empty, or min(m, n)×<see cref="BlockSize"/>: receives the compact-WY factor T of each
    /// block of reflectors j0..j0+jb (rows j0..j0+jb, columns 0..jb), for <c>ApplyTransposedFactors</c>.</param>
    /// <param name="parallelism">Threads for the trailing updates (GEMM).</param>
    internal static void FactorTransposedInPlace<T>(MatrixSpan<T> at, Span<T> tau, MatrixSpan<T> tFactors, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = at.Rows, m = at.Columns, k = Math.Min(m, n);
        if (k == 0)
            return;
        int nb = Math.Min(BlockSize, k);
        bool keepT = !tFactors.IsEmpty;
        T[] tBuffer = ArrayPool<T>.Shared.Rent(nb * nb);
        T[] triangle = ArrayPool<T>.Shared.Rent(nb * nb);
        T[] work = ArrayPool<T>.Shared.Rent(2 * nb * Math.Max(n, 1));
        try
        {
            for (int j0 = 0; j0 < k; j0 += nb)
            {
                int jb = Math.Min(nb, k - j0), mp = m - j0;
                MatrixSpan<T> panel = at.Slice(j0, j0, jb, mp);
                FactorPanelTransposed(panel, tau.Slice(j0, jb), parallelism);
                bool trailing = j0 + jb < n;
                if (!trailing && !keepT)
                    continue;

                // Make Vᵀ explicit in place (R's triangle set aside), build T, update the trailing columns
                // (rows of Aᵀ): Cᵀ ← Cᵀ·(I − V·T·Vᵀ), i.e. C ← (H₀…H_{jb−1})ᵀ·C.
                SwapTriangle(panel, triangle, save: true);
                MatrixSpan<T> t = keepT ? tFactors.Slice(j0, 0, jb, jb) : new MatrixSpan<T>(tBuffer.AsSpan(0, jb * jb), jb, jb);
                Householder.FormTriangularFactor<T>(panel, tau.Slice(j0, jb), t);
                if (trailing)
                    Householder.ApplyBlockRight<T>(panel, t, transpose: false, at.Slice(j0 + jb, j0, n - j0 - jb, mp), work, parallelism);
                SwapTriangle(panel, triangle, save: false);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(tBuffer);
            ArrayPool<T>.Shared.Return(triangle);
            ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary>
    /// <c>B ← Qᵀ·B</c> or <c>B ← Q·B</c> from the transposed factors of <see cref="FactorTransposedInPlace{T}"/> and
    /// its T blocks: per block, Vᵀ is copied (contiguous rows) and made explicit, then two GEMMs.
    /// </summary>
    internal static void ApplyTransposedFactors<T>(ReadOnlyMatrixSpan<T> at, ReadOnlySpan<T> tau, ReadOnlyMatrixSpan<T> tFactors,
        MatrixSpan<T> b, bool transpose, Parallelism parallelism, bool skipLeadingColumns = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = at.Columns, k = Math.Min(m, at.Rows);
        if (b.Rows != m)
            ThrowHelper.ThrowShapeMismatch(nameof(b), $"a matrix with {m} rows", b.Rows, b.Columns);
        if (k == 0 || b.Columns == 0)
            return;
        int nb = Math.Min(BlockSize, k), blocks = (k + nb - 1) / nb;
        T[] vBuffer = ArrayPool<T>.Shared.Rent(nb * m);
        T[] work = ArrayPool<T>.Shared.Rent(nb * b.Columns);
        try
        {
            for (int step = 0; step < blocks; step++)
            {
                int block = transpose ? step : blocks - 1 - step;
                int j0 = block * nb, jb = Math.Min(nb, k - j0), mp = m - j0;
                var vt = new MatrixSpan<T>(vBuffer.AsSpan(0, jb * mp), jb, mp);
                at.Slice(j0, j0, jb, mp).CopyTo(vt);
                MakeReflectorsExplicit(vt);
                int c0 = skipLeadingColumns ? j0 : 0;
                Householder.ApplyBlockLeft<T>(vt, tFactors.Slice(j0, 0, jb, jb), transpose, b.Slice(j0, c0, mp, b.Columns - c0), work, parallelism);
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(vBuffer);
            ArrayPool<T>.Shared.Return(work);
        }
    }

    /// <summary><c>b ← Qᵀ·b</c> or <c>b ← Q·b</c> for one vector, reflector by reflector from the transposed factors
    /// (each reflector contiguous: a dot product and an axpy, LAPACK xORM2R); no T needed.</summary>
    internal static void ApplyTransposedFactors<T>(ReadOnlyMatrixSpan<T> at, ReadOnlySpan<T> tau, Span<T> b, bool transpose)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = at.Columns, k = Math.Min(m, at.Rows);
        if (b.Length != m)
            ThrowHelper.ThrowLengthMismatch(nameof(b), m, b.Length);
        for (int step = 0; step < k; step++)
        {
            int j = transpose ? step : k - 1 - step;
            T tj = tau[j];
            if (tj == T.Zero)
                continue;
            ReadOnlySpan<T> v = at.Row(j)[(j + 1)..];
            Span<T> tail = b[(j + 1)..];
            T s = tj * (b[j] + SpanMath.Dot<T>(v, tail));
            b[j] -= s;
            SpanMath.Axpy(-s, v, tail);
        }
    }

    /// <summary><c>destination = sourceᵀ</c> (<see cref="SpanMath.Transpose{T}"/>; views must not overlap), on several
    /// threads for large matrices.</summary>
    internal static unsafe void TransposeInto<T>(ReadOnlyMatrixSpan<T> source, MatrixSpan<T> destination, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // A pure copy, so any split gives the same bits: threads take strips of destination rows (multiples of 4).
        int columns = source.Columns, parts = Math.Min((columns + 3) / 4, parallelism.ThreadsFor((double)source.Rows * columns, 1 << 17));
        if (parts <= 1 || destination.Rows != columns || destination.Columns != source.Rows)
        {
            TransposeInto(source, destination);
            return;
        }
        fixed (T* ps = source.Span, pd = destination.Span)
        {
            var work = new TransposeWork<T>
            {
                Source = (nint)ps, SourceLength = source.Span.Length, Rows = source.Rows, Columns = columns, SourceStride = source.RowStride,
                Destination = (nint)pd, DestinationLength = destination.Span.Length, DestinationStride = destination.RowStride, Parts = parts,
            };
            ParallelJob<TransposeWork<T>>.Run(work, parts, parts);
        }
    }

    /// <summary>One strip of destination rows of the threaded <see cref="TransposeInto{T}(ReadOnlyMatrixSpan{T}, MatrixSpan{T}, Parallelism)"/>.</summary>
    private unsafe struct TransposeWork<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint Source, Destination;
        public int SourceLength, Rows, Columns, SourceStride, DestinationLength, DestinationStride, Parts;

        public readonly void Run(int part)
        {
            var source = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)Source, SourceLength), Rows, Columns, SourceStride);
            var destination = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)Destination, DestinationLength), Columns, Rows, DestinationStride);
            int strips = (Columns + 3) / 4;
            int c0 = Math.Min(Columns, strips * part / Parts * 4), c1 = Math.Min(Columns, strips * (part + 1) / Parts * 4);
            if (c1 > c0)
                TransposeInto(source.Slice(0, c0, Rows, c1 - c0), destination.Slice(c0, 0, c1 - c0, Rows));
        }
    }

    /// <summary><c>destination = sourceᵀ</c> on the calling thread.</summary>
    internal static void TransposeInto<T>(ReadOnlyMatrixSpan<T> source, MatrixSpan<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => SpanMath.Transpose(source, destination);

    /// <summary>Swaps the triangle on and left of the diagonal of a panel of Vᵀ (R's entries) with <paramref name="saved"/>:
    /// saving sets the explicit zeros and unit diagonal of Vᵀ, restoring puts R back.</summary>
    private static void SwapTriangle<T>(MatrixSpan<T> panel, Span<T> saved, bool save)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = 0;
        for (int r = 0; r < panel.Rows; r++)
        {
            Span<T> row = panel.Row(r);
            int end = Math.Min(r + 1, row.Length);
            for (int c = 0; c < end; c++, p++)
            {
                if (save)
                {
                    saved[p] = row[c];
                    row[c] = c == r ? T.One : T.Zero;
                }
                else
                {
                    row[c] = saved[p];
                }
            }
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
    /// <remarks>For a tall panel (10000×32 in a least-squares fit) each reflector's application to the later columns
    /// streams the whole panel; those columns are split over threads in fixed groups of four (the remainder one by
    /// one, by the last part), so every column is updated by the same code whatever the thread count.</remarks>
    private static unsafe void FactorPanelTransposed<T>(MatrixSpan<T> pt, Span<T> tau, Parallelism parallelism)
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
            int later = jb - j - 1;
            if (tj != T.Zero && later > 0)
            {
                MatrixSpan<T> rows = pt.Slice(j + 1, j, later, mp - j);
                int parts = Math.Min((later + 3) / 4, parallelism.ThreadsFor(4.0 * later * (mp - j), PanelMinFlopsPerThread));
                if (parts <= 1)
                    ApplyReflectorToRows(column[j..], tj, rows, 0, 1);
                else
                    fixed (T* pv = column, pr = rows.Span)
                    {
                        var work = new PanelUpdate<T>
                        {
                            V = (nint)pv + j * Unsafe.SizeOf<T>(), Length = mp - j, Tau = tj,
                            Rows = (nint)pr, RowsLength = rows.Span.Length, RowCount = later, RowStride = rows.RowStride, Parts = parts,
                        };
                        ParallelJob<PanelUpdate<T>>.Run(work, parts, parts);
                    }
            }
            column[j] = alpha;
        }
    }

    /// <summary>Fewest flops per thread of one reflector's application in the panel (≈ 30 µs of work, against a
    /// fork/join of a few microseconds).</summary>
    private const double PanelMinFlopsPerThread = 5e5;

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of <c>rᵢ ← rᵢ − τ·(v·rᵢ)·v</c> over the rows:
    /// groups of four cut at fixed boundaries, the rows after the last whole group in the last part.</summary>
    private static void ApplyReflectorToRows<T>(ReadOnlySpan<T> v, T tau, MatrixSpan<T> rows, int part, int parts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int groups = rows.Rows / 4;
        for (int g = groups * part / parts, end = groups * (part + 1) / parts; g < end; g++)
            ApplyReflectorToFourRows(v, tau, rows.Slice(4 * g, 0, 4, rows.Columns));
        if (part == parts - 1)
            for (int c = 4 * groups; c < rows.Rows; c++)
            {
                Span<T> target = rows.Row(c);
                SpanMath.Axpy(-tau * SpanMath.Dot<T>(v, target), v, target);
            }
    }

    /// <summary>One reflector applied to the later columns of a panel, split over threads.</summary>
    private unsafe struct PanelUpdate<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint V, Rows;
        public int Length, RowsLength, RowCount, RowStride, Parts;
        public T Tau;

        public readonly void Run(int part)
        {
            var v = new ReadOnlySpan<T>((void*)V, Length);
            var rows = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)Rows, RowsLength), RowCount, Length, RowStride);
            ApplyReflectorToRows(v, Tau, rows, part, Parts);
        }
    }

    /// <summary><c>rᵢ ← rᵢ − τ·(v·rᵢ)·v</c> for four rows at once: one pass over v for the four dot products, one for
    /// the four updates (half the reads of v of four separate dot/axpy pairs; the panel is L3-bound).</summary>
    private static void ApplyReflectorToFourRows<T>(ReadOnlySpan<T> v, T tau, MatrixSpan<T> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512Ops<T>.IsAccelerated)
            ApplyReflectorToFourRowsCore<T, Vector512<T>, Vector512Ops<T>>(v, tau, rows);
        else if (Vector256Ops<T>.IsAccelerated)
            ApplyReflectorToFourRowsCore<T, Vector256<T>, Vector256Ops<T>>(v, tau, rows);
        else if (Vector128Ops<T>.IsAccelerated)
            ApplyReflectorToFourRowsCore<T, Vector128<T>, Vector128Ops<T>>(v, tau, rows);
        else
        {
            for (int c = 0; c < 4; c++)
            {
                Span<T> target = rows.Row(c);
                SpanMath.Axpy(-tau * SpanMath.Dot<T>(v, target), v, target);
            }
        }
    }

    private static void ApplyReflectorToFourRowsCore<T, TVec, TOps>(ReadOnlySpan<T> v, T tau, MatrixSpan<T> rows)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        nuint n = (uint)v.Length, w = (uint)TOps.Count, i = 0;
        ref T x = ref MemoryMarshal.GetReference(v);
        ref T r0 = ref MemoryMarshal.GetReference(rows.Row(0));
        ref T r1 = ref MemoryMarshal.GetReference(rows.Row(1));
        ref T r2 = ref MemoryMarshal.GetReference(rows.Row(2));
        ref T r3 = ref MemoryMarshal.GetReference(rows.Row(3));
        TVec a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
        for (; i + w <= n; i += w)
        {
            TVec xi = TOps.Load(ref x, i);
            a0 = TOps.MultiplyAdd(xi, TOps.Load(ref r0, i), a0);
            a1 = TOps.MultiplyAdd(xi, TOps.Load(ref r1, i), a1);
            a2 = TOps.MultiplyAdd(xi, TOps.Load(ref r2, i), a2);
            a3 = TOps.MultiplyAdd(xi, TOps.Load(ref r3, i), a3);
        }
        T s0 = TOps.Sum(a0), s1 = TOps.Sum(a1), s2 = TOps.Sum(a2), s3 = TOps.Sum(a3);
        for (nuint t = i; t < n; t++)
        {
            T xt = Unsafe.Add(ref x, t);
            s0 += xt * Unsafe.Add(ref r0, t);
            s1 += xt * Unsafe.Add(ref r1, t);
            s2 += xt * Unsafe.Add(ref r2, t);
            s3 += xt * Unsafe.Add(ref r3, t);
        }
        s0 = -tau * s0;
        s1 = -tau * s1;
        s2 = -tau * s2;
        s3 = -tau * s3;
        TVec b0 = TOps.Broadcast(s0), b1 = TOps.Broadcast(s1), b2 = TOps.Broadcast(s2), b3 = TOps.Broadcast(s3);
        for (i = 0; i + w <= n; i += w)
        {
            TVec xi = TOps.Load(ref x, i);
            TOps.Store(TOps.MultiplyAdd(b0, xi, TOps.Load(ref r0, i)), ref r0, i);
            TOps.Store(TOps.MultiplyAdd(b1, xi, TOps.Load(ref r1, i)), ref r1, i);
            TOps.Store(TOps.MultiplyAdd(b2, xi, TOps.Load(ref r2, i)), ref r2, i);
            TOps.Store(TOps.MultiplyAdd(b3, xi, TOps.Load(ref r3, i)), ref r3, i);
        }
        for (; i < n; i++)
        {
            T xt = Unsafe.Add(ref x, i);
            Unsafe.Add(ref r0, i) += s0 * xt;
            Unsafe.Add(ref r1, i) += s1 * xt;
            Unsafe.Add(ref r2, i) += s2 * xt;
            Unsafe.Add(ref r3, i) += s3 * xt;
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
