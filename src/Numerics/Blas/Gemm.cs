using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using Simd.Numerics.Blas.MicroKernels;

namespace Simd.Numerics.Blas;

/// <summary>General matrix multiply <c>C = α·op(A)·op(B) + β·C</c> (BLAS xGEMM).</summary>
public static class Gemm
{
    /// <summary><c>C = α·op(A)·op(B) + β·C</c>, where op(X) is X or Xᵀ.</summary>
    /// <param name="alpha">The scale α of the product.</param>
    /// <param name="a">The matrix A; op(A) is m×k.</param>
    /// <param name="opA">Whether to use A or Aᵀ.</param>
    /// <param name="b">The matrix B; op(B) is k×n.</param>
    /// <param name="opB">Whether to use B or Bᵀ.</param>
    /// <param name="beta">The scale β of the previous C.</param>
    /// <param name="c">On entry, the m×n matrix C (not read when β = 0); on exit, the result. Must not share an element with A or B; disjoint blocks of one matrix (A₂₁, A₁₂ and A₂₂ of a trailing update) are fine.</param>
    /// <param name="parallelism">How many threads the product may use.</param>
    /// <exception cref="ArgumentException">The shapes of op(A), op(B) and C do not agree, or C shares an element with an input.</exception>
    /// <remarks>
    /// BLAS semantics: when β = 0, C is never read, so NaN or garbage there cannot leak; when α = 0 or k = 0,
    /// only β·C is computed (A and B are not read). NaN and ∞ in A or B propagate as IEEE arithmetic dictates.
    /// <para>Algorithm (Goto &amp; van de Geijn 2008; BLIS, Van Zee &amp; van de Geijn 2015): a product with one row or
    /// column of C goes to <see cref="Gemv"/>; otherwise op(A) is packed (with α) into Mr-row micro-panels and op(B)
    /// into Nr-column micro-panels, cache-blocked by Kc/Mc/Nc, and a register-tiled micro-kernel (8×3 vectors on
    /// AVX-512, 6×2 vectors on AVX2 and 128-bit, 4×4 scalar) computes each tile; a small or narrow row-major op(B)
    /// is read in place instead of packed. Large products split C into disjoint row blocks over worker threads (ParallelJob),
    /// the threads packing each op(B) slab once, together, and sharing it (or into column ranges for a wide C). No allocation per call in steady state (per-thread pooled packing buffers).</para>
    /// Each element is a sum over k whose order depends only on the shape and the vector width, never on
    /// <paramref name="parallelism"/>: results are bitwise identical for every thread count.
    /// 2·m·n·k flops. Equivalent to BLAS xGEMM (row-major).
    /// </remarks>
    public static void Multiply<T>(T alpha, ReadOnlyMatrixSpan<T> a, MatrixOp opA, ReadOnlyMatrixSpan<T> b, MatrixOp opB,
        T beta, MatrixSpan<T> c, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool ta = opA == MatrixOp.Transpose, tb = opB == MatrixOp.Transpose;
        int m = ta ? a.Columns : a.Rows, k = ta ? a.Rows : a.Columns;
        int kb = tb ? b.Columns : b.Rows, n = tb ? b.Rows : b.Columns;
        if (kb != k)
            throw new ArgumentException(
                $"op(A) is {m}×{k} but op(B) is {kb}×{n}: the inner dimensions differ.", nameof(b));
        if (c.Rows != m || c.Columns != n)
            ThrowHelper.ThrowShapeMismatch(nameof(c), $"a {m}×{n} matrix (op(A) is {m}×{k}, op(B) is {k}×{n})", c.Rows, c.Columns);
        if (ViewOverlap.SharesElements(c, a) || ViewOverlap.SharesElements(c, b))
            ThrowHelper.ThrowSharesElements(nameof(c));
        if (m == 0 || n == 0)
            return;
        if (alpha == T.Zero || k == 0)
        {
            for (int i = 0; i < m; i++)
                Gemv.ScaleOrClear(beta, c.Row(i));
            return;
        }

        // Shape routing (faer's matmul dispatcher). A product with one row or one column of C is a GEMV: memory-bound,
        // nothing to reuse, so packing could only cost. Taken when the vectors it needs are contiguous.
        if (n == 1 && (m == 1 || c.RowStride == 1) && (tb || k == 1 || b.RowStride == 1))
        {
            Gemv.Multiply(alpha, a, opA, b.Span, beta, c.Span);
            return;
        }
        if (m == 1 && (!ta || k == 1 || a.RowStride == 1))
        {
            Gemv.Multiply(alpha, b, tb ? MatrixOp.None : MatrixOp.Transpose, a.Span, beta, c.Span);
            return;
        }

        GemmProblem<T> problem = default;
        problem.M = m;
        problem.N = n;
        problem.K = k;
        problem.Alpha = alpha;
        problem.Beta = beta;
        problem.RowStrideA = ta ? 1 : a.RowStride;
        problem.ColumnStrideA = ta ? a.RowStride : 1;
        problem.RowStrideB = tb ? 1 : b.RowStride;
        problem.ColumnStrideB = tb ? b.RowStride : 1;
        problem.RowStrideC = c.RowStride;
        // The unpacked path: a row-major op(B) that is small or narrow is read in place by the kernel (its rows are
        // the kernel's B vectors), saving the pass over B that packing costs; only its ragged last panel is packed.
        problem.BInPlace = !tb && ((long)n * k * Unsafe.SizeOf<T>() <= InPlaceBBytes || n <= InPlaceBColumns);
        Run(ref problem, a.Span, b.Span, c.Span, parallelism.ThreadsFor(2.0 * m * n * k, MinFlopsPerThread));
    }

    /// <summary>Largest op(B), in bytes, read in place instead of packed: it stays in L2 across all of C's rows.</summary>
    private const int InPlaceBBytes = 128 * 1024;

    /// <summary>Narrow op(B) (few micro-panels, e.g. k×64 for <c>64×k·k×64</c>) is read in place whatever its depth.</summary>
    private const int InPlaceBColumns = 96;

    /// <summary>Below this many flops per thread, waking another thread costs more than it saves (≈ 20 µs of work;
    /// n = 128 is the smallest square product that is split). Shape-only, so it cannot change any bits.</summary>
    internal const double MinFlopsPerThread = 2e6;

    /// <summary>Runs a validated product on the selected kernel, with A, B and C pinned for the worker threads.</summary>
    internal static unsafe void Run<T>(ref GemmProblem<T> problem, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a, pb = b, pc = c)
        {
            problem.A = (nint)pa;
            problem.B = (nint)pb;
            problem.C = (nint)pc;
            var action = new DriverAction<T> { Problem = problem, Threads = threads };
            KernelSelection.Dispatch<T, DriverAction<T>>(ref action);
        }
    }

    private struct DriverAction<T> : KernelSelection.IKernelAction<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public GemmProblem<T> Problem;
        public int Threads;

        public readonly void Invoke<TKernel>(GemmBlocking blocking)
            where TKernel : struct, IGemmMicroKernel<T> =>
            GemmDriver<T, TKernel>.Run(Problem, blocking, Threads);
    }

    /// <summary><c>C = A·B</c>.</summary>
    /// <param name="a">The m×k matrix A.</param>
    /// <param name="b">The k×n matrix B.</param>
    /// <param name="c">Receives the m×n product; not read. Must not share an element with A or B.</param>
    /// <param name="parallelism">How many threads the product may use.</param>
    /// <exception cref="ArgumentException">The shapes do not agree, or C shares an element with an input.</exception>
    /// <remarks>Shorthand for <see cref="Multiply{T}(T, ReadOnlyMatrixSpan{T}, MatrixOp, ReadOnlyMatrixSpan{T}, MatrixOp, T, MatrixSpan{T}, Parallelism)"/>
    /// with α = 1, β = 0 and no transposes.</remarks>
    public static void Multiply<T>(ReadOnlyMatrixSpan<T> a, ReadOnlyMatrixSpan<T> b, MatrixSpan<T> c, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Multiply(T.One, a, MatrixOp.None, b, MatrixOp.None, T.Zero, c, parallelism);

    /// <summary>Returns the new matrix <c>A·B</c>.</summary>
    /// <param name="a">The m×k matrix A.</param>
    /// <param name="b">The k×n matrix B.</param>
    /// <param name="parallelism">How many threads the product may use.</param>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public static Matrix<T> Multiply<T>(Matrix<T> a, Matrix<T> b, Parallelism parallelism = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = new Matrix<T>(a.Rows, b.Columns);
        Multiply(a.AsReadOnlySpan(), b.AsReadOnlySpan(), c.AsSpan(), parallelism);
        return c;
    }
}
