using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// In-place triangular inversion (LAPACK xTRTRI) and the product L⁻ᵀ·L⁻¹ (LAPACK xLAUUM), recursive so that their
/// flops run in <see cref="Gemm"/>, <see cref="Syrk"/> and <see cref="TriangularSolve"/>. Lower triangles only.
/// </summary>
internal static class TriangularInverse
{
    private const int Threshold = TriangularSolve.RecursionThreshold;

    private static int Split(int n) => n >= 2 * Threshold ? (n / 2 + 15) / 16 * 16 : n / 2;

    /// <summary>Overwrites the lower triangle L of <paramref name="a"/> with L⁻¹ (the strict upper triangle is not touched;
    /// with <paramref name="unit"/> the diagonal is neither read nor written). n³/3 flops.</summary>
    public static unsafe void InvertLower<T>(MatrixSpan<T> a, bool unit, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n <= Threshold)
        {
            InvertLowerUnblocked(a, unit);
            return;
        }
        // [L11 0; L21 L22]⁻¹ = [L11⁻¹ 0; −L22⁻¹·L21·L11⁻¹ L22⁻¹].
        int n1 = Split(n), n2 = n - n1;
        MatrixSpan<T> l11 = a.Slice(0, 0, n1, n1), l21 = a.Slice(n1, 0, n2, n1), l22 = a.Slice(n1, n1, n2, n2);
        Diagonal diagonal = unit ? Diagonal.Unit : Diagonal.NonUnit;
        TriangularSolve.SolveCore(Side.Right, TriangularPart.Lower, MatrixOp.None, diagonal, l11, l21, parallelism, MinSolveFlopsPerThread);
        TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.None, diagonal, l22, l21, parallelism, MinSolveFlopsPerThread);
        for (int i = 0; i < n2; i++)
            SpanMath.Scale(-T.One, l21.Row(i));
        // L11 and L22 are inverted independently: on two branches when there are threads to spare (each branch's
        // operations are the same as on one thread, so the bits are too).
        int threads = BranchThreads(n, parallelism);
        if (threads > 1)
        {
            fixed (T* pinned = a.Span)
                RunBranches(new InvertBranches<T>(a, n1, unit, threads));
            return;
        }
        InvertLower(l11, unit, parallelism);
        InvertLower(l22, unit, parallelism);
    }

    /// <summary>Work per thread from which the inverse's (and the Cholesky factorization's) triangular solves split their right-hand sides: a quarter of
    /// GEMM's threshold, so that at order 256 the two order-128 solves use both threads (the helpers are already
    /// spinning inside a factorization, see <see cref="SpinningWorkers"/>, and a late helper costs nothing since the
    /// caller claims the parts it has not started).</summary>
    internal const double MinSolveFlopsPerThread = Gemm.MinFlopsPerThread / 4;

    /// <summary>Order from which the two halves of <see cref="InvertLower{T}"/> and of
    /// <see cref="LowerTransposeTimesLower{T}"/> run as two concurrent branches: below it a branch is too short to
    /// pay for waking a thread.</summary>
    private const int MinBranchOrder = 128;

    /// <summary>Threads for the two-branch split of an order-<paramref name="n"/> step (1: no split).</summary>
    private static int BranchThreads(int n, Parallelism parallelism) =>
        n < MinBranchOrder ? 1 : parallelism.ThreadsFor((double)n * n * n / 3, Gemm.MinFlopsPerThread);

    /// <summary>Runs the two parts of <paramref name="work"/> concurrently.</summary>
    private static void RunBranches<TWork>(in TWork work)
        where TWork : struct, IPartitionedWork => ParallelJob<TWork>.Run(work, 2, 2);

    /// <summary>Parallelism for branch <paramref name="part"/> of a split over <paramref name="threads"/> threads.</summary>
    private static Parallelism BranchParallelism(int threads, int part) =>
        Parallelism.WithMaxThreads(Math.Max(1, part == 0 ? threads / 2 : threads - threads / 2));

    /// <summary>The two diagonal blocks of an order-n lower triangle (split after row n1), for the branches.</summary>
    private unsafe struct Blocks<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly nint _a;
        private readonly int _length, _order, _stride, _n1;

        public Blocks(MatrixSpan<T> a, int n1)
        {
            _a = (nint)Unsafe.AsPointer(ref a.GetReference());
            _length = a.Span.Length;
            _order = a.Rows;
            _stride = a.RowStride;
            _n1 = n1;
        }

        /// <summary>The whole order-n matrix again (only valid while the caller keeps it pinned).</summary>
        public readonly MatrixSpan<T> Whole =>
            MatrixSpan<T>.CreateTrusted(new Span<T>((void*)_a, _length), _order, _order, _stride);

        public readonly int N1 => _n1;
    }

    private struct InvertBranches<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Blocks<T> _blocks;
        private readonly bool _unit;
        private readonly int _threads;

        public InvertBranches(MatrixSpan<T> a, int n1, bool unit, int threads)
        {
            _blocks = new Blocks<T>(a, n1);
            _unit = unit;
            _threads = threads;
        }

        public readonly void Run(int part)
        {
            MatrixSpan<T> a = _blocks.Whole;
            int n1 = _blocks.N1, n2 = a.Rows - n1;
            MatrixSpan<T> block = part == 0 ? a.Slice(0, 0, n1, n1) : a.Slice(n1, n1, n2, n2);
            InvertLower(block, _unit, BranchParallelism(_threads, part));
        }
    }

    /// <summary>Row by row, top-down: X[i, 0..i) = −(Σ_{k&lt;i} L[i, k]·X[k, 0..i)) / L[i, i], the rows of X above
    /// (final already) kept in a dense zero-padded scratch block so that each chunk of a row is one chain of vector
    /// fused multiply-adds. At most <see cref="Threshold"/> rows.</summary>
    [SkipLocalsInit]
    private static void InvertLowerUnblocked<T>(MatrixSpan<T> a, bool unit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        // Row stride of the scratch: whole vectors of the widest kind (16 floats), so no chunk needs a tail.
        int stride = (n + 15) / 16 * 16;
        Span<T> x = stackalloc T[Threshold * ((Threshold + 15) / 16 * 16)];
        x[..(n * stride)].Clear();
        Span<T> coefficients = stackalloc T[Threshold];
        if (Vector512Ops<T>.IsAccelerated)
            InvertRows<T, Vector512<T>, Vector512Ops<T>>(a, unit, x, stride, coefficients);
        else if (Vector256Ops<T>.IsAccelerated)
            InvertRows<T, Vector256<T>, Vector256Ops<T>>(a, unit, x, stride, coefficients);
        else if (Vector128Ops<T>.IsAccelerated)
            InvertRows<T, Vector128<T>, Vector128Ops<T>>(a, unit, x, stride, coefficients);
        else
            InvertRowsScalar(a, unit, x, stride, coefficients);
    }

    private static void InvertRows<T, TVec, TOps>(MatrixSpan<T> a, bool unit, Span<T> x, int stride, Span<T> coefficients)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int n = a.Rows, w = TOps.Count;
        ref T x0 = ref MemoryMarshal.GetReference(x);
        ref T c0 = ref MemoryMarshal.GetReference(coefficients);
        for (int i = 0; i < n; i++)
        {
            Span<T> row = a.Row(i);
            row[..i].CopyTo(coefficients);
            T inverseDiagonal = unit ? T.One : T.One / row[i];
            TVec scale = TOps.Broadcast(-inverseDiagonal);
            ref T xi = ref Unsafe.Add(ref x0, i * stride);
            for (int j0 = 0; j0 < i; j0 += w)
            {
                // Columns j0..j0+w of row i: rows k < j0 of X are zero there.
                TVec sum = TOps.Zero;
                for (int k = j0; k < i; k++)
                    sum = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref c0, k)), TOps.Load(ref x0, (nuint)(k * stride + j0)), sum);
                TOps.Store(TOps.Multiply(sum, scale), ref xi, (nuint)j0);
            }
            // Lanes at i and beyond hold 0·(−d) = ±0 or were never written; the diagonal goes in next.
            for (int j = i; j < Math.Min(stride, (i + w - 1) / w * w); j++)
                Unsafe.Add(ref xi, j) = T.Zero;
            Unsafe.Add(ref xi, i) = inverseDiagonal;
            MemoryMarshal.CreateReadOnlySpan(ref xi, i).CopyTo(row);
            if (!unit)
                row[i] = inverseDiagonal;
        }
    }

    private static void InvertRowsScalar<T>(MatrixSpan<T> a, bool unit, Span<T> x, int stride, Span<T> coefficients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        for (int i = 0; i < n; i++)
        {
            Span<T> row = a.Row(i);
            row[..i].CopyTo(coefficients);
            T inverseDiagonal = unit ? T.One : T.One / row[i];
            Span<T> xi = x.Slice(i * stride, stride);
            for (int j = 0; j < i; j++)
            {
                T sum = T.Zero;
                for (int k = j; k < i; k++)
                    sum = T.MultiplyAddEstimate(coefficients[k], x[k * stride + j], sum);
                xi[j] = sum * -inverseDiagonal;
            }
            xi[i] = inverseDiagonal;
            xi[..i].CopyTo(row);
            if (!unit)
                row[i] = inverseDiagonal;
        }
    }

    /// <summary>Overwrites the lower triangle X of <paramref name="a"/> with the lower triangle of Xᵀ·X
    /// (the strict upper triangle is not touched unless it returns true). n³/3 flops.</summary>
    /// <param name="a">On entry X in the lower triangle; on exit the lower triangle of XᵀX.</param>
    /// <param name="parallelism">How many threads the product may use.</param>
    /// <param name="mirror">Also copy the result into the strict upper triangle, when that can be done on the way (one
    /// thread): each half is mirrored as soon as it is final, while it is still warm in the caches.</param>
    /// <returns>Whether the upper triangle was written (only when <paramref name="mirror"/> is set).</returns>
    public static bool LowerTransposeTimesLower<T>(MatrixSpan<T> a, Parallelism parallelism, bool mirror = false)
        where T : unmanaged, IFloatingPointIeee754<T> => Lauum(a, parallelism, mirror, upperIsScratch: mirror);

    /// <summary>Order of X11 from which a LAUUM level forms X21ᵀX21 as SYRK's A·Aᵀ on X21ᵀ, transposed into the free
    /// upper block X12, rather than as Aᵀ·A on X21: measured on one thread, order 512: 3.0 against 3.7 ms (the
    /// transposed SYRK packs more slowly); the transpose is one pass over n²/4 elements.</summary>
    private const int MinTransposedSyrkOrder = 256;

    /// <summary><see cref="LowerTransposeTimesLower{T}"/>, where <paramref name="upperIsScratch"/> says that the strict
    /// upper triangle will be overwritten afterwards, so that X12 may hold X21ᵀ.</summary>
    private static bool Lauum<T>(MatrixSpan<T> a, Parallelism parallelism, bool mirror, bool upperIsScratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n <= Threshold)
        {
            LauumUnblocked(a);
            if (mirror)
                Cholesky.MirrorRows(a, 0, n);
            return mirror;
        }
        // [X11 0; X21 X22]ᵀ·[X11 0; X21 X22] = [X11ᵀX11 + X21ᵀX21, ·; X22ᵀX21, X22ᵀX22].
        int n1 = Split(n), n2 = n - n1;
        MatrixSpan<T> x11 = a.Slice(0, 0, n1, n1), x21 = a.Slice(n1, 0, n2, n1), x22 = a.Slice(n1, n1, n2, n2);
        bool transposed = upperIsScratch && n1 >= MinTransposedSyrkOrder;
        int threads = BranchThreads(n, parallelism);
        if (threads > 1)
        {
            LauumBranches(a, n1, threads, transposed, upperIsScratch, mirror);
            return mirror;
        }
        Lauum(x11, parallelism, mirror: false, upperIsScratch);
        if (transposed)
        {
            Cholesky.MirrorBlock(a, n1, n, 0, n1);   // X12 = X21ᵀ
            Syrk.Update(T.One, a.Slice(0, n1, n1, n2), MatrixOp.None, T.One, x11, TriangularPart.Lower, parallelism);
        }
        else
            Syrk.Update(T.One, x21, MatrixOp.Transpose, T.One, x11, TriangularPart.Lower, parallelism);
        if (mirror)
            Cholesky.MirrorRows(a, 0, n1);
        MultiplyByLowerTransposed(x22, x21, parallelism);
        Lauum(x22, parallelism, mirror: false, upperIsScratch);
        if (mirror)
            Cholesky.MirrorRows(a, n1, n);
        return mirror;
    }

    /// <summary>
    /// The four steps of one LAUUM level as two concurrent branches of equal work: (X11ᵀX11, then + X21ᵀX21) and
    /// (X21 ← X22ᵀX21, then X22ᵀX22), each (n/2)³·4/3 flops. The first branch reads X21 from a copy, since the second
    /// overwrites it; every step sees the same operands as in the one-thread order, so the bits are the same.
    /// </summary>
    private static unsafe void LauumBranches<T>(MatrixSpan<T> a, int n1, int threads, bool transposed, bool upperIsScratch, bool mirror)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows, n2 = n - n1;
        // flags[0]: the second branch has started; [1]: its triangular multiply is done (X21 final); [2]: the mirror
        // of X21 into X12 is claimed.
        int* flags = stackalloc int[3] { 0, 0, 0 };
        if (transposed)
        {
            // X21ᵀ into the free block X12: the first branch's SYRK reads it there.
            Cholesky.MirrorParallel(a, n1, n, 0, n1, Math.Min(threads, 2));
            fixed (T* pa = a.Span)
                RunBranches(new LauumBranchWork<T>(a, n1, null, threads, upperIsScratch, mirror, flags));
        }
        else
        {
            T[] copy = ArrayPool<T>.Shared.Rent(n2 * n1);
            try
            {
                var x21 = MatrixSpan<T>.CreateTrusted(copy.AsSpan(0, n2 * n1), n2, n1, n1);
                a.Slice(n1, 0, n2, n1).CopyTo(x21);
                fixed (T* pa = a.Span, pc = copy)
                    RunBranches(new LauumBranchWork<T>(a, n1, pc, threads, upperIsScratch, mirror, flags));
            }
            finally
            {
                ArrayPool<T>.Shared.Return(copy);
            }
        }
        if (mirror && flags[2] == 0)
            Cholesky.MirrorParallel(a, n1, n, 0, n1, Math.Min(threads, 2));
    }

    private unsafe struct LauumBranchWork<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Blocks<T> _blocks;
        private readonly nint _copy;
        private readonly int* _flags;
        private readonly int _threads;
        private readonly bool _upperIsScratch, _mirror;

        // copy: a copy of X21 (n2×n1, dense), or null when X12 holds X21ᵀ. mirror: each branch mirrors its diagonal
        // block when it is final, and the first one, if it finds the second running, also X21 once that is final.
        public LauumBranchWork(MatrixSpan<T> a, int n1, T* copy, int threads, bool upperIsScratch, bool mirror, int* flags)
        {
            _blocks = new Blocks<T>(a, n1);
            _copy = (nint)copy;
            _threads = threads;
            _upperIsScratch = upperIsScratch;
            _mirror = mirror;
            _flags = flags;
        }

        public readonly void Run(int part)
        {
            MatrixSpan<T> a = _blocks.Whole;
            int n1 = _blocks.N1, n2 = a.Rows - n1;
            Parallelism parallelism = BranchParallelism(_threads, part);
            if (part == 0)
            {
                MatrixSpan<T> x11 = a.Slice(0, 0, n1, n1);
                Lauum(x11, parallelism, mirror: false, _upperIsScratch);
                if (_copy == 0)
                    Syrk.Update(T.One, a.Slice(0, n1, n1, n2), MatrixOp.None, T.One, x11, TriangularPart.Lower, parallelism);
                else
                {
                    var x21 = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)_copy, n2 * n1), n2, n1, n1);
                    Syrk.Update(T.One, x21, MatrixOp.Transpose, T.One, x11, TriangularPart.Lower, parallelism);
                }
                if (!_mirror)
                    return;
                Cholesky.MirrorRows(a, 0, n1);
                // Waiting is safe only for a branch that is running; otherwise the caller mirrors X21 after the join.
                if (Volatile.Read(ref _flags[0]) == 0)
                    return;
                var spinner = new SpinWait();
                while (Volatile.Read(ref _flags[1]) == 0)
                    spinner.SpinOnce(sleep1Threshold: -1);
                if (Interlocked.CompareExchange(ref _flags[2], 1, 0) == 0)
                    Cholesky.MirrorBlock(a, n1, a.Rows, 0, n1);
            }
            else
            {
                Volatile.Write(ref _flags[0], 1);
                MatrixSpan<T> x22 = a.Slice(n1, n1, n2, n2);
                MultiplyByLowerTransposed(x22, a.Slice(n1, 0, n2, n1), parallelism);
                Volatile.Write(ref _flags[1], 1);
                Lauum(x22, parallelism, mirror: false, _upperIsScratch);
                if (_mirror)
                    Cholesky.MirrorBlock(a, n1, a.Rows, n1, a.Rows);
            }
        }
    }

    /// <summary>Row i of the result is Σ_{k≥i} X[k, i]·X[k, 0..i]; rows below i are still X when row i is formed.</summary>
    private static void LauumUnblocked<T>(MatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        for (int i = 0; i < n; i++)
        {
            Span<T> row = a.Row(i)[..(i + 1)];
            SpanMath.Scale(row[i], row);
            for (int k = i + 1; k < n; k++)
                SpanMath.Axpy(a[k, i], a.Row(k)[..(i + 1)], row);
        }
    }

    /// <summary>Columns of B per unit of the split of <see cref="MultiplyByLowerTransposed{T}"/> over threads: a multiple
    /// of every leaf strip (four vectors of up to 16 elements). The GEMM sums and the leaf chains do not depend on where
    /// a slice starts (only on the depth), so neither does any bit of the result.</summary>
    private const int SliceGranule = 64;

    /// <summary>B ← Lᵀ·B in place (BLAS xTRMM, left, lower, transposed, non-unit), L lower. The columns of B are
    /// independent: with several threads they are cut into contiguous slices of whole <see cref="SliceGranule"/> units,
    /// each multiplied sequentially (leaves and GEMMs) by one thread, so the result is bitwise the same for every
    /// thread count.</summary>
    internal static unsafe void MultiplyByLowerTransposed<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows, columns = b.Columns;
        int threads = parallelism.ThreadsFor((double)m * m * columns, Gemm.MinFlopsPerThread);
        int parts = Math.Min(threads, columns / SliceGranule);
        if (parts > 1 && m > Threshold)
        {
            fixed (T* pl = l.Span, pb = b.Span)
            {
                var work = new SlicedTrmm<T>
                {
                    L = (nint)pl, LLength = l.Span.Length, Order = m, LStride = l.RowStride,
                    B = (nint)pb, BLength = b.Span.Length, BColumns = columns, BStride = b.RowStride, Parts = parts,
                };
                ParallelJob<SlicedTrmm<T>>.Run(work, parts, parts);
            }
            return;
        }
        MultiplyByLowerTransposedSequential(l, b, parallelism);
    }

    private unsafe struct SlicedTrmm<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint L, B;
        public int LLength, Order, LStride, BLength, BColumns, BStride, Parts;

        public readonly void Run(int part)
        {
            var l = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)L, LLength), Order, Order, LStride);
            var b = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)B, BLength), Order, BColumns, BStride);
            int units = (BColumns + SliceGranule - 1) / SliceGranule;
            int s0 = Math.Min(BColumns, units * part / Parts * SliceGranule);
            int s1 = part == Parts - 1 ? BColumns : Math.Min(BColumns, units * (part + 1) / Parts * SliceGranule);
            if (s1 > s0)
                MultiplyByLowerTransposedSequential(l, b.Slice(0, s0, Order, s1 - s0), Parallelism.Sequential);
        }
    }

    private static void MultiplyByLowerTransposedSequential<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows;
        if (m <= Threshold)
        {
            MultiplyByLowerTransposedLeaf(l, b);
            return;
        }
        // [L11ᵀ L21ᵀ; 0 L22ᵀ]·[B1; B2] = [L11ᵀB1 + L21ᵀB2; L22ᵀB2].
        int m1 = Split(m), m2 = m - m1;
        MatrixSpan<T> b1 = b.SliceRows(0, m1), b2 = b.SliceRows(m1, m2);
        MultiplyByLowerTransposedSequential(l.Slice(0, 0, m1, m1), b1, parallelism);
        Gemm.Multiply(T.One, l.Slice(m1, 0, m2, m1), MatrixOp.Transpose, b2, MatrixOp.None, T.One, b1, parallelism);
        MultiplyByLowerTransposedSequential(l.Slice(m1, m1, m2, m2), b2, parallelism);
    }

    /// <summary>B ← Lᵀ·B for at most <see cref="Threshold"/> rows: row i of the product is
    /// L[i, i]·B[i, :] + Σ_{k&gt;i} L[k, i]·B[k, :], formed top-down (rows below i are still the input).</summary>
    /// <remarks>B is swept in strips of four vectors copied to a contiguous block (rows a power-of-two stride apart
    /// would share L1 sets), each coefficient broadcast once per four FMAs; every element is the same chain of
    /// fused multiply-adds in every strip and in the scalar tail.</remarks>
    [SkipLocalsInit]
    internal static void MultiplyByLowerTransposedLeaf<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows, n = b.Columns;
        Span<T> coefficients = stackalloc T[m * m];
        for (int i = 0; i < m; i++)
            for (int k = i; k < m; k++)
                coefficients[i * m + k] = l[k, i];
        int start = 0;
        if (Vector512Ops<T>.IsAccelerated)
            start = TrmmStrips<T, Vector512<T>, Vector512Ops<T>>(coefficients, b);
        else if (Vector256Ops<T>.IsAccelerated)
            start = TrmmStrips<T, Vector256<T>, Vector256Ops<T>>(coefficients, b);
        else if (Vector128Ops<T>.IsAccelerated)
            start = TrmmStrips<T, Vector128<T>, Vector128Ops<T>>(coefficients, b);
        for (int c = start; c < n; c++)
            for (int i = 0; i < m; i++)
            {
                T x = coefficients[i * m + i] * b[i, c];
                for (int k = i + 1; k < m; k++)
                    x = T.MultiplyAddEstimate(coefficients[i * m + k], b[k, c], x);
                b[i, c] = x;
            }
    }

    [SkipLocalsInit]
    private static int TrmmStrips<T, TVec, TOps>(ReadOnlySpan<T> coefficients, MatrixSpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int m = b.Rows, n = b.Columns, w = TOps.Count, sw = 4 * w;
        Span<T> strip = stackalloc T[Threshold * 4 * Vector512<byte>.Count / 4];
        nint stride = b.RowStride;
        ref T b0 = ref b.GetReference();
        ref T p0 = ref MemoryMarshal.GetReference(strip);
        ref T c0 = ref MemoryMarshal.GetReference(coefficients);
        int c = 0;
        for (; c + w <= n; c += sw)
        {
            int width = c + sw <= n ? sw : w;
            for (int i = 0; i < m; i++)
            {
                ref T src = ref Unsafe.Add(ref b0, i * stride + c);
                for (int v = 0; v < width; v += w)
                    TOps.Store(TOps.Load(ref src, (nuint)v), ref p0, (nuint)(i * sw + v));
            }
            for (int i = 0; i < m; i++)
            {
                ref T pi = ref Unsafe.Add(ref p0, i * sw);
                ref T ci = ref Unsafe.Add(ref c0, i * m);
                TVec d = TOps.Broadcast(Unsafe.Add(ref ci, i));
                if (width == sw)
                {
                    TVec x0 = TOps.Multiply(d, TOps.Load(ref pi, 0)), x1 = TOps.Multiply(d, TOps.Load(ref pi, (nuint)w));
                    TVec x2 = TOps.Multiply(d, TOps.Load(ref pi, (nuint)(2 * w))), x3 = TOps.Multiply(d, TOps.Load(ref pi, (nuint)(3 * w)));
                    for (int k = i + 1; k < m; k++)
                    {
                        TVec coefficient = TOps.Broadcast(Unsafe.Add(ref ci, k));
                        ref T pk = ref Unsafe.Add(ref p0, k * sw);
                        x0 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, 0), x0);
                        x1 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, (nuint)w), x1);
                        x2 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, (nuint)(2 * w)), x2);
                        x3 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pk, (nuint)(3 * w)), x3);
                    }
                    TOps.Store(x0, ref pi, 0);
                    TOps.Store(x1, ref pi, (nuint)w);
                    TOps.Store(x2, ref pi, (nuint)(2 * w));
                    TOps.Store(x3, ref pi, (nuint)(3 * w));
                }
                else
                {
                    TVec x0 = TOps.Multiply(d, TOps.Load(ref pi, 0));
                    for (int k = i + 1; k < m; k++)
                        x0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref ci, k)), TOps.Load(ref p0, (nuint)(k * sw)), x0);
                    TOps.Store(x0, ref pi, 0);
                }
            }
            for (int i = 0; i < m; i++)
            {
                ref T dst = ref Unsafe.Add(ref b0, i * stride + c);
                for (int v = 0; v < width; v += w)
                    TOps.Store(TOps.Load(ref p0, (nuint)(i * sw + v)), ref dst, (nuint)v);
            }
            c += width - sw;
        }
        return c;
    }
}
