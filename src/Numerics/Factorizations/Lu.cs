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
/// Low-level LU factorization with partial pivoting, <c>P·A = L·U</c>, on caller-owned storage, and what it is
/// used for: solves with A or Aᵀ, the inverse, the determinant and a condition estimate.
/// </summary>
/// <remarks>
/// <para>Storage is LAPACK's: after factoring, the strict lower triangle holds L (whose unit diagonal is not stored)
/// and the upper triangle holds U. <c>pivots[i] = p</c> means that row i was interchanged with row p ≥ i at step i;
/// applying the interchanges i = 0, 1, …, n−1 in order to A gives P·A.</para>
/// <para>NaN and ∞ policy: they propagate. A NaN or ∞ in A runs through the factorization (which always finishes:
/// there is no iteration) into the factors, the solutions, the determinant and the condition estimate; only an
/// exactly zero pivot is reported as singular.</para>
/// <para>Every routine splits its work so that results are bitwise identical for every <see cref="Parallelism"/>.</para>
/// </remarks>
public static class Lu
{
    /// <summary>Columns factored by the unblocked panel kernel at the bottom of the recursion.</summary>
    internal const int PanelWidth = 64;

    /// <summary>Rows of the inverse computed per GEMM in <see cref="InvertInPlace{T}(MatrixSpan{T}, ReadOnlySpan{int}, Span{T}, Parallelism)"/>.</summary>
    internal const int InverseBlock = 192;

    /// <summary>Order below which the factorization and the inverse run on one thread whatever the parallelism: their
    /// parallel steps are then so short (a few 128³ GEMMs between sequential panels) that a second thread measured no
    /// faster for the factorization and 25–80 % slower for the inverse at n = 256 (the thread hand-offs, and likely
    /// the data one core writes and the other then reads, cost more than the halved flops).</summary>
    internal const int MinThreadedOrder = 384;

    /// <summary>Factors <c>P·A = L·U</c> in place; completes even when A is singular.</summary>
    /// <param name="a">On entry, the n×n matrix A. On exit, L below the diagonal (unit diagonal not stored) and U on and above it.</param>
    /// <param name="pivots">Receives the n row interchanges: row i was swapped with row <c>pivots[i]</c> ≥ i.</param>
    /// <param name="zeroPivot">The index of the first exactly zero diagonal element of U, or −1 (LAPACK's INFO − 1).</param>
    /// <param name="parallelism">How many threads the factorization may use.</param>
    /// <returns><see langword="true"/> when U has no zero on its diagonal (A is nonsingular in the arithmetic used).</returns>
    /// <exception cref="ArgumentException">A is not square, or <paramref name="pivots"/> does not have n elements.</exception>
    /// <remarks>
    /// Recursive on columns (Gustavson/Toledo, as LAPACK xGETRF2 but with a blocked leaf): the left half is factored,
    /// its interchanges and L₁₁⁻¹ are applied to the right half (<see cref="TriangularSolve"/>), the trailing block is
    /// updated with one <see cref="Gemm"/> call <c>A₂₂ −= A₂₁·A₁₂</c>, and the right half is factored the same way.
    /// The GEMM operands are as large as possible (half the matrix at the top level), so almost all of the ⅔n³ flops
    /// run in GEMM; the leaves are panels of up to 64 columns factored in a transposed scratch copy, left-looking by
    /// blocks of 8 columns, where the pivot search, the scaling and the updates are contiguous vector loops (the
    /// 16-column leaves with their k = 16 and 32 GEMMs measured as fast at n = 1024–2048 and a few percent slower at 512).
    /// A zero pivot is recorded and skipped (no division), exactly as LAPACK does. Scratch memory comes from
    /// <see cref="ArrayPool{T}.Shared"/>. Below n = 384 it runs on one thread. Same contract as LAPACK xGETRF (row-major).
    /// </remarks>
    public static bool TryFactorInPlace<T>(MatrixSpan<T> a, Span<int> pivots, out int zeroPivot, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Rows != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        if (pivots.Length != a.Rows)
            throw new ArgumentException($"A is {a.Rows}×{a.Columns}, so pivots needs {a.Rows} elements but has {pivots.Length}.", nameof(pivots));

        int n = a.Rows;
        zeroPivot = -1;
        if (n == 0)
            return true;
        if (n < MinThreadedOrder)
            parallelism = Parallelism.Sequential;
        T[] panel = ArrayPool<T>.Shared.Rent(PanelWidth * PanelStride(n));
        try
        {
            FactorRecursive(a, pivots, 0, ref zeroPivot, panel, parallelism);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(panel);
        }
        return zeroPivot < 0;
    }

    /// <summary>Like <see cref="TryFactorInPlace{T}"/>, but throws when a pivot is zero (after completing the factorization).</summary>
    /// <param name="a">On entry, the n×n matrix A. On exit, L and U as in <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="pivots">Receives the n row interchanges.</param>
    /// <param name="parallelism">How many threads the factorization may use.</param>
    /// <exception cref="ArgumentException">A is not square, or <paramref name="pivots"/> does not have n elements.</exception>
    /// <exception cref="SingularMatrixException">U has an exactly zero diagonal element; the factors are still complete.</exception>
    public static void FactorInPlace<T>(MatrixSpan<T> a, Span<int> pivots, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!TryFactorInPlace(a, pivots, out int zeroPivot, parallelism))
            throw new SingularMatrixException(zeroPivot);
    }

    /// <summary>Solves <c>op(A)·X = B</c> in place from the factors of A.</summary>
    /// <param name="lu">The factors from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="pivots">The interchanges from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="b">On entry, the n×k right-hand sides B; on exit, the solution X. Must not share elements with <paramref name="lu"/>.</param>
    /// <param name="opA"><see cref="MatrixOp.None"/> to solve A·X = B, <see cref="MatrixOp.Transpose"/> to solve Aᵀ·X = B.</param>
    /// <param name="parallelism">How many threads the solve may use.</param>
    /// <exception cref="ArgumentException">The shapes do not agree, a pivot is out of range, or B shares elements with the factors.</exception>
    /// <exception cref="SingularMatrixException">U has an exactly zero diagonal element.</exception>
    /// <remarks>Interchanges, then two triangular solves (<see cref="TriangularSolve"/>, GEMM-rich): 2n²k flops.
    /// Same contract as LAPACK xGETRS.</remarks>
    public static void SolveInPlace<T>(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots, MatrixSpan<T> b,
        MatrixOp opA = MatrixOp.None, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateFactors(lu, pivots);
        if (b.Rows != lu.Rows)
            throw new ArgumentException($"A is {lu.Rows}×{lu.Columns} but B is {b.Rows}×{b.Columns}: B needs {lu.Rows} rows.", nameof(b));
        if (ViewOverlap.SharesElements(lu, b))
            throw new ArgumentException("B shares elements with the factors.", nameof(b));
        ThrowIfSingular(lu);
        if (opA == MatrixOp.None)
        {
            ApplyInterchanges(b, pivots, forward: true);
            TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.Unit, lu, b, parallelism);
            TriangularSolve.SolveCore(Side.Left, TriangularPart.Upper, MatrixOp.None, Diagonal.NonUnit, lu, b, parallelism);
        }
        else
        {
            // Aᵀ = Uᵀ·Lᵀ·P, so Aᵀ·X = B is Uᵀ·Y = B, Lᵀ·Z = Y, X = Pᵀ·Z.
            TriangularSolve.SolveCore(Side.Left, TriangularPart.Upper, MatrixOp.Transpose, Diagonal.NonUnit, lu, b, parallelism);
            TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.Transpose, Diagonal.Unit, lu, b, parallelism);
            ApplyInterchanges(b, pivots, forward: false);
        }
    }

    /// <summary>Solves <c>op(A)·x = b</c> in place from the factors of A.</summary>
    /// <param name="lu">The factors from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="pivots">The interchanges from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="b">On entry, the right-hand side b (n elements); on exit, the solution x.</param>
    /// <param name="opA"><see cref="MatrixOp.None"/> to solve A·x = b, <see cref="MatrixOp.Transpose"/> to solve Aᵀ·x = b.</param>
    /// <exception cref="ArgumentException">The lengths do not agree, a pivot is out of range, or b overlaps the factors.</exception>
    /// <exception cref="SingularMatrixException">U has an exactly zero diagonal element.</exception>
    /// <remarks>Two triangular solves by rows (<see cref="TriangularSolve"/>): 2n² flops. Same contract as LAPACK xGETRS with one column.</remarks>
    public static void SolveInPlace<T>(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots, Span<T> b, MatrixOp opA = MatrixOp.None)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateFactors(lu, pivots);
        if (b.Length != lu.Rows)
            throw new ArgumentException($"A is {lu.Rows}×{lu.Columns}, so b needs {lu.Rows} elements but has {b.Length}.", nameof(b));
        if (b.Overlaps(lu.Span))
            ThrowHelper.ThrowPartialOverlap(nameof(b));
        ThrowIfSingular(lu);
        SolveVectorCore(lu, pivots, b, opA);
    }

    /// <summary>Elements of the workspace that <see cref="InvertInPlace{T}(MatrixSpan{T}, ReadOnlySpan{int}, Span{T}, Parallelism)"/> needs for order n.</summary>
    /// <param name="n">The order of A.</param>
    public static int GetInverseWorkspaceLength(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Math.Min(n, InverseBlock) * n;
    }

    /// <summary>Overwrites the factors of A with A⁻¹.</summary>
    /// <param name="lu">On entry, the factors from <see cref="TryFactorInPlace{T}"/>; on exit, A⁻¹.</param>
    /// <param name="pivots">The interchanges from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="workspace">Scratch of at least <see cref="GetInverseWorkspaceLength"/> elements.</param>
    /// <param name="parallelism">How many threads the inversion may use.</param>
    /// <exception cref="ArgumentException">The shapes do not agree, a pivot is out of range, or the workspace is too short.</exception>
    /// <exception cref="SingularMatrixException">U has an exactly zero diagonal element (<paramref name="lu"/> is then unchanged).</exception>
    /// <remarks>
    /// A⁻¹ = U⁻¹·L⁻¹·P. L is inverted in place (recursive, GEMM-rich); then U·X = L⁻¹ is solved for X by blocks
    /// of 192 rows from the bottom (tall enough that repacking the finished rows for each GEMM stays cheap), each one GEMM with the rows already finished and one triangular solve; finally the
    /// columns are interchanged in reverse order. This is LAPACK xGETRI's algorithm mirrored for row-major storage
    /// (it inverts L where xGETRI inverts U), 4n³/3 flops.
    /// </remarks>
    public static void InvertInPlace<T>(MatrixSpan<T> lu, ReadOnlySpan<int> pivots, Span<T> workspace, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateFactors<T>(lu, pivots);
        int n = lu.Rows;
        if (workspace.Length < GetInverseWorkspaceLength(n))
            ThrowHelper.ThrowDestinationTooShort(nameof(workspace), GetInverseWorkspaceLength(n), workspace.Length);
        ThrowIfSingular<T>(lu);
        if (n == 0)
            return;

        if (n < MinThreadedOrder)
            parallelism = Parallelism.Sequential;
        TriangularInverse.InvertLower(lu, unit: true, parallelism);

        for (int i0 = (n - 1) / InverseBlock * InverseBlock; i0 >= 0; i0 -= InverseBlock)
        {
            int ib = Math.Min(InverseBlock, n - i0), width = n - i0;
            // W = the rows i0..i0+ib of U (from column i0 on); the same places of lu then get the unit diagonal and
            // zeros of L⁻¹, so the row block holds L⁻¹ exactly.
            var w = MatrixSpan<T>.CreateTrusted(workspace[..(ib * width)], ib, width, width);
            for (int r = 0; r < ib; r++)
            {
                Span<T> row = lu.Row(i0 + r)[i0..];
                Span<T> wr = w.Row(r);
                wr[..r].Clear();
                row[r..].CopyTo(wr[r..]);
                row[r] = T.One;
                row[(r + 1)..].Clear();
            }
            MatrixSpan<T> block = lu.SliceRows(i0, ib);
            if (i0 + ib < n)
                Gemm.Multiply(-T.One, w.Slice(0, ib, ib, width - ib), MatrixOp.None, lu.SliceRows(i0 + ib, n - i0 - ib),
                    MatrixOp.None, T.One, block, parallelism);
            TriangularSolve.SolveCore(Side.Left, TriangularPart.Upper, MatrixOp.None, Diagonal.NonUnit, w.Slice(0, 0, ib, ib), block, parallelism);
        }

        // A⁻¹ = X·P: undo the interchanges on the columns, last one first; a row at a time, so that all the swaps of a
        // row happen while it is in L1 (column by column, every swap would touch all n rows).
        int threads = parallelism.ThreadsFor((double)n * n, MinSwapElementsPerThread);
        if (threads > 1)
            UndoColumnInterchangesParallel(lu, pivots, threads);
        else
            UndoColumnInterchanges(lu, pivots);
    }

    /// <summary>Elements per thread before interchanges run on several threads (the inverse's column interchanges, the factorization's row interchanges).</summary>
    private const double MinSwapElementsPerThread = 1 << 16;

    private static void UndoColumnInterchanges<T>(MatrixSpan<T> x, ReadOnlySpan<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Columns;
        for (int i = 0; i < x.Rows; i++)
        {
            Span<T> row = x.Row(i);
            for (int j = n - 1; j >= 0; j--)
            {
                int p = pivots[j];
                if (p != j)
                    (row[j], row[p]) = (row[p], row[j]);
            }
        }
    }

    /// <summary>The rows are independent: contiguous bands of rows, one per thread (pure moves, so bitwise the same).</summary>
    private static unsafe void UndoColumnInterchangesParallel<T>(MatrixSpan<T> x, ReadOnlySpan<int> pivots, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* p = x.Span)
        fixed (int* pp = pivots)
        {
            var work = new SwapWork<T>
            {
                X = (nint)p, Length = x.Span.Length, Rows = x.Rows, Columns = x.Columns, Stride = x.RowStride,
                Pivots = (nint)pp, Parts = threads,
            };
            ParallelJob<SwapWork<T>>.Run(work, threads, threads);
        }
    }

    private unsafe struct SwapWork<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint X, Pivots;
        public int Length, Rows, Columns, Stride, Parts;

        public readonly void Run(int part)
        {
            var x = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)X, Length), Rows, Columns, Stride);
            int r0 = (int)((long)Rows * part / Parts), r1 = (int)((long)Rows * (part + 1) / Parts);
            if (r1 > r0)
                UndoColumnInterchanges(x.SliceRows(r0, r1 - r0), new ReadOnlySpan<int>((void*)Pivots, Columns));
        }
    }

    /// <summary>Overwrites the factors of A with A⁻¹, renting the workspace from <see cref="ArrayPool{T}.Shared"/>.</summary>
    /// <param name="lu">On entry, the factors from <see cref="TryFactorInPlace{T}"/>; on exit, A⁻¹.</param>
    /// <param name="pivots">The interchanges from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="parallelism">How many threads the inversion may use.</param>
    /// <exception cref="ArgumentException">The shapes do not agree, or a pivot is out of range.</exception>
    /// <exception cref="SingularMatrixException">U has an exactly zero diagonal element (<paramref name="lu"/> is then unchanged).</exception>
    public static void InvertInPlace<T>(MatrixSpan<T> lu, ReadOnlySpan<int> pivots, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] workspace = ArrayPool<T>.Shared.Rent(Math.Max(1, GetInverseWorkspaceLength(lu.Rows)));
        try
        {
            InvertInPlace(lu, pivots, workspace, parallelism);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(workspace);
        }
    }

    /// <summary>Returns det A = ±∏ U[i, i] from the factors of A.</summary>
    /// <param name="lu">The factors from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="pivots">The interchanges from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <exception cref="ArgumentException">The shapes do not agree, or a pivot is out of range.</exception>
    /// <remarks>The product overflows to ±∞ or underflows to 0 for large n; use <see cref="LogDeterminant{T}"/> then.
    /// Exactly 0 for a singular factorization. NaN propagates.</remarks>
    public static T Determinant<T>(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateFactors(lu, pivots);
        T det = T.One;
        for (int i = 0; i < lu.Rows; i++)
        {
            det *= lu[i, i];
            if (pivots[i] != i)
                det = -det;
        }
        return det;
    }

    /// <summary>Returns ln |det A| and the sign of det A from the factors of A, without overflow.</summary>
    /// <param name="lu">The factors from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="pivots">The interchanges from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="sign">+1 or −1, the sign of det A; 0 when A is singular (the result is then −∞).</param>
    /// <returns>Σ ln |U[i, i]|: finite for any nonsingular A that is representable (n = 1000 and beyond).</returns>
    /// <exception cref="ArgumentException">The shapes do not agree, or a pivot is out of range.</exception>
    /// <remarks>NaN in the factors gives NaN and a sign of +1 or −1 that is meaningless.</remarks>
    public static T LogDeterminant<T>(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots, out int sign)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateFactors(lu, pivots);
        T sum = T.Zero;
        sign = 1;
        for (int i = 0; i < lu.Rows; i++)
        {
            T u = lu[i, i];
            if (u == T.Zero)
            {
                sign = 0;
                return T.NegativeInfinity;
            }
            if (T.IsNegative(u))
                sign = -sign;
            if (pivots[i] != i)
                sign = -sign;
            sum += T.Log(T.Abs(u));
        }
        return sum;
    }

    /// <summary>Elements of the workspace that the condition estimate needs for order n.</summary>
    /// <param name="n">The order of A.</param>
    public static int GetConditionWorkspaceLength(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return 3 * n;
    }

    /// <summary>Estimates the reciprocal condition number 1/(‖A‖₁·‖A⁻¹‖₁) from the factors of A in O(n²).</summary>
    /// <param name="lu">The factors from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="pivots">The interchanges from <see cref="TryFactorInPlace{T}"/>.</param>
    /// <param name="normOfA">‖A‖₁ = maxⱼ Σᵢ |A[i, j]| of the original matrix (compute it before factoring).</param>
    /// <param name="workspace">Scratch of at least <see cref="GetConditionWorkspaceLength"/> elements.</param>
    /// <returns>An estimate of 1/κ₁(A) in [0, 1]: 0 for a singular factorization or ‖A‖₁ = 0; NaN if the factors hold NaN.</returns>
    /// <exception cref="ArgumentException">The shapes do not agree, a pivot is out of range, or the workspace is too short.</exception>
    /// <remarks>‖A⁻¹‖₁ comes from Hager's method with Higham's refinements (LAPACK xLACN2): at most five pairs of
    /// solves with A and Aᵀ plus one extra solve, so about 10n² flops and never a loop that can hang. The estimate
    /// is a lower bound of ‖A⁻¹‖₁ that is almost always within a factor of 3. Same contract as LAPACK xGECON with
    /// NORM = '1'.</remarks>
    public static T EstimateReciprocalCondition<T>(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots, T normOfA, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateFactors(lu, pivots);
        int n = lu.Rows;
        if (workspace.Length < GetConditionWorkspaceLength(n))
            ThrowHelper.ThrowDestinationTooShort(nameof(workspace), GetConditionWorkspaceLength(n), workspace.Length);
        if (T.IsNaN(normOfA))
            return T.NaN;
        if (n == 0)
            return T.One;
        if (normOfA == T.Zero || FirstZeroPivot(lu) >= 0)
            return T.Zero;
        T inverseNorm = ConditionEstimator.EstimateInverseOneNorm(n, workspace, new LuInverse<T>(lu, pivots));
        if (T.IsNaN(inverseNorm))
            return T.NaN;
        return inverseNorm == T.Zero ? T.Zero : T.One / inverseNorm / normOfA;
    }

    /// <summary>The 1-norm maxⱼ Σᵢ |A[i, j]|, the <c>normOfA</c> argument of the condition estimate.</summary>
    /// <param name="a">Any matrix.</param>
    /// <returns>The largest absolute column sum; NaN if A holds NaN.</returns>
    public static T OneNorm<T>(ReadOnlyMatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T> => MatrixNorms.OneNorm(a);

    internal static void SolveVectorCore<T>(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots, Span<T> b, MatrixOp opA)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = b.Length;
        if (opA == MatrixOp.None)
        {
            for (int i = 0; i < n; i++)
                if (pivots[i] != i)
                    (b[i], b[pivots[i]]) = (b[pivots[i]], b[i]);
            TriangularSolve.SolveVectorCore(TriangularPart.Lower, MatrixOp.None, Diagonal.Unit, lu, b);
            TriangularSolve.SolveVectorCore(TriangularPart.Upper, MatrixOp.None, Diagonal.NonUnit, lu, b);
        }
        else
        {
            TriangularSolve.SolveVectorCore(TriangularPart.Upper, MatrixOp.Transpose, Diagonal.NonUnit, lu, b);
            TriangularSolve.SolveVectorCore(TriangularPart.Lower, MatrixOp.Transpose, Diagonal.Unit, lu, b);
            for (int i = n - 1; i >= 0; i--)
                if (pivots[i] != i)
                    (b[i], b[pivots[i]]) = (b[pivots[i]], b[i]);
        }
    }

    /// <summary>Index of the first exactly zero diagonal element of U, or −1.</summary>
    internal static int FirstZeroPivot<T>(ReadOnlyMatrixSpan<T> lu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < lu.Rows; i++)
            if (lu[i, i] == T.Zero)
                return i;
        return -1;
    }

    private static void ThrowIfSingular<T>(ReadOnlyMatrixSpan<T> lu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int zero = FirstZeroPivot(lu);
        if (zero >= 0)
            throw new SingularMatrixException(zero);
    }

    private static void ValidateFactors<T>(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (lu.Rows != lu.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(lu), "a square matrix", lu.Rows, lu.Columns);
        if (pivots.Length != lu.Rows)
            throw new ArgumentException($"The factors are {lu.Rows}×{lu.Columns}, so pivots needs {lu.Rows} elements but has {pivots.Length}.", nameof(pivots));
        for (int i = 0; i < pivots.Length; i++)
            if (pivots[i] < i || pivots[i] >= pivots.Length)
                throw new ArgumentException($"pivots[{i}] = {pivots[i]} is outside [{i}, {pivots.Length}): not an interchange from a factorization.", nameof(pivots));
    }

    /// <summary>Row interchanges i ↔ pivots[i], for i ascending (P·B) or descending (Pᵀ·B).</summary>
    internal static void ApplyInterchanges<T>(MatrixSpan<T> b, ReadOnlySpan<int> pivots, bool forward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = pivots.Length;
        for (int k = 0; k < n; k++)
        {
            int i = forward ? k : n - 1 - k, p = pivots[i];
            if (p != i)
                SwapRows(b, i, p);
        }
    }

    /// <summary>The forward interchanges on <paramref name="b"/>, by column ranges on several threads when there is
    /// enough to move. They are memory-bound and serial otherwise: at n = 2048 on two threads they took 6.0 ms of the
    /// factorization's 88, 4.8 ms split (medians, one process alternating the two). Pure moves, so the bits do not
    /// depend on the split.</summary>
    private static unsafe void ApplyInterchanges<T>(MatrixSpan<T> b, ReadOnlySpan<int> pivots, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int threads = parallelism.ThreadsFor((double)pivots.Length * b.Columns, MinSwapElementsPerThread);
        if (threads <= 1 || b.Columns < 2 * SwapColumnAlignment)
        {
            ApplyInterchanges(b, pivots, forward: true);
            return;
        }
        fixed (T* pb = b.Span)
        fixed (int* pp = pivots)
        {
            var work = new InterchangeWork<T>
            {
                B = (nint)pb, Length = b.Span.Length, Rows = b.Rows, Columns = b.Columns, Stride = b.RowStride,
                Pivots = (nint)pp, Count = pivots.Length, Parts = threads,
            };
            ParallelJob<InterchangeWork<T>>.Run(work, threads, threads);
        }
    }

    /// <summary>Column ranges of the threaded interchanges start on multiples of this many elements (a cache line of
    /// doubles), so that no line is written by two threads.</summary>
    private const int SwapColumnAlignment = 8;

    private unsafe struct InterchangeWork<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint B, Pivots;
        public int Length, Rows, Columns, Stride, Count, Parts;

        public readonly void Run(int part)
        {
            var b = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)B, Length), Rows, Columns, Stride);
            int c0 = Boundary(part), c1 = Boundary(part + 1);
            if (c1 > c0)
                ApplyInterchanges(b.Slice(0, c0, Rows, c1 - c0), new ReadOnlySpan<int>((void*)Pivots, Count), forward: true);
        }

        private readonly int Boundary(int part) =>
            part == Parts ? Columns : (int)((long)Columns * part / Parts) / SwapColumnAlignment * SwapColumnAlignment;
    }

    private static void SwapRows<T>(MatrixSpan<T> b, int i, int p)
        where T : unmanaged, IFloatingPointIeee754<T> => Swap(b.Row(i), b.Row(p));

    /// <summary>Exchanges the contents of two disjoint spans of equal length, a vector at a time.</summary>
    internal static void Swap<T>(Span<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length)
            ThrowHelper.ThrowLengthMismatch(nameof(y), x.Length, y.Length);
        int i = 0;
        if (Vector512Ops<T>.IsAccelerated)
            i = SwapCore<T, Vector512<T>, Vector512Ops<T>>(x, y);
        else if (Vector256Ops<T>.IsAccelerated)
            i = SwapCore<T, Vector256<T>, Vector256Ops<T>>(x, y);
        else if (Vector128Ops<T>.IsAccelerated)
            i = SwapCore<T, Vector128<T>, Vector128Ops<T>>(x, y);
        for (; i < x.Length; i++)
            (x[i], y[i]) = (y[i], x[i]);
    }

    private static int SwapCore<T, TVec, TOps>(Span<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T yRef = ref MemoryMarshal.GetReference(y);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            TVec a = TOps.Load(ref xRef, i), b = TOps.Load(ref yRef, i);
            TOps.Store(b, ref xRef, i);
            TOps.Store(a, ref yRef, i);
        }
        return (int)i;
    }

    /// <summary>Factors the m×n (m ≥ n) block <paramref name="a"/>; pivots are relative to its first row.</summary>
    private static void FactorRecursive<T>(MatrixSpan<T> a, Span<int> pivots, int offset, ref int zeroPivot, T[] panel, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Columns;
        if (n <= PanelWidth)
        {
            FactorPanel(a, pivots, offset, ref zeroPivot, panel);
            return;
        }
        // Split on a multiple of the panel width, so the leaves are full panels.
        int n1 = (n / 2 + PanelWidth - 1) / PanelWidth * PanelWidth, n2 = n - n1;
        MatrixSpan<T> left = a.Slice(0, 0, m, n1), right = a.Slice(0, n1, m, n2);

        FactorRecursive(left, pivots[..n1], offset, ref zeroPivot, panel, parallelism);
        ApplyInterchanges(right, pivots[..n1], parallelism);
        MatrixSpan<T> a12 = right.SliceRows(0, n1);
        TriangularSolve.SolveCore(Side.Left, TriangularPart.Lower, MatrixOp.None, Diagonal.Unit, left.SliceRows(0, n1), a12, parallelism);
        MatrixSpan<T> a22 = right.SliceRows(n1, m - n1);
        Gemm.Multiply(-T.One, left.SliceRows(n1, m - n1), MatrixOp.None, a12, MatrixOp.None, T.One, a22, parallelism);

        Span<int> pivots2 = pivots[n1..];
        FactorRecursive(a22, pivots2, offset + n1, ref zeroPivot, panel, parallelism);
        ApplyInterchanges(left.SliceRows(n1, m - n1), pivots2, parallelism);
        for (int i = 0; i < pivots2.Length; i++)
            pivots2[i] += n1;
    }

    /// <summary>
    /// Partial-pivoting LU of an m×n panel with n ≤ <see cref="PanelWidth"/>, in a transposed scratch copy where each
    /// column of the panel is a contiguous row, so that the pivot search, the scaling of the multipliers and the
    /// updates are vector loops over m. Left-looking by blocks of <see cref="PanelBlock"/> columns: a block first
    /// receives the updates of all the columns before it (a triangular solve for its rows above the block, then one
    /// register-blocked pass over the rows below that multiplies in every previous column: <see cref="UpdateBlock{T}"/>),
    /// then its columns are factored one by one (LAPACK xGETF2) with rank-1 updates inside the block. Each element's
    /// updates are one chain of multiply-adds in column order whatever block or tail it falls in, and the panel is
    /// factored on one thread, so the result does not depend on the thread count.
    /// </summary>
    private static void FactorPanel<T>(MatrixSpan<T> a, Span<int> pivots, int offset, ref int zeroPivot, T[] scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Columns;
        int ld = PanelStride(m);
        var columns = MatrixSpan<T>.CreateTrusted(scratch.AsSpan(0, n * ld), n, m, ld);
        PackColumns(a, columns);
        for (int j0 = 0; j0 < n; j0 += PanelBlock)
        {
            int j1 = Math.Min(n, j0 + PanelBlock);
            if (j0 > 0)
                UpdateBlock(columns, j0, j1);
            for (int j = j0; j < j1; j++)
            {
                Span<T> column = columns.Row(j);
                int p = j + IndexOfMaxMagnitude<T>(column[j..]);
                pivots[j] = p;
                T pivot = column[p];
                if (pivot != T.Zero)
                {
                    if (p != j)
                        for (int c = j0; c < j1; c++)
                        {
                            Span<T> col = columns.Row(c);
                            (col[j], col[p]) = (col[p], col[j]);
                        }
                    TriangularSolve.Divide(column[(j + 1)..], pivot);
                }
                else if (zeroPivot < 0)
                {
                    zeroPivot = offset + j;
                }
                ReadOnlySpan<T> multipliers = column[(j + 1)..];
                for (int c = j + 1; c < j1; c++)
                {
                    Span<T> col = columns.Row(c);
                    SpanMath.Axpy(-col[j], multipliers, col[(j + 1)..]);
                }
            }
            // The block's interchanges on the other columns, one column at a time (a swap of elements j, p ≥ j0 commutes
            // with everything the block did, which never reads the other columns at those rows).
            for (int c = 0; c < n; c++)
            {
                if (c == j0)
                    c = j1;
                if (c >= n)
                    break;
                Span<T> col = columns.Row(c);
                for (int j = j0; j < j1; j++)
                {
                    int p = pivots[j];
                    if (p != j)
                        (col[j], col[p]) = (col[p], col[j]);
                }
            }
        }
        UnpackColumns(columns, a);
    }

    /// <summary>Columns per block of the left-looking panel factorization: one accumulator per column of the block.</summary>
    private const int PanelBlock = 8;

    /// <summary>
    /// Applies the factored columns 0..j0 to the columns j0..j1 of a transposed panel (row c of
    /// <paramref name="columns"/> is column c): every element x[i] of a target column becomes
    /// <c>x[i] − Σ_{c&lt;min(i, j0)} x[c]·L[i, c]</c>, one chain of multiply-adds in column order. The rows above the
    /// block (the U part, i &lt; j0, a forward substitution) go first, eight rows at a time as eight independent
    /// scalar chains; then the rows below, through the vector kernel and a scalar tail.
    /// </summary>
    [SkipLocalsInit]
    private static void UpdateBlock<T>(MatrixSpan<T> columns, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = columns.Columns;
        nint ld = columns.RowStride;
        ref T s = ref columns.GetReference();
        for (int t = j0; t < j1; t++)
        {
            ref T x = ref Unsafe.Add(ref s, t * ld);
            for (int r0 = 0; r0 < j0; r0 += PanelBlock)              // j0 is a multiple of PanelBlock
            {
                T x0 = Unsafe.Add(ref x, r0), x1 = Unsafe.Add(ref x, r0 + 1), x2 = Unsafe.Add(ref x, r0 + 2), x3 = Unsafe.Add(ref x, r0 + 3);
                T x4 = Unsafe.Add(ref x, r0 + 4), x5 = Unsafe.Add(ref x, r0 + 5), x6 = Unsafe.Add(ref x, r0 + 6), x7 = Unsafe.Add(ref x, r0 + 7);
                for (int c = 0; c < r0; c++)
                {
                    T u = -Unsafe.Add(ref x, c);
                    ref T l = ref Unsafe.Add(ref s, c * ld + r0);
                    x0 = T.MultiplyAddEstimate(u, l, x0);
                    x1 = T.MultiplyAddEstimate(u, Unsafe.Add(ref l, 1), x1);
                    x2 = T.MultiplyAddEstimate(u, Unsafe.Add(ref l, 2), x2);
                    x3 = T.MultiplyAddEstimate(u, Unsafe.Add(ref l, 3), x3);
                    x4 = T.MultiplyAddEstimate(u, Unsafe.Add(ref l, 4), x4);
                    x5 = T.MultiplyAddEstimate(u, Unsafe.Add(ref l, 5), x5);
                    x6 = T.MultiplyAddEstimate(u, Unsafe.Add(ref l, 6), x6);
                    x7 = T.MultiplyAddEstimate(u, Unsafe.Add(ref l, 7), x7);
                }
                Unsafe.Add(ref x, r0) = x0; Unsafe.Add(ref x, r0 + 1) = x1; Unsafe.Add(ref x, r0 + 2) = x2; Unsafe.Add(ref x, r0 + 3) = x3;
                Unsafe.Add(ref x, r0 + 4) = x4; Unsafe.Add(ref x, r0 + 5) = x5; Unsafe.Add(ref x, r0 + 6) = x6; Unsafe.Add(ref x, r0 + 7) = x7;
                // The triangle inside the eight rows, continuing each chain in column order.
                for (int k = 1; k < PanelBlock; k++)
                {
                    T v = Unsafe.Add(ref x, r0 + k);
                    for (int c = r0; c < r0 + k; c++)
                        v = T.MultiplyAddEstimate(-Unsafe.Add(ref x, c), Unsafe.Add(ref s, c * ld + r0 + k), v);
                    Unsafe.Add(ref x, r0 + k) = v;
                }
            }
        }
        // The negated multipliers −x[c] of every target, PanelBlock per column c, in the order the kernel reads them.
        Span<T> coefficients = stackalloc T[PanelWidth * PanelBlock];
        for (int t = j0; t < j1; t++)
            for (int c = 0; c < j0; c++)
                coefficients[c * PanelBlock + t - j0] = -Unsafe.Add(ref s, t * ld + c);
        ref T u0 = ref MemoryMarshal.GetReference(coefficients);
        int i = j0;
        if (Vector512Ops<T>.IsAccelerated)
            i = UpdateBlockRows<T, Vector512<T>, Vector512Ops<T>>(ref s, ld, ref u0, j0, j1, i, m);
        else if (Vector256Ops<T>.IsAccelerated)
            i = UpdateBlockRows<T, Vector256<T>, Vector256Ops<T>>(ref s, ld, ref u0, j0, j1, i, m);
        else if (Vector128Ops<T>.IsAccelerated)
            i = UpdateBlockRows<T, Vector128<T>, Vector128Ops<T>>(ref s, ld, ref u0, j0, j1, i, m);
        for (int t = j0; t < j1; t++)
        {
            ref T x = ref Unsafe.Add(ref s, t * ld);
            for (int r = i; r < m; r++)
            {
                T v = Unsafe.Add(ref x, r);
                for (int c = 0; c < j0; c++)
                    v = T.MultiplyAddEstimate(Unsafe.Add(ref u0, c * PanelBlock + t - j0), Unsafe.Add(ref s, c * ld + r), v);
                Unsafe.Add(ref x, r) = v;
            }
        }
    }

    /// <summary>The vector part of <see cref="UpdateBlock{T}"/> below the block: two vectors of rows at a time, eight
    /// target columns in sixteen accumulators (each source load feeds eight multiply-adds), then one target at a
    /// time for a narrower block, then single vectors; returns the first row left for the scalar tail.</summary>
    private static int UpdateBlockRows<T, TVec, TOps>(ref T s, nint ld, ref T u, int j0, int j1, int i, int m)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        int w = TOps.Count;
        if (j1 - j0 == PanelBlock)
        {
            ref T t0 = ref Unsafe.Add(ref s, j0 * ld), t1 = ref Unsafe.Add(ref t0, ld), t2 = ref Unsafe.Add(ref t1, ld), t3 = ref Unsafe.Add(ref t2, ld);
            ref T t4 = ref Unsafe.Add(ref t3, ld), t5 = ref Unsafe.Add(ref t4, ld), t6 = ref Unsafe.Add(ref t5, ld), t7 = ref Unsafe.Add(ref t6, ld);
            for (; i + 2 * w <= m; i += 2 * w)
            {
                nuint o = (nuint)i, o1 = o + (nuint)w;
                TVec a0 = TOps.Load(ref t0, o), b0 = TOps.Load(ref t0, o1), a1 = TOps.Load(ref t1, o), b1 = TOps.Load(ref t1, o1);
                TVec a2 = TOps.Load(ref t2, o), b2 = TOps.Load(ref t2, o1), a3 = TOps.Load(ref t3, o), b3 = TOps.Load(ref t3, o1);
                TVec a4 = TOps.Load(ref t4, o), b4 = TOps.Load(ref t4, o1), a5 = TOps.Load(ref t5, o), b5 = TOps.Load(ref t5, o1);
                TVec a6 = TOps.Load(ref t6, o), b6 = TOps.Load(ref t6, o1), a7 = TOps.Load(ref t7, o), b7 = TOps.Load(ref t7, o1);
                ref T source = ref Unsafe.Add(ref s, o);
                ref T uc = ref u;
                for (int c = 0; c < j0; c++)
                {
                    TVec x = TOps.Load(ref source, 0), y = TOps.Load(ref source, (nuint)w);
                    TVec v = TOps.Broadcast(uc);
                    a0 = TOps.MultiplyAdd(v, x, a0); b0 = TOps.MultiplyAdd(v, y, b0);
                    v = TOps.Broadcast(Unsafe.Add(ref uc, 1));
                    a1 = TOps.MultiplyAdd(v, x, a1); b1 = TOps.MultiplyAdd(v, y, b1);
                    v = TOps.Broadcast(Unsafe.Add(ref uc, 2));
                    a2 = TOps.MultiplyAdd(v, x, a2); b2 = TOps.MultiplyAdd(v, y, b2);
                    v = TOps.Broadcast(Unsafe.Add(ref uc, 3));
                    a3 = TOps.MultiplyAdd(v, x, a3); b3 = TOps.MultiplyAdd(v, y, b3);
                    v = TOps.Broadcast(Unsafe.Add(ref uc, 4));
                    a4 = TOps.MultiplyAdd(v, x, a4); b4 = TOps.MultiplyAdd(v, y, b4);
                    v = TOps.Broadcast(Unsafe.Add(ref uc, 5));
                    a5 = TOps.MultiplyAdd(v, x, a5); b5 = TOps.MultiplyAdd(v, y, b5);
                    v = TOps.Broadcast(Unsafe.Add(ref uc, 6));
                    a6 = TOps.MultiplyAdd(v, x, a6); b6 = TOps.MultiplyAdd(v, y, b6);
                    v = TOps.Broadcast(Unsafe.Add(ref uc, 7));
                    a7 = TOps.MultiplyAdd(v, x, a7); b7 = TOps.MultiplyAdd(v, y, b7);
                    source = ref Unsafe.Add(ref source, ld);
                    uc = ref Unsafe.Add(ref uc, PanelBlock);
                }
                TOps.Store(a0, ref t0, o); TOps.Store(b0, ref t0, o1); TOps.Store(a1, ref t1, o); TOps.Store(b1, ref t1, o1);
                TOps.Store(a2, ref t2, o); TOps.Store(b2, ref t2, o1); TOps.Store(a3, ref t3, o); TOps.Store(b3, ref t3, o1);
                TOps.Store(a4, ref t4, o); TOps.Store(b4, ref t4, o1); TOps.Store(a5, ref t5, o); TOps.Store(b5, ref t5, o1);
                TOps.Store(a6, ref t6, o); TOps.Store(b6, ref t6, o1); TOps.Store(a7, ref t7, o); TOps.Store(b7, ref t7, o1);
            }
        }
        int start = i;
        for (int t = j0; t < j1; t++)
        {
            ref T target = ref Unsafe.Add(ref s, t * ld);
            for (i = start; i + w <= m; i += w)
            {
                TVec a = TOps.Load(ref target, (nuint)i);
                for (int c = 0; c < j0; c++)
                    a = TOps.MultiplyAdd(TOps.Broadcast(Unsafe.Add(ref u, c * PanelBlock + t - j0)), TOps.Load(ref s, (nuint)(c * ld + i)), a);
                TOps.Store(a, ref target, (nuint)i);
            }
        }
        return i;
    }

    /// <summary>The row stride of the transposed panel scratch for m rows: whole cache lines plus one, so that the
    /// panel's columns (its rows) fall into different L1 sets even when m is a power of two.</summary>
    internal static int PanelStride(int m) => (m + 7) / 8 * 8 + 8;

    /// <summary><c>columns = aᵀ</c> for a panel of at most <see cref="PanelWidth"/> columns.</summary>
    private static void PackColumns<T>(MatrixSpan<T> a, MatrixSpan<T> columns)
        where T : unmanaged, IFloatingPointIeee754<T> => SpanMath.TransposeCore<T>(a, columns);

    /// <summary><c>a = columnsᵀ</c>, the inverse of <see cref="PackColumns{T}"/>.</summary>
    private static void UnpackColumns<T>(MatrixSpan<T> columns, MatrixSpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T> => SpanMath.TransposeCore<T>(columns, a);

    /// <summary>Index of the first element of largest magnitude (BLAS IxAMAX); NaN is never chosen over a number,
    /// as in the reference BLAS, so 0 is returned for an all-NaN column (or one that starts with NaN).</summary>
    /// <remarks>Two vector passes: the largest magnitude (NaN never selected), then the first element equal to it.
    /// The same index as the scalar loop <c>if (|x[i]| &gt; max) { max = |x[i]|; best = i; }</c> in every case.</remarks>
    internal static int IndexOfMaxMagnitude<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length <= 1 || T.IsNaN(x[0]))
            return 0;
        if (Vector512Ops<T>.IsAccelerated && x.Length >= 2 * Vector512<T>.Count)
            return IndexOfMaxMagnitude<T, Vector512<T>, Vector512Ops<T>>(x);
        if (Vector256Ops<T>.IsAccelerated && x.Length >= 2 * Vector256<T>.Count)
            return IndexOfMaxMagnitude<T, Vector256<T>, Vector256Ops<T>>(x);
        if (Vector128Ops<T>.IsAccelerated && x.Length >= 2 * Vector128<T>.Count)
            return IndexOfMaxMagnitude<T, Vector128<T>, Vector128Ops<T>>(x);
        int best = 0;
        T max = T.Abs(x[0]);
        for (int i = 1; i < x.Length; i++)
        {
            T v = T.Abs(x[i]);
            if (v > max)
            {
                max = v;
                best = i;
            }
        }
        return best;
    }

    /// <summary>The vector form of <see cref="IndexOfMaxMagnitude{T}(ReadOnlySpan{T})"/>, for x[0] not NaN and at least
    /// two vectors of elements.</summary>
    private static int IndexOfMaxMagnitude<T, TVec, TOps>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        ref T x0 = ref MemoryMarshal.GetReference(x);
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i;
        // Pass 1: lane-wise maxima; "greater than" is false for NaN, so NaN never enters (the lanes start from |x[0]|).
        TVec m0 = TOps.Broadcast(T.Abs(x[0])), m1 = m0;
        for (i = 0; i + 2 * w <= n; i += 2 * w)
        {
            TVec v0 = TOps.Abs(TOps.Load(ref x0, i)), v1 = TOps.Abs(TOps.Load(ref x0, i + w));
            m0 = TOps.ConditionalSelect(TOps.GreaterThan(v0, m0), v0, m0);
            m1 = TOps.ConditionalSelect(TOps.GreaterThan(v1, m1), v1, m1);
        }
        if (i + w <= n)
        {
            TVec v0 = TOps.Abs(TOps.Load(ref x0, i));
            m0 = TOps.ConditionalSelect(TOps.GreaterThan(v0, m0), v0, m0);
            i += w;
        }
        m0 = TOps.ConditionalSelect(TOps.GreaterThan(m1, m0), m1, m0);
        T max = TOps.MaxAcross(m0);
        for (; i < n; i++)
        {
            T v = T.Abs(Unsafe.Add(ref x0, i));
            if (v > max)
                max = v;
        }
        // Pass 2: the first element equal to the maximum. A vector with no lane "less than max" holds it (or a NaN,
        // which the scalar check passes over).
        TVec limit = TOps.Broadcast(max);
        for (i = 0; i + w <= n; i += w)
            if (!TOps.LessThanAll(TOps.Abs(TOps.Load(ref x0, i)), limit))
                for (nuint k = i; k < i + w; k++)
                    if (T.Abs(Unsafe.Add(ref x0, k)) == max)
                        return (int)k;
        for (; i < n; i++)
            if (T.Abs(Unsafe.Add(ref x0, i)) == max)
                return (int)i;
        return 0;
    }

    /// <summary>Applies A⁻¹ and A⁻ᵀ through the factors, for the condition estimator.</summary>
    private readonly ref struct LuInverse<T> : IInverseOperator<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly ReadOnlyMatrixSpan<T> _lu;
        private readonly ReadOnlySpan<int> _pivots;

        public LuInverse(ReadOnlyMatrixSpan<T> lu, ReadOnlySpan<int> pivots)
        {
            _lu = lu;
            _pivots = pivots;
        }

        public void Apply(Span<T> x) => SolveVectorCore(_lu, _pivots, x, MatrixOp.None);

        public void ApplyTransposed(Span<T> x) => SolveVectorCore(_lu, _pivots, x, MatrixOp.Transpose);
    }
}
