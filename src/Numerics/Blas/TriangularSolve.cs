using System;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Blas;

/// <summary>Triangular solves with one or many right-hand sides (BLAS xTRSM and xTRSV).</summary>
/// <remarks>
/// Only the <see cref="TriangularPart"/> triangle of A is read (and its diagonal only for <see cref="Diagonal.NonUnit"/>);
/// the other strict triangle may hold anything, e.g. the other factor of an LU factorization.
/// </remarks>
public static class TriangularSolve
{
    /// <summary>Rows (left side) or columns (right side) below which the recursion stops and the
    /// row-oriented substitution runs; above it, the work is a GEMM.</summary>
    internal const int RecursionThreshold = 32;

    /// <summary>Solves <c>op(A)·X = α·B</c> (<see cref="Side.Left"/>) or <c>X·op(A) = α·B</c> (<see cref="Side.Right"/>)
    /// for X, overwriting B, where A is triangular.</summary>
    /// <param name="side">Whether A multiplies X from the left or from the right.</param>
    /// <param name="part">Which triangle of <paramref name="a"/> holds the triangular matrix; the other is never read.</param>
    /// <param name="opA">Whether to use A or Aᵀ.</param>
    /// <param name="diagonal">Whether A's diagonal is implicitly all ones (then it is not read).</param>
    /// <param name="alpha">The scale α of the right-hand side.</param>
    /// <param name="a">The triangular matrix A: m×m for the left side, n×n for the right side.</param>
    /// <param name="b">On entry, the m×n right-hand sides B; on exit, the solution X. Must not share elements with A.</param>
    /// <param name="parallelism">How many threads the solve may use.</param>
    /// <exception cref="ArgumentException">A is not square, its order does not match B, or B shares elements with A.</exception>
    /// <remarks>
    /// Recursive: the triangle is split in two halves, one half is solved, its contribution is subtracted from the
    /// other half's right-hand sides with one <see cref="Gemm"/> call, and the other half is solved; below
    /// <c>32</c> rows the row-oriented substitution runs as vectorized AXPYs on rows of B. All but a
    /// <c>32/m</c> fraction of the m²·n flops (left side; n²·m for the right side) therefore run in GEMM.
    /// No singularity test: a zero diagonal element yields ±∞ or NaN, as in BLAS. NaN and ∞ propagate.
    /// Results do not depend on <paramref name="parallelism"/>. Equivalent to BLAS xTRSM (row-major).
    /// </remarks>
    public static void Solve<T>(Side side, TriangularPart part, MatrixOp opA, Diagonal diagonal, T alpha,
        ReadOnlyMatrixSpan<T> a, MatrixSpan<T> b, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        int order = side == Side.Left ? b.Rows : b.Columns;
        if (a.Rows != order)
            throw new ArgumentException(
                $"A is {a.Rows}×{a.Columns} but B is {b.Rows}×{b.Columns}: with side {side}, A must be {order}×{order}.", nameof(b));
        if (ViewOverlap.SharesElements(a, b))
            throw new ArgumentException("B shares elements with A; the right-hand sides must be disjoint from the triangular matrix.", nameof(b));
        if (b.IsEmpty)
            return;
        if (alpha != T.One)
        {
            for (int i = 0; i < b.Rows; i++)
            {
                if (alpha == T.Zero)
                    b.Row(i).Clear();
                else
                    SpanMath.Scale(alpha, b.Row(i));
            }
            if (alpha == T.Zero)
                return;
        }
        SolveCore(side, part, opA, diagonal, a, b, parallelism);
    }

    /// <summary>Solves <c>op(A)·x = b</c> for x in place, where A is triangular.</summary>
    /// <param name="part">Which triangle of <paramref name="a"/> holds the triangular matrix; the other is never read.</param>
    /// <param name="opA">Whether to use A or Aᵀ.</param>
    /// <param name="diagonal">Whether A's diagonal is implicitly all ones (then it is not read).</param>
    /// <param name="a">The n×n triangular matrix A.</param>
    /// <param name="x">On entry, the right-hand side b (n elements); on exit, the solution x. Must not overlap A.</param>
    /// <exception cref="ArgumentException">A is not square, <paramref name="x"/> does not have n elements, or it overlaps A.</exception>
    /// <remarks>
    /// Each step is one vectorized dot product of a contiguous row prefix (or suffix) of A with x, or, for the
    /// transposed cases, one AXPY of a row of A into x, so A is read once, row by row. n² flops.
    /// No singularity test: a zero diagonal element yields ±∞ or NaN. Equivalent to BLAS xTRSV (row-major).
    /// </remarks>
    public static void Solve<T>(TriangularPart part, MatrixOp opA, Diagonal diagonal, ReadOnlyMatrixSpan<T> a, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        if (x.Length != a.Rows)
            throw new ArgumentException($"A is {a.Rows}×{a.Columns}, so x needs {a.Rows} elements but has {x.Length}.", nameof(x));
        if (x.Overlaps(a.Span))
            ThrowHelper.ThrowPartialOverlap(nameof(x));
        SolveVectorCore(part, opA, diagonal, a, x);
    }

    /// <summary>TRSM without validation or α: B := op(A)⁻¹·B or B·op(A)⁻¹. A and B may be disjoint blocks of one matrix.
    /// <paramref name="minFlopsPerThread"/> (default <see cref="Gemm.MinFlopsPerThread"/>) is the work below which the
    /// right-hand sides are not split over threads; the split never changes the bits.</summary>
    internal static void SolveCore<T>(Side side, TriangularPart part, MatrixOp opA, Diagonal diagonal,
        ReadOnlyMatrixSpan<T> a, MatrixSpan<T> b, Parallelism parallelism, double minFlopsPerThread = Gemm.MinFlopsPerThread)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.IsEmpty)
            return;
        bool transpose = opA == MatrixOp.Transpose;
        // The triangle that op(A) has: Aᵀ of an upper triangle is lower, and so on.
        bool effectiveLower = (part == TriangularPart.Lower) != transpose;
        bool unit = diagonal == Diagonal.Unit;
        bool left = side == Side.Left;
        int order = a.Rows, independent = left ? b.Columns : b.Rows;
        int threads = parallelism.ThreadsFor((double)order * order * independent, minFlopsPerThread);
        int parts = Math.Min(threads, independent / SliceGranule);
        if (parts > 1 && order > RecursionThreshold)
        {
            RunSliced(left, effectiveLower, transpose, unit, a, b, parts);
            return;
        }
        if (left)
            LeftRecursive(effectiveLower, transpose, unit, a, b, parallelism);
        else
            RightRecursive(effectiveLower, transpose, unit, a, b, parallelism);
    }

    /// <summary>Right-hand sides (columns of B for the left side, rows for the right side) per unit of the split over
    /// threads: a multiple of every substitution strip (four vectors of up to 16 elements). The GEMM sums do not depend
    /// on where a slice starts (only on the depth), so neither does any bit of the result.</summary>
    private const int SliceGranule = 64;

    /// <summary>
    /// The threaded solve: the independent right-hand sides are cut into <paramref name="parts"/> contiguous slices of
    /// whole <see cref="SliceGranule"/> units, and each slice is solved sequentially by one thread, leaves included.
    /// A right-hand side is the same sequence of operations whichever slice it lies in (the GEMM sums depend only on
    /// the depth), so the result is bitwise the same for every thread count.
    /// </summary>
    private static unsafe void RunSliced<T>(bool left, bool effectiveLower, bool transpose, bool unit,
        ReadOnlyMatrixSpan<T> a, MatrixSpan<T> b, int parts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a.Span, pb = b.Span)
        {
            var work = new SlicedSolve<T>
            {
                A = (nint)pa, ALength = a.Span.Length, Order = a.Rows, AStride = a.RowStride,
                B = (nint)pb, BLength = b.Span.Length, BRows = b.Rows, BColumns = b.Columns, BStride = b.RowStride,
                Left = left, EffectiveLower = effectiveLower, Transpose = transpose, Unit = unit, Parts = parts,
            };
            ParallelJob<SlicedSolve<T>>.Run(work, parts, parts);
        }
    }

    private unsafe struct SlicedSolve<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint A, B;
        public int ALength, Order, AStride, BLength, BRows, BColumns, BStride, Parts;
        public bool Left, EffectiveLower, Transpose, Unit;

        public readonly void Run(int part)
        {
            var a = ReadOnlyMatrixSpan<T>.CreateTrusted(new ReadOnlySpan<T>((void*)A, ALength), Order, Order, AStride);
            var b = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)B, BLength), BRows, BColumns, BStride);
            int total = Left ? BColumns : BRows, units = (total + SliceGranule - 1) / SliceGranule;
            int s0 = Math.Min(total, units * part / Parts * SliceGranule);
            int s1 = part == Parts - 1 ? total : Math.Min(total, units * (part + 1) / Parts * SliceGranule);
            if (s1 <= s0)
                return;
            if (Left)
                LeftRecursive(EffectiveLower, Transpose, Unit, a, b.Slice(0, s0, BRows, s1 - s0), Parallelism.Sequential);
            else
                RightRecursive(EffectiveLower, Transpose, Unit, a, b.SliceRows(s0, s1 - s0), Parallelism.Sequential);
        }
    }

    /// <summary>TRSV without validation.</summary>
    internal static void SolveVectorCore<T>(TriangularPart part, MatrixOp opA, Diagonal diagonal, ReadOnlyMatrixSpan<T> a, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length;
        bool unit = diagonal == Diagonal.Unit;
        bool transpose = opA == MatrixOp.Transpose;
        if (part == TriangularPart.Lower && !transpose)
        {
            // Forward substitution, one dot product of row prefixes per element.
            for (int i = 0; i < n; i++)
            {
                T value = x[i] - SpanMath.Dot<T>(a.Row(i)[..i], x[..i]);
                x[i] = unit ? value : value / a[i, i];
            }
        }
        else if (part == TriangularPart.Upper && !transpose)
        {
            // Back substitution, one dot product of row suffixes per element.
            for (int i = n - 1; i >= 0; i--)
            {
                T value = x[i] - SpanMath.Dot<T>(a.Row(i)[(i + 1)..], x[(i + 1)..]);
                x[i] = unit ? value : value / a[i, i];
            }
        }
        else if (part == TriangularPart.Upper)
        {
            // Uᵀ·x = b is forward substitution by columns of Uᵀ, i.e. rows of U: once x[j] is known, subtract x[j]·U[j, j+1..].
            for (int j = 0; j < n; j++)
            {
                if (!unit)
                    x[j] /= a[j, j];
                SpanMath.Axpy(-x[j], a.Row(j)[(j + 1)..], x[(j + 1)..]);
            }
        }
        else
        {
            // Lᵀ·x = b is back substitution by rows of L: once x[j] is known, subtract x[j]·L[j, 0..j).
            for (int j = n - 1; j >= 0; j--)
            {
                if (!unit)
                    x[j] /= a[j, j];
                SpanMath.Axpy(-x[j], a.Row(j)[..j], x[..j]);
            }
        }
    }

    private static int Split(int n) => n >= 2 * RecursionThreshold ? (n / 2 + 15) / 16 * 16 : n / 2;

    /// <summary>op(A)·X = B, recursive on the rows of B.</summary>
    private static void LeftRecursive<T>(bool effectiveLower, bool transpose, bool unit,
        ReadOnlyMatrixSpan<T> a, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = b.Rows;
        if (m <= RecursionThreshold)
        {
            LeftSubstitution(effectiveLower, transpose, unit, a, b, transposedB: false);
            return;
        }
        int m1 = Split(m), m2 = m - m1;
        ReadOnlyMatrixSpan<T> a11 = a.Slice(0, 0, m1, m1), a22 = a.Slice(m1, m1, m2, m2);
        MatrixSpan<T> b1 = b.SliceRows(0, m1), b2 = b.SliceRows(m1, m2);
        MatrixOp op = transpose ? MatrixOp.Transpose : MatrixOp.None;
        if (effectiveLower)
        {
            // [E11 0; E21 E22]·[X1; X2] = [B1; B2]: X1 first, then B2 -= E21·X1.
            ReadOnlyMatrixSpan<T> e21 = transpose ? a.Slice(0, m1, m1, m2) : a.Slice(m1, 0, m2, m1);
            LeftRecursive(effectiveLower, transpose, unit, a11, b1, parallelism);
            Gemm.Multiply(-T.One, e21, op, b1, MatrixOp.None, T.One, b2, parallelism);
            LeftRecursive(effectiveLower, transpose, unit, a22, b2, parallelism);
        }
        else
        {
            // [E11 E12; 0 E22]·[X1; X2] = [B1; B2]: X2 first, then B1 -= E12·X2.
            ReadOnlyMatrixSpan<T> e12 = transpose ? a.Slice(m1, 0, m2, m1) : a.Slice(0, m1, m1, m2);
            LeftRecursive(effectiveLower, transpose, unit, a22, b2, parallelism);
            Gemm.Multiply(-T.One, e12, op, b2, MatrixOp.None, T.One, b1, parallelism);
            LeftRecursive(effectiveLower, transpose, unit, a11, b1, parallelism);
        }
    }

    /// <summary>X·op(A) = B, recursive on the columns of B.</summary>
    private static void RightRecursive<T>(bool effectiveLower, bool transpose, bool unit,
        ReadOnlyMatrixSpan<T> a, MatrixSpan<T> b, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = b.Columns;
        if (n <= RecursionThreshold)
        {
            // Transposed, X·op(A) = B is op(A)ᵀ·Xᵀ = Bᵀ: a left-side substitution on the columns of B, which the
            // kernel gathers into contiguous strips (the long dimension, m, is the vectorized one).
            LeftSubstitution(!effectiveLower, !transpose, unit, a, b, transposedB: true);
            return;
        }
        int n1 = Split(n), n2 = n - n1;
        ReadOnlyMatrixSpan<T> a11 = a.Slice(0, 0, n1, n1), a22 = a.Slice(n1, n1, n2, n2);
        MatrixSpan<T> b1 = b.Slice(0, 0, b.Rows, n1), b2 = b.Slice(0, n1, b.Rows, n2);
        MatrixOp op = transpose ? MatrixOp.Transpose : MatrixOp.None;
        if (effectiveLower)
        {
            // [X1 X2]·[E11 0; E21 E22] = [B1 B2]: X2 first, then B1 -= X2·E21.
            ReadOnlyMatrixSpan<T> e21 = transpose ? a.Slice(0, n1, n1, n2) : a.Slice(n1, 0, n2, n1);
            RightRecursive(effectiveLower, transpose, unit, a22, b2, parallelism);
            Gemm.Multiply(-T.One, b2, MatrixOp.None, e21, op, T.One, b1, parallelism);
            RightRecursive(effectiveLower, transpose, unit, a11, b1, parallelism);
        }
        else
        {
            // [X1 X2]·[E11 E12; 0 E22] = [B1 B2]: X1 first, then B2 -= X1·E12.
            ReadOnlyMatrixSpan<T> e12 = transpose ? a.Slice(n1, 0, n2, n1) : a.Slice(0, n1, n1, n2);
            RightRecursive(effectiveLower, transpose, unit, a11, b1, parallelism);
            Gemm.Multiply(-T.One, b1, MatrixOp.None, e12, op, T.One, b2, parallelism);
            RightRecursive(effectiveLower, transpose, unit, a22, b2, parallelism);
        }
    }

    /// <summary>Row-oriented substitution for op(A)·X = B with few rows (at most <see cref="RecursionThreshold"/>):
    /// each row of X is its row of B minus multiples of the rows already solved, then divided by the diagonal.</summary>
    /// <remarks>
    /// Register-blocked: B is swept in strips of four vectors of columns; for each row i the strip of row i is held in
    /// four accumulators while the strips of the solved rows (in L1) are multiplied in, so each broadcast coefficient
    /// feeds four FMAs and row i is stored once. Every element is the same chain of fused multiply-adds in the order
    /// j = 0, 1, … (or m−1, m−2, … for an upper triangle) whatever strip or tail it falls in, so the result of a column
    /// does not depend on its position. Sequential: callers split the right-hand sides over threads.
    /// With <c>transposedB</c> the problem is solved for Bᵀ in place of B (the right-side base case): its m rows are
    /// then the columns of B, gathered into the strips and scattered back.
    /// </remarks>
    private static void LeftSubstitution<T>(bool effectiveLower, bool transpose, bool unit,
        ReadOnlyMatrixSpan<T> a, MatrixSpan<T> b, bool transposedB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int start = 0;
        if (Vector512Ops<T>.IsAccelerated)
            start = SubstitutionStrips<T, Vector512<T>, Vector512Ops<T>>(effectiveLower, transpose, unit, a, b, transposedB);
        else if (Vector256Ops<T>.IsAccelerated)
            start = SubstitutionStrips<T, Vector256<T>, Vector256Ops<T>>(effectiveLower, transpose, unit, a, b, transposedB);
        else if (Vector128Ops<T>.IsAccelerated)
            start = SubstitutionStrips<T, Vector128<T>, Vector128Ops<T>>(effectiveLower, transpose, unit, a, b, transposedB);
        int m = transposedB ? b.Columns : b.Rows, n = transposedB ? b.Rows : b.Columns;
        for (int c = start; c < n; c++)
        {
            for (int s = 0; s < m; s++)
            {
                int i = effectiveLower ? s : m - 1 - s;
                ref T target = ref transposedB ? ref b[c, i] : ref b[i, c];
                T x = target;
                if (effectiveLower)
                    for (int j = 0; j < i; j++)
                        x = T.MultiplyAddEstimate(-Element(a, transpose, i, j), transposedB ? b[c, j] : b[j, c], x);
                else
                    for (int j = m - 1; j > i; j--)
                        x = T.MultiplyAddEstimate(-Element(a, transpose, i, j), transposedB ? b[c, j] : b[j, c], x);
                if (!unit)
                {
                    T d = a[i, i];
                    x = T.Abs(d) >= SafeMinimum<T>() ? x * (T.One / d) : x / d;
                }
                target = x;
            }
        }
    }

    /// <summary>The vector part of <see cref="LeftSubstitution{T}"/>: strips of four vectors, then of one; returns the
    /// first column left for the scalar tail.</summary>
    /// <remarks>Each strip is copied into a contiguous scratch block first: rows of B a power-of-two stride apart
    /// would all fall into the same L1 sets. The negated coefficients are gathered once into a dense table in the
    /// order they are used.</remarks>
    [SkipLocalsInit]
    private static int SubstitutionStrips<T, TVec, TOps>(bool effectiveLower, bool transpose, bool unit,
        ReadOnlyMatrixSpan<T> a, MatrixSpan<T> b, bool transposedB)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int m = transposedB ? b.Columns : b.Rows, n = transposedB ? b.Rows : b.Columns, w = TOps.Count, sw = 4 * w;
        if (n < w || m > RecursionThreshold)
            return 0;
        // coefficients[s·m + t]: for the s-th row solved, the t-th row it depends on (in solving order); diagonal
        // factors after them: reciprocal[s] (or the divisor when the reciprocal would overflow).
        Span<T> coefficients = stackalloc T[m * m];
        Span<T> diagonal = stackalloc T[m];
        Span<bool> divide = stackalloc bool[m];
        T safeMinimum = SafeMinimum<T>();
        for (int s = 0; s < m; s++)
        {
            int i = effectiveLower ? s : m - 1 - s;
            for (int t = 0; t < s; t++)
            {
                int j = effectiveLower ? t : m - 1 - t;
                coefficients[s * m + t] = -Element(a, transpose, i, j);
            }
            T d = unit ? T.One : a[i, i];
            divide[s] = !(T.Abs(d) >= safeMinimum);
            diagonal[s] = divide[s] ? d : T.One / d;
        }
        Span<T> strip = stackalloc T[RecursionThreshold * 4 * Vector512<byte>.Count / 4];
        nint stride = b.RowStride;
        ref T b0 = ref b.GetReference();
        ref T p0 = ref MemoryMarshal.GetReference(strip);
        ref T c0 = ref MemoryMarshal.GetReference(coefficients);
        int c = 0;
        for (; c + w <= n; c += sw)
        {
            int width = c + sw <= n ? sw : w;
            // Pack the strip in solving order: packed row s is row i(s) of B (column i(s) of B when transposed).
            if (transposedB)
                MoveTransposed(ref Unsafe.Add(ref b0, c * stride), stride, width, m, !effectiveLower, ref p0, sw, scatter: false);
            else
                for (int s = 0; s < m; s++)
                {
                    int i = effectiveLower ? s : m - 1 - s;
                    ref T src = ref Unsafe.Add(ref b0, i * stride + c);
                    for (int v = 0; v < width; v += w)
                        TOps.Store(TOps.Load(ref src, (nuint)v), ref p0, (nuint)(s * sw + v));
                }
            if (width == sw)
            {
                for (int s = 0; s < m; s++)
                {
                    ref T ps = ref Unsafe.Add(ref p0, s * sw);
                    TVec x0 = TOps.Load(ref ps, 0), x1 = TOps.Load(ref ps, (nuint)w);
                    TVec x2 = TOps.Load(ref ps, (nuint)(2 * w)), x3 = TOps.Load(ref ps, (nuint)(3 * w));
                    ref T cs = ref Unsafe.Add(ref c0, s * m);
                    for (int t = 0; t < s; t++)
                    {
                        TVec coefficient = TOps.Broadcast(Unsafe.Add(ref cs, t));
                        ref T pt = ref Unsafe.Add(ref p0, t * sw);
                        x0 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pt, 0), x0);
                        x1 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pt, (nuint)w), x1);
                        x2 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pt, (nuint)(2 * w)), x2);
                        x3 = TOps.MultiplyAdd(coefficient, TOps.Load(ref pt, (nuint)(3 * w)), x3);
                    }
                    if (!unit)
                    {
                        TVec dv = TOps.Broadcast(diagonal[s]);
                        if (divide[s])
                        {
                            x0 = TOps.Divide(x0, dv);
                            x1 = TOps.Divide(x1, dv);
                            x2 = TOps.Divide(x2, dv);
                            x3 = TOps.Divide(x3, dv);
                        }
                        else
                        {
                            x0 = TOps.Multiply(x0, dv);
                            x1 = TOps.Multiply(x1, dv);
                            x2 = TOps.Multiply(x2, dv);
                            x3 = TOps.Multiply(x3, dv);
                        }
                    }
                    TOps.Store(x0, ref ps, 0);
                    TOps.Store(x1, ref ps, (nuint)w);
                    TOps.Store(x2, ref ps, (nuint)(2 * w));
                    TOps.Store(x3, ref ps, (nuint)(3 * w));
                }
            }
            else
            {
                for (int s = 0; s < m; s++)
                {
                    ref T ps = ref Unsafe.Add(ref p0, s * sw);
                    TVec x0 = TOps.Load(ref ps, 0);
                    ref T cs = ref Unsafe.Add(ref c0, s * m);
                    for (int t = 0; t < s; t++)
                        x0 = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref cs, t)), TOps.Load(ref p0, (nuint)(t * sw)), x0);
                    if (!unit)
                        x0 = divide[s] ? TOps.Divide(x0, TOps.Broadcast(diagonal[s])) : TOps.Multiply(x0, TOps.Broadcast(diagonal[s]));
                    TOps.Store(x0, ref ps, 0);
                }
            }
            if (transposedB)
                MoveTransposed(ref Unsafe.Add(ref b0, c * stride), stride, width, m, !effectiveLower, ref p0, sw, scatter: true);
            else
                for (int s = 0; s < m; s++)
                {
                    int i = effectiveLower ? s : m - 1 - s;
                    ref T dst = ref Unsafe.Add(ref b0, i * stride + c);
                    for (int v = 0; v < width; v += w)
                        TOps.Store(TOps.Load(ref p0, (nuint)(s * sw + v)), ref dst, (nuint)v);
                }
            c += width - sw; // a one-vector strip advances by w
        }
        return c;
    }

    /// <summary>The right-side leaf's strip moves: element i of row v of the <paramref name="width"/> rows at
    /// <paramref name="rows"/> is strip element (s, v), s = i (m − 1 − i when <paramref name="reversed"/>); gathered
    /// into the strip, or scattered back from it. 4×4 (double) or 8×8 (float) blocks go through register transposes:
    /// moved one element at a time, the gather and scatter took as long as the solve and made the right-side leaf
    /// 2.5× slower than the left-side one.</summary>
    private static void MoveTransposed<T>(ref T rows, nint stride, int width, int m, bool reversed, ref T strip, int sw, bool scatter)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int block = RegisterTranspose.BlockSize<T>();
        int vBlocked = block == 0 ? 0 : width - width % block, mBlocked = block == 0 ? 0 : m - m % block;
        for (int v0 = 0; v0 < vBlocked; v0 += block)
            for (int i0 = 0; i0 < mBlocked; i0 += block)
            {
                ref T source = ref Unsafe.Add(ref rows, v0 * stride + i0);
                // The strip row of column i0 + q is `packed + q·step`: rows step by ±sw.
                ref T packed = ref Unsafe.Add(ref strip, (reversed ? m - 1 - i0 : i0) * sw + v0);
                nint step = reversed ? -sw : sw;
                if (scatter)
                    RegisterTranspose.TransposeBlock(ref packed, step, ref source, stride, T.One);
                else
                    RegisterTranspose.TransposeBlock(ref source, stride, ref packed, step, T.One);
            }
        for (int v = 0; v < width; v++)
        {
            ref T row = ref Unsafe.Add(ref rows, v * stride);
            for (int i = v < vBlocked ? mBlocked : 0; i < m; i++)
            {
                ref T packed = ref Unsafe.Add(ref strip, (reversed ? m - 1 - i : i) * sw + v);
                if (scatter)
                    Unsafe.Add(ref row, i) = packed;
                else
                    packed = Unsafe.Add(ref row, i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Element<T>(ReadOnlyMatrixSpan<T> a, bool transpose, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T> => transpose ? a[j, i] : a[i, j];

    /// <summary><c>row ← row / d</c>: one reciprocal and a vectorized scale when 1/d is finite (LAPACK's sfmin test),
    /// element-wise division otherwise.</summary>
    internal static void Divide<T>(Span<T> row, T d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.Abs(d) >= SafeMinimum<T>())
            SpanMath.Scale(T.One / d, row);
        else
            for (int k = 0; k < row.Length; k++)
                row[k] /= d;
    }

    /// <summary>The smallest positive value whose reciprocal does not overflow (LAPACK's xLAMCH('S')).</summary>
    internal static T SafeMinimum<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The smallest normal number; it exceeds 1/MaxValue for both float and double, so its reciprocal is finite.
        T tiny = T.CreateTruncating(typeof(T) == typeof(float) ? 1.17549435e-38 : 2.2250738585072014e-308);
        return tiny * (T.One + (T.BitIncrement(T.One) - T.One));
    }
}
