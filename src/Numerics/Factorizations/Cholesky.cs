using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// Low-level Cholesky factorization <c>A = L·Lᵀ</c> of a symmetric positive definite matrix on caller-owned storage,
/// and what it is used for: solves, the inverse, the log-determinant and a condition estimate.
/// </summary>
/// <remarks>
/// <para>Only the lower triangle of A is ever read, and L is written over it; the strict upper triangle is not touched
/// by the factorization.</para>
/// <para>NaN and ∞ policy: a pivot that is not strictly positive — zero, negative or NaN — stops the factorization
/// and is reported (<c>!(d &gt; 0)</c>), so a NaN that reaches the diagonal is reported as the failing pivot; NaN or ∞
/// elsewhere propagate into L and the results. Nothing iterates, so nothing can hang.</para>
/// <para>Every routine splits its work so that results are bitwise identical for every <see cref="Parallelism"/>.</para>
/// </remarks>
public static class Cholesky
{
    /// <summary>Order below which the factorization runs unblocked.</summary>
    internal const int Threshold = 32;

    /// <summary>Overwrites the lower triangle of <paramref name="a"/> with L such that A = L·Lᵀ.</summary>
    /// <param name="a">On entry, a symmetric matrix; only the lower triangle is read. On exit, L in the lower
    /// triangle; the strict upper triangle is not touched.</param>
    /// <param name="failedPivot">On failure, the zero-based index of the first pivot that was not strictly positive (the
    /// leading minor of order <c>failedPivot + 1</c> is not positive definite); otherwise −1.</param>
    /// <returns><see langword="false"/> if A is not numerically positive definite. The rows before
    /// <paramref name="failedPivot"/> then hold a valid partial factor.</returns>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    /// <remarks>Uses all cores when the work pays for it; see the overload with a <see cref="Parallelism"/>.</remarks>
    public static bool TryFactorInPlace<T>(MatrixSpan<T> a, out int failedPivot)
        where T : unmanaged, IFloatingPointIeee754<T> => TryFactorInPlace(a, out failedPivot, Parallelism.Auto);

    /// <summary>Overwrites the lower triangle of <paramref name="a"/> with L such that A = L·Lᵀ.</summary>
    /// <param name="a">On entry, a symmetric matrix; only the lower triangle is read. On exit, L in the lower
    /// triangle; the strict upper triangle is not touched.</param>
    /// <param name="failedPivot">On failure, the zero-based index of the first pivot that was not strictly positive;
    /// otherwise −1.</param>
    /// <param name="parallelism">How many threads the factorization may use.</param>
    /// <returns><see langword="false"/> if A is not numerically positive definite.</returns>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    /// <remarks>
    /// Recursive: L₁₁ = chol(A₁₁), L₂₁ = A₂₁·L₁₁⁻ᵀ (<see cref="TriangularSolve"/>), A₂₂ −= L₂₁·L₂₁ᵀ (one <see cref="Syrk"/>
    /// call), L₂₂ = chol(A₂₂). Below order 32 it runs unblocked (Cholesky–Banachiewicz: each entry is one dot product
    /// of two contiguous row prefixes). n³/3 flops, nearly all in SYRK and GEMM. Scratch comes from
    /// <see cref="ArrayPool{T}.Shared"/>. Same contract as LAPACK xPOTRF with UPLO = 'L'.
    /// </remarks>
    public static bool TryFactorInPlace<T>(MatrixSpan<T> a, out int failedPivot, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        failedPivot = FactorRecursive(a, parallelism);
        return failedPivot < 0;
    }

    /// <summary>Like <see cref="TryFactorInPlace{T}(MatrixSpan{T}, out int, Parallelism)"/>, but throws on failure.</summary>
    /// <param name="a">On entry, a symmetric matrix (lower triangle read); on exit, L in the lower triangle.</param>
    /// <param name="parallelism">How many threads the factorization may use.</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    /// <exception cref="MatrixNotPositiveDefiniteException">A pivot was zero, negative or NaN; the exception names it.</exception>
    public static void FactorInPlace<T>(MatrixSpan<T> a, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!TryFactorInPlace(a, out int pivot, parallelism))
            throw new MatrixNotPositiveDefiniteException(pivot);
    }

    /// <summary>Solves <c>A·X = B</c> in place (B := A⁻¹·B) from the Cholesky factor L of A.</summary>
    /// <param name="l">The factor from <see cref="TryFactorInPlace{T}(MatrixSpan{T}, out int)"/>: L in the lower triangle
    /// (the strict upper triangle is not read).</param>
    /// <param name="b">On entry, the n×k right-hand sides; on exit, the solution. Must not share elements with <paramref name="l"/>.</param>
    /// <exception cref="ArgumentException">L is not square, B does not have n rows, or B shares elements with L.</exception>
    /// <remarks>Uses all cores when the work pays for it; see the overload with a <see cref="Parallelism"/>.</remarks>
    public static void SolveInPlace<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T> => SolveInPlace(l, b, Parallelism.Auto);

    /// <summary>Solves <c>A·X = B</c> in place (B := A⁻¹·B) from the Cholesky factor L of A.</summary>
    /// <param name="l">The factor: L in the lower triangle (the strict upper triangle is not read).</param>
    /// <param name="b">On entry, the n×k right-hand sides; on exit, the solution. Must not share elements with <paramref name="l"/>.</param>
    /// <param name="parallelism">How many threads the solve may use.</param>
    /// <exception cref="ArgumentException">L is not square, B does not have n rows, or B shares elements with L.</exception>
    /// <remarks>L·Y = B, then Lᵀ·X = Y (<see cref="TriangularSolve"/>, GEMM-rich): 2n²k flops. L must come from a
    /// successful factorization (its diagonal is positive); nothing is checked. Same contract as LAPACK xPOTRS.</remarks>
    public static void SolveInPlace<T>(ReadOnlyMatrixSpan<T> l, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (l.Rows != l.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(l), "a square matrix", l.Rows, l.Columns);
        if (b.Rows != l.Rows)
            throw new ArgumentException($"L is {l.Rows}×{l.Columns} but B is {b.Rows}×{b.Columns}: B needs {l.Rows} rows.", nameof(b));
        if (ViewOverlap.SharesElements(l, b))
            throw new ArgumentException("B shares elements with L.", nameof(b));
        TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, l, b, parallelism);
        TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.Transpose, Diagonal.NonUnit, l, b, parallelism);
    }

    /// <summary>Solves <c>A·x = b</c> in place from the Cholesky factor L of A.</summary>
    /// <param name="l">The factor: L in the lower triangle (the strict upper triangle is not read).</param>
    /// <param name="b">On entry, the right-hand side (n elements); on exit, the solution.</param>
    /// <exception cref="ArgumentException">L is not square, b does not have n elements, or b overlaps L.</exception>
    /// <remarks>Two row-oriented triangular solves: 2n² flops. Same contract as LAPACK xPOTRS with one column.</remarks>
    public static void SolveInPlace<T>(ReadOnlyMatrixSpan<T> l, Span<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (l.Rows != l.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(l), "a square matrix", l.Rows, l.Columns);
        if (b.Length != l.Rows)
            throw new ArgumentException($"L is {l.Rows}×{l.Columns}, so b needs {l.Rows} elements but has {b.Length}.", nameof(b));
        if (b.Overlaps(l.Span))
            ThrowHelper.ThrowPartialOverlap(nameof(b));
        SolveVectorCore(l, b);
    }

    /// <summary>Overwrites the factor L with A⁻¹ (both triangles), where A = L·Lᵀ.</summary>
    /// <param name="l">On entry, L in the lower triangle (the strict upper triangle is not read); on exit, the full
    /// symmetric A⁻¹.</param>
    /// <param name="parallelism">How many threads the inversion may use.</param>
    /// <exception cref="ArgumentException">L is not square.</exception>
    /// <remarks>
    /// A⁻¹ = L⁻ᵀ·L⁻¹: L is inverted in place (xTRTRI), then the lower triangle of L⁻ᵀ·L⁻¹ is formed in place (xLAUUM),
    /// both recursive on TRSM/GEMM/SYRK/TRMM, ⅔n³ flops; the lower triangle is mirrored into the upper one (on one
    /// thread as each half of the product becomes final, else by row ranges on all threads). On two or more threads
    /// the two halves of each recursion run as concurrent branches near the top. Never goes through LU. Same contract
    /// as LAPACK xPOTRI (which leaves the upper triangle alone).
    /// </remarks>
    public static void InvertInPlace<T>(MatrixSpan<T> l, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (l.Rows != l.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(l), "a square matrix", l.Rows, l.Columns);
        int n = l.Rows;
        if (n == 0)
            return;
        TriangularInverse.InvertLower(l, unit: false, parallelism);
        if (TriangularInverse.LowerTransposeTimesLower(l, parallelism, mirror: true))
            return;
        int threads = parallelism.ThreadsFor((double)n * n, MinMirrorElementsPerThread);
        if (threads > 1)
            MirrorParallel(l, threads);
        else
            MirrorRows(l, 0, n);
    }

    /// <summary>Elements of the square per thread before a mirror runs on several threads (<see cref="InvertInPlace{T}(MatrixSpan{T}, Parallelism)"/>, and the symmetric copy of shift-and-invert Lanczos).</summary>
    internal const double MinMirrorElementsPerThread = 1 << 16;

    /// <summary>Rows of the tiles <see cref="MirrorRows{T}"/> works in: eight destination rows a power-of-two stride
    /// apart fit in one L1 set's ways (32 did not: every write missed L1), and eight doubles are one cache line.</summary>
    private const int MirrorTile = 8;

    /// <summary>Copies the strict lower triangle of rows [<paramref name="r0"/>, <paramref name="r1"/>) into the
    /// upper triangle (columns [r0, r1) of the rows above).</summary>
    internal static void MirrorRows<T>(MatrixSpan<T> l, int r0, int r1)
        where T : unmanaged, IFloatingPointIeee754<T> => MirrorBlock(l, r0, r1, 0, r1);

    /// <summary>Copies the elements (i, j) with r0 ≤ i &lt; r1 and c0 ≤ j &lt; min(i, c1) to (j, i), by 8×8 tiles: for
    /// each column j of a source tile, the elements below the diagonal are written as one contiguous run of
    /// destination row j. The tiles are visited by 64×64 blocks, so that the 64 source and 64 destination rows a
    /// block touches (each in its own page for large strides) stay in the TLB and L2 while it is copied.</summary>
    internal static void MirrorBlock<T>(MatrixSpan<T> l, int r0, int r1, int c0, int c1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int block = 64;
        nint stride = l.RowStride;
        ref T origin = ref l.GetReference();
        for (int b0 = r0; b0 < r1; b0 += block)
        {
            int b1 = Math.Min(r1, b0 + block);
            for (int jb = c0; jb < Math.Min(b1 - 1, c1); jb += block)
            {
                int jbEnd = Math.Min(jb + block, c1);
                for (int i0 = b0; i0 < b1; i0 += MirrorTile)
                {
                    int rows = Math.Min(MirrorTile, b1 - i0), jEnd = Math.Min(i0 + rows - 1, jbEnd);
                    int j = jb;
                    if (rows == MirrorTile)
                    {
                        // Whole columns of the tile (strictly left of the diagonal): eight loads, eight stores, unrolled.
                        ref T tile = ref Unsafe.Add(ref origin, i0 * stride);
                        for (int jFull = Math.Min(jEnd, i0); j < jFull; j++)
                        {
                            ref T s0 = ref Unsafe.Add(ref tile, j);
                            ref T d = ref Unsafe.Add(ref origin, j * stride + i0);
                            T e0 = s0, e1 = Unsafe.Add(ref s0, stride), e2 = Unsafe.Add(ref s0, 2 * stride), e3 = Unsafe.Add(ref s0, 3 * stride);
                            T e4 = Unsafe.Add(ref s0, 4 * stride), e5 = Unsafe.Add(ref s0, 5 * stride), e6 = Unsafe.Add(ref s0, 6 * stride), e7 = Unsafe.Add(ref s0, 7 * stride);
                            d = e0;
                            Unsafe.Add(ref d, 1) = e1;
                            Unsafe.Add(ref d, 2) = e2;
                            Unsafe.Add(ref d, 3) = e3;
                            Unsafe.Add(ref d, 4) = e4;
                            Unsafe.Add(ref d, 5) = e5;
                            Unsafe.Add(ref d, 6) = e6;
                            Unsafe.Add(ref d, 7) = e7;
                        }
                    }
                    for (; j < jEnd; j++)
                    {
                        // Destination row j, columns max(i0, j + 1) .. i0 + rows: column j of the source tile below the diagonal.
                        int first = Math.Max(i0, j + 1);
                        ref T source = ref Unsafe.Add(ref origin, first * stride + j);
                        ref T destination = ref Unsafe.Add(ref origin, j * stride + first);
                        for (int i = 0; i < i0 + rows - first; i++)
                            Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i * stride);
                    }
                }
            }
        }
    }

    /// <summary>The mirror on <paramref name="threads"/> threads: contiguous row ranges holding equal areas of the
    /// triangle, so each thread writes its own range of upper columns.</summary>
    private static void MirrorParallel<T>(MatrixSpan<T> l, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> => MirrorParallel(l, 0, l.Rows, 0, l.Rows, threads);

    /// <summary><see cref="MirrorBlock{T}"/> on <paramref name="threads"/> threads, its rows cut into ranges of equal
    /// area (of a triangle when the block reaches the diagonal, of a rectangle when it lies below it).</summary>
    internal static unsafe void MirrorParallel<T>(MatrixSpan<T> l, int r0, int r1, int c0, int c1, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* p = l.Span)
        {
            var work = new MirrorWork<T>
            {
                L = (nint)p, Length = l.Span.Length, Order = l.Rows, Stride = l.RowStride, Parts = threads,
                R0 = r0, R1 = r1, C0 = c0, C1 = c1,
            };
            ParallelJob<MirrorWork<T>>.Run(work, threads, threads);
        }
    }

    private unsafe struct MirrorWork<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint L;
        public int Length, Order, Stride, Parts, R0, R1, C0, C1;

        public readonly void Run(int part)
        {
            int r0 = Cut(part), r1 = Cut(part + 1);
            if (r1 > r0)
                MirrorBlock(MatrixSpan<T>.CreateTrusted(new Span<T>((void*)L, Length), Order, Order, Stride), r0, r1, C0, C1);
        }

        private readonly int Cut(int part)
        {
            if (part == 0)
                return R0;
            if (part == Parts)
                return R1;
            // A triangle from row 0 grows like i²; a rectangle (C1 ≤ R0) like i.
            double fraction = C1 > R0 ? Math.Sqrt((double)part / Parts) : (double)part / Parts;
            int rows = R1 - R0;
            return R0 + Math.Min(rows, (int)Math.Round(rows * fraction / MirrorTile) * MirrorTile);
        }
    }

    /// <summary>Returns ln det A = 2·Σ ln L[i, i] from the Cholesky factor L of A, without overflow.</summary>
    /// <param name="l">The factor: L in the lower triangle.</param>
    /// <exception cref="ArgumentException">L is not square.</exception>
    public static T LogDeterminant<T>(ReadOnlyMatrixSpan<T> l)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (l.Rows != l.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(l), "a square matrix", l.Rows, l.Columns);
        T sum = T.Zero;
        for (int i = 0; i < l.Rows; i++)
            sum += T.Log(l[i, i]);
        return sum + sum;
    }

    /// <summary>Elements of the workspace that the condition estimate needs for order n.</summary>
    /// <param name="n">The order of A.</param>
    public static int GetConditionWorkspaceLength(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return 3 * n;
    }

    /// <summary>Estimates the reciprocal condition number 1/(‖A‖₁·‖A⁻¹‖₁) from the Cholesky factor in O(n²).</summary>
    /// <param name="l">The factor: L in the lower triangle.</param>
    /// <param name="normOfA">‖A‖₁ of the original matrix (compute it before factoring, e.g. with
    /// <see cref="SymmetricOneNorm{T}"/>).</param>
    /// <param name="workspace">Scratch of at least <see cref="GetConditionWorkspaceLength"/> elements.</param>
    /// <returns>An estimate of 1/κ₁(A) in [0, 1]; 0 when ‖A‖₁ = 0; NaN if L or the norm holds NaN.</returns>
    /// <exception cref="ArgumentException">L is not square, or the workspace is too short.</exception>
    /// <remarks>Hager/Higham estimator (LAPACK xLACN2), at most 11 solves. Same contract as LAPACK xPOCON.</remarks>
    public static T EstimateReciprocalCondition<T>(ReadOnlyMatrixSpan<T> l, T normOfA, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (l.Rows != l.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(l), "a square matrix", l.Rows, l.Columns);
        int n = l.Rows;
        if (workspace.Length < GetConditionWorkspaceLength(n))
            ThrowHelper.ThrowDestinationTooShort(nameof(workspace), GetConditionWorkspaceLength(n), workspace.Length);
        if (T.IsNaN(normOfA))
            return T.NaN;
        if (n == 0)
            return T.One;
        if (normOfA == T.Zero)
            return T.Zero;
        T inverseNorm = ConditionEstimator.EstimateInverseOneNorm(n, workspace, new CholeskyInverse<T>(l));
        if (T.IsNaN(inverseNorm))
            return T.NaN;
        return inverseNorm == T.Zero ? T.Zero : T.One / inverseNorm / normOfA;
    }

    /// <summary>‖A‖₁ of the symmetric matrix A whose lower triangle <paramref name="a"/> holds; the strict upper triangle is not read.</summary>
    /// <param name="a">A square matrix.</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    public static T SymmetricOneNorm<T>(ReadOnlyMatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        return MatrixNorms.SymmetricOneNorm(a);
    }

    internal static void SolveVectorCore<T>(ReadOnlyMatrixSpan<T> l, Span<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TriangularSolve.SolveVectorCore(TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, l, b);
        TriangularSolve.SolveVectorCore(TriangularPart.Lower, MatrixOp.Transpose, Diagonal.NonUnit, l, b);
    }

    /// <summary>Returns the first failing pivot of the n×n block, or −1.</summary>
    private static int FactorRecursive<T>(MatrixSpan<T> a, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        if (n <= Threshold)
            return FactorUnblocked(a);
        int n1 = (n / 2 + 15) / 16 * 16, n2 = n - n1;
        MatrixSpan<T> a11 = a.Slice(0, 0, n1, n1), a21 = a.Slice(n1, 0, n2, n1), a22 = a.Slice(n1, n1, n2, n2);
        int failed = FactorRecursive(a11, parallelism);
        if (failed >= 0)
            return failed;
        // L21·L11ᵀ = A21.
        TriangularSolve.SolveCore(Side.Right, TriangularPart.Lower, MatrixOp.Transpose, Diagonal.NonUnit, a11, a21, parallelism,
            TriangularInverse.MinSolveFlopsPerThread);
        Syrk.Update(-T.One, a21, MatrixOp.None, T.One, a22, TriangularPart.Lower, parallelism);
        failed = FactorRecursive(a22, parallelism);
        return failed >= 0 ? n1 + failed : -1;
    }

    /// <summary>Cholesky–Banachiewicz: row by row, each entry one dot product of two contiguous row prefixes.</summary>
    private static int FactorUnblocked<T>(MatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Rows; i++)
        {
            Span<T> li = a.Row(i);
            for (int j = 0; j < i; j++)
            {
                ReadOnlySpan<T> lj = a.Row(j);
                li[j] = (li[j] - SpanMath.Dot<T>(li[..j], lj[..j])) / lj[j];
            }
            T pivot = li[i] - SpanMath.Dot<T>(li[..i], li[..i]);
            if (!(pivot > T.Zero)) // written this way so that NaN fails too
                return i;
            li[i] = T.Sqrt(pivot);
        }
        return -1;
    }

    /// <summary>Applies A⁻¹ = L⁻ᵀ·L⁻¹ (symmetric, so also A⁻ᵀ) for the condition estimator.</summary>
    private readonly ref struct CholeskyInverse<T> : IInverseOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ReadOnlyMatrixSpan<T> _l;

        public CholeskyInverse(ReadOnlyMatrixSpan<T> l) => _l = l;

        public void Apply(Span<T> x) => SolveVectorCore(_l, x);

        public void ApplyTransposed(Span<T> x) => SolveVectorCore(_l, x);
    }
}
