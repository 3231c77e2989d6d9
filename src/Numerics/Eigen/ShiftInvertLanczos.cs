using System;
using System.Buffers;
using System.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Factorizations;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Eigen;

/// <summary>
/// A few extreme eigenpairs of a large symmetric matrix by shift-and-invert block Lanczos: with a shift σ just beyond
/// the end of the spectrum, <c>B = σI − A</c> (or <c>A − σI</c> for the smallest) is positive definite, its Cholesky
/// factor applies <c>B⁻¹</c>, and the wanted eigenvalues λ become the largest eigenvalues <c>1/(σ − λ)</c> of
/// <c>B⁻¹</c>, far apart from the rest, so a Krylov basis of a few hundred vectors captures them to working accuracy.
/// </summary>
/// <remarks>
/// <para>Why: the tridiagonal path streams the whole trailing triangle from memory once per column (at n = 2048 about
/// 17 GB, 350–650 ms on one core here), while the Cholesky factorization is level 3 (⅓n³ flops at GEMM speed) and each
/// Lanczos block costs two triangular solves. On the quick report's matrix (uniform random entries: a semicircle
/// spectrum whose top gaps are about n^(−2/3) of its width, the hard case for Krylov methods) the top 10 converge in
/// about 17 blocks of 16 vectors whatever n; at n = 4096 that is 1.7–1.9 s on one thread against 3.6–3.7 s. The same
/// block Lanczos on A itself, without the inversion, had not converged after 1024 vectors at n = 2048.</para>
/// <para>Accuracy: the solves' rounding is amplified by κ(B), so B⁻¹'s own Ritz pairs are not returned. The pairs are
/// extracted with A (Rayleigh–Ritz of A on the span of B⁻¹'s leading Ritz vectors, then if need be on the whole basis)
/// and each is verified: the Rayleigh quotient of a unit vector whose explicit residual satisfies
/// ‖Az − λz‖₂ ≤ 8·√n·ε·‖A‖₁, which keeps LAPACK's ratio ‖AZ − ZΛ‖₁/(n‖A‖₁ε) below 8 (its test threshold is 60). The
/// vectors are orthonormal to working accuracy, being Ritz vectors of an orthonormal basis. When B⁻¹ has converged but
/// A's residuals have not (wanted eigenvalues far from a close shift), it starts again with the shift farther out.</para>
/// <para>Giving up: when the shift cannot be placed, the basis reaches its cap, the restarts are spent, or ‖A‖ lies
/// outside [2⁻¹⁰⁰, 2¹⁰⁰], <see cref="TryCompute{T}"/> returns false and the caller takes the tridiagonal path. Like
/// every Krylov method it assumes the random start block is not orthogonal to a wanted eigenvector; with a block at
/// least eight wider than the count that has probability zero in exact arithmetic.</para>
/// <para>Every step is a GEMM, a triangular solve, a QR or a small dense eigensolve, each bitwise independent of the
/// thread count, and the start block comes from a fixed seed, so results do not depend on the parallelism.</para>
/// </remarks>
internal static class ShiftInvertLanczos
{
    /// <summary>Order from which selected eigenpairs try this method before the tridiagonal path.</summary>
    /// <remarks>Measured for the top 10 (medians of in-process alternations, Lanczos against the tridiagonal path; uniform
    /// random entries unless said): n = 1024 on one thread 135–141 against 52–54 ms (100/(1 + i) and uniform random
    /// spectra; 33–58 against 52–54 for 0.9ⁱ, 2⁻ⁱ and repeated ones): the reduction's triangle still fits in L3.
    /// n = 1536: 236–251 against 161–174 ms. n = 2048: one thread 360–383 against 632–653 ms, two threads 266–282
    /// against 255–322 (level: its 16-row solves gain little from a second thread; cutting them into two 8-row halves
    /// made one thread 44 % slower and two only 5 % faster). n = 2560: 547–685 against 944–1000 ms on one thread,
    /// 505–530 against 694–730 on two; n = 3072: 0.86–0.96 against 1.64–1.71 s and 0.72–0.91 against 1.12–1.16 s;
    /// n = 4096: 1.72–1.86 against 3.58–3.74 s and 1.52 against 2.22–2.31 s (the larger orders before the estimate's
    /// products were split over threads and the Ritz check thinned, which took 2048 from 400–432 to 360–383 ms on one
    /// thread and from 288–299 to 266–282 on two).</remarks>
    internal const int From = 2048;

    /// <summary>Most eigenpairs it is tried for (the block is at least eight wider than the count).</summary>
    internal const int MaxCount = 32;

    /// <summary>The width of a Lanczos block: at least eight more than the count, a multiple of eight, at least 16.</summary>
    private static int BlockWidth(int count) => Math.Max(16, (count + 8 + 7) / 8 * 8);

    /// <summary>Plain Lanczos steps on A that place the shift (about one matrix–vector product each).</summary>
    private const int EstimateSteps = 24;

    /// <summary>Attempts at a shift whose matrix B is positive definite, each twice as far from the estimate.</summary>
    private const int ShiftAttempts = 4;

    /// <summary>Fresh starts with a shift farther out, when the first one was too close for the wanted pairs' accuracy.</summary>
    private const int Restarts = 3;

    /// <summary>Tries the <paramref name="count"/> largest or smallest eigenpairs of the symmetric matrix whose lower
    /// triangle <paramref name="a"/> holds; false when the method gives up (nothing in the outputs is then meaningful,
    /// and the lower triangle of <paramref name="a"/> is unchanged: only its strict upper triangle is written).</summary>
    /// <param name="a">The n×n matrix: lower triangle read, strict upper triangle overwritten with its mirror image.</param>
    /// <param name="count">How many eigenpairs, 1 ≤ count ≤ <see cref="MaxCount"/>.</param>
    /// <param name="largest">True for the largest eigenvalues, false for the smallest.</param>
    /// <param name="values">Receives the eigenvalues in ascending order.</param>
    /// <param name="vectors">Receives Z (n×count), column j the unit eigenvector of values[j], its largest component positive.</param>
    /// <param name="parallelism">Threads for the factorization, the solves and the GEMMs.</param>
    public static bool TryCompute<T>(MatrixSpan<T> a, int count, bool largest, Span<T> values, MatrixSpan<T> vectors, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows, p = BlockWidth(count);
        int maxBasis = Math.Min(n / 4, 40 * p) / p * p;   // beyond this the tridiagonal path is cheaper
        if (maxBasis < 2 * p)
            return false;
        T eps = MachineParameters<T>.Epsilon;
        T norm1 = MatrixNorms.SymmetricOneNorm<T>(a);
        // Far from 1 the shift's Cholesky factor and the squared norms could leave the range of T: the tridiagonal
        // path scales such matrices exactly, so leave them to it (the zero matrix too).
        T safe = T.ScaleB(T.One, 100);
        if (!(norm1 > T.One / safe && norm1 < safe))
            return false;
        int mirrorThreads = parallelism.ThreadsFor((double)n * n, Cholesky.MinMirrorElementsPerThread);
        if (mirrorThreads > 1)
            Cholesky.MirrorParallel(a, 0, n, 0, n, mirrorThreads);
        else
            Cholesky.MirrorRows(a, 0, n);
        T sign = largest ? T.One : -T.One;   // the method finds the largest eigenvalues of sign·A

        // 1. The shift: just beyond the largest Lanczos estimate of sign·A (an upper bound is only confirmed by the
        //    Cholesky factorization succeeding, so a failure moves it twice as far and tries again).
        (T estimate, T bound, T spread) = EstimateTop(a, sign, parallelism);
        T gap = bound - estimate + T.CreateTruncating(1e-3) * spread;
        // The large work arrays come from the pool: a call would otherwise allocate some 45 MB at n = 2048, and the
        // collections that forces run on the cores the solve is using.
        T[] factorBuffer = ArrayPool<T>.Shared.Rent(n * n);
        T[] basisBuffer = ArrayPool<T>.Shared.Rent((maxBasis + p) * n);
        T[] projectedBuffer = ArrayPool<T>.Shared.Rent(maxBasis * maxBasis);
        T[] ritzBuffer = ArrayPool<T>.Shared.Rent(maxBasis * maxBasis);
        try
        {
            var l = new MatrixSpan<T>(factorBuffer.AsSpan(0, n * n), n, n);
            var basis = new MatrixSpan<T>(basisBuffer.AsSpan(0, (maxBasis + p) * n), maxBasis + p, n);
            var projected = new MatrixSpan<T>(projectedBuffer.AsSpan(0, maxBasis * maxBasis), maxBasis, maxBasis);
            var ritzWork = new MatrixSpan<T>(ritzBuffer.AsSpan(0, maxBasis * maxBasis), maxBasis, maxBasis);
            for (int restart = 0; restart < Restarts; restart++)
            {
                bool factored = false;
                for (int attempt = 0; attempt < ShiftAttempts && !factored; attempt++)
                {
                    if (attempt > 0)
                        gap += gap;
                    T sigma = estimate + gap;
                    for (int i = 0; i < n; i++)
                    {
                        Span<T> row = l.Row(i)[..(i + 1)];
                        a.Row(i)[..(i + 1)].CopyTo(row);
                        SpanMath.Scale(-sign, row);
                        row[i] += sigma;
                    }
                    factored = Cholesky.TryFactorInPlace(l, out _, parallelism);
                }
                if (!factored)
                    return false;
                if (Iterate(a, l, basis, projected, ritzWork, sign, norm1, eps, gap, count, values, vectors, parallelism, out T farther))
                    return true;
                if (!(farther > gap))
                    return false;
                gap = farther;
            }
            return false;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(factorBuffer);
            ArrayPool<T>.Shared.Return(basisBuffer);
            ArrayPool<T>.Shared.Return(projectedBuffer);
            ArrayPool<T>.Shared.Return(ritzBuffer);
        }
    }

    /// <summary>A few plain Lanczos steps on sign·A from a fixed start: the largest Ritz value, that value plus its
    /// residual bound, and the spread of all Ritz values (a scale for the shift's distance).</summary>
    private static unsafe (T Estimate, T Bound, T Spread) EstimateTop<T>(MatrixSpan<T> a, T sign, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows, steps = Math.Min(EstimateSteps, n);
        bool split = parallelism.ThreadsFor(2.0 * n * n, Gemm.MinFlopsPerThread) > 1;
        var q = new T[n];
        var previous = new T[n];
        var w = new T[n];
        FillRandom(q, 1);
        SpanMath.Scale(T.One / SpanMath.Norm2<T>(q), q.AsSpan());
        var t = new Matrix<T>(steps, steps);
        T beta = T.Zero;
        int taken = 0;
        fixed (T* pa = a.Span)
        {
            for (int s = 0; s < steps; s++)
            {
                var product = new RowsTimesVector<T>
                {
                    A = (nint)pa, ALength = a.Span.Length, Order = n, Stride = a.RowStride, Sign = sign, X = q, Y = w,
                };
                if (split)
                    ParallelJob<RowsTimesVector<T>>.Run(product, 2, 2);
                else
                {
                    product.Run(0);
                    product.Run(1);
                }
                T alpha = SpanMath.Dot<T>(w, q);
                SpanMath.Axpy(-alpha, q, w.AsSpan());
                SpanMath.Axpy(-beta, previous, w.AsSpan());
                t[s, s] = alpha;
                taken = s + 1;
                beta = SpanMath.Norm2<T>(w);
                if (s + 1 == steps || !(beta > T.Zero))
                    break;
                t[s, s + 1] = beta;
                t[s + 1, s] = beta;
                (previous, q) = (q, previous);
                for (int i = 0; i < n; i++)
                    q[i] = w[i] / beta;
            }
        }
        var ritz = new T[taken];
        var y = new Matrix<T>(taken, taken);
        SymmetricEigen.TryComputeInPlace(t.AsSpan(0, 0, taken, taken), ritz, y.AsSpan(), out _, Parallelism.Sequential);
        T top = ritz[taken - 1];
        T bound = top + T.Abs(beta * y[taken - 1, taken - 1]);
        return (top, bound, T.Max(top - ritz[0], T.Abs(top)));
    }

    /// <summary>Block Lanczos on B⁻¹ = (L·Lᵀ)⁻¹ with full reorthogonalization, basis vectors stored as rows; the Ritz
    /// pairs are checked every block and verified against A itself before they are returned (true). On false,
    /// <paramref name="farther"/> is a larger distance for the shift when B⁻¹'s pairs converged but A's residuals stayed
    /// too large (the accuracy of a pair is about ε·κ(B)·(σ − λ)/(σ − λ₁), poor for wanted eigenvalues far from a close
    /// shift: a well-separated top, as in a covariance), or zero when the basis ran out. Work arrays: the basis (rows,
    /// at most <c>maxBasis + p</c>), T = Vᵀ·B⁻¹·V, and a copy of T for each Ritz check (its solver destroys it).</summary>
    private static bool Iterate<T>(MatrixSpan<T> a, MatrixSpan<T> l, MatrixSpan<T> basis, MatrixSpan<T> projected,
        MatrixSpan<T> ritzWork, T sign, T norm1, T eps, T gap, int count, Span<T> values, MatrixSpan<T> vectors,
        Parallelism parallelism, out T farther)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows, p = BlockWidth(count), maxBasis = projected.Rows;
        farther = T.Zero;
        var block = new Matrix<T>(p, n);
        var projections = new Matrix<T>(p, maxBasis + p);
        var columns = new Matrix<T>(n, p);
        var tau = new T[p];
        Matrix<T> r = new(p, p), discardedR = new(p, p);
        var theta = new T[p];
        var ritzVectors = new Matrix<T>(maxBasis, p);
        var q = new Matrix<T>(n, p);
        Matrix<T>? aBasis = null;   // A·V, for the rare extraction on the whole basis
        var ritzRows = new Matrix<T>(p, n);
        bool done = false;
        T lastWorst = T.PositiveInfinity;
        var z = new Matrix<T>(count, n);
        var az = new Matrix<T>(count, n);
        // Per vector; since ‖AZ − ZΛ‖₁ ≤ √n·maxᵢ‖rᵢ‖₂, it keeps the ratio ‖AZ − ZΛ‖₁/(n‖A‖₁ε) below 8 (DESIGN.md's
        // acceptance threshold is 30), with margin for the rounding of the check itself.
        T tolerance = T.CreateTruncating(8) * T.Sqrt(T.CreateTruncating(n)) * eps * norm1;

        FillRandom(block.Values, 2);
        Orthonormalize(block, basis.Slice(0, 0, p, n), columns, q, tau, r, parallelism);
        for (int d = p; d <= maxBasis; d += p)
        {
            // W = V_j·B⁻¹ (B symmetric): two right-side solves with L.
            basis.Slice(d - p, 0, p, n).CopyTo(block.AsSpan());
            TriangularSolve.Solve(Side.Right, TriangularPart.Lower, MatrixOp.Transpose, Diagonal.NonUnit, T.One, l, block.AsSpan(), parallelism);
            TriangularSolve.Solve(Side.Right, TriangularPart.Lower, MatrixOp.None, Diagonal.NonUnit, T.One, l, block.AsSpan(), parallelism);

            // Project on the basis (these are T's new rows and columns), then orthogonalize twice (classical Gram–Schmidt).
            MatrixSpan<T> v = basis.Slice(0, 0, d, n), h = projections.AsSpan(0, 0, p, d);
            RemoveProjection(block, v, h, parallelism);
            for (int i = 0; i < p; i++)
                for (int j = 0; j < d - p; j++)
                {
                    projected[d - p + i, j] = h[i, j];
                    projected[j, d - p + i] = h[i, j];
                }
            T half = T.CreateTruncating(0.5);
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                    projected[d - p + i, d - p + j] = half * (h[i, d - p + j] + h[j, d - p + i]);
            RemoveProjection(block, v, h, parallelism);
            Orthonormalize(block, basis.Slice(d, 0, p, n), columns, q, tau, r, parallelism);
            if (Deficient(r, projected.Slice(d - p, d - p, p, p)))
            {
                // The block lost rank (an invariant subspace): Householder QR then completes it with directions that
                // need not be orthogonal to the basis. Orthogonalize those against the basis once more. R is still the
                // residual's coupling, so the estimates below stay right up to the rounding this discards.
                MatrixSpan<T> next = basis.Slice(d, 0, p, n);
                next.CopyTo(block.AsSpan());
                RemoveProjection(block, v, h, parallelism);
                RemoveProjection(block, v, h, parallelism);
                Orthonormalize(block, next, columns, q, tau, discardedR, parallelism);
            }

            // The p largest Ritz pairs of B⁻¹ in the basis: θ largest ↔ λ of sign·A largest. The residual of B⁻¹ at
            // Ritz vector y is R·(last block of y); relative to θ it bounds A's residual by ‖B‖ times as much. Far
            // from convergence (the last estimate above 10⁻³), only every other block is examined.
            if (!(lastWorst < T.CreateTruncating(1e-3)) && (d / p) % 2 == 1 && d < maxBasis)
                continue;
            MatrixSpan<T> t = ritzWork.Slice(0, 0, d, d), y = ritzVectors.AsSpan(0, 0, d, p);
            projected.Slice(0, 0, d, d).CopyTo(t);
            if (!SymmetricEigen.TryComputeSelectedInPlace(t, p, true, theta, y, out _, parallelism,
                    SymmetricEigen.TwoStageFrom, lanczosFrom: int.MaxValue))
                return false;
            T worst = T.Zero;
            for (int c = p - count; c < p; c++)
            {
                T sum = T.Zero;
                for (int i = 0; i < p; i++)
                {
                    T s = T.Zero;
                    for (int j = i; j < p; j++)
                        s += r[i, j] * y[d - p + j, c];
                    sum += s * s;
                }
                worst = T.Max(worst, T.Sqrt(sum) / T.Abs(theta[c]));
            }
            lastWorst = worst;
            // B⁻¹'s own residuals stall near ε·κ(B)·θ (the solves' rounding, amplified by κ(B)), so they only say when
            // A's residuals are worth computing.
            if (!(worst <= T.Sqrt(eps)))
                continue;

            // Extract with A itself (Rayleigh–Ritz of A), first on the span of those p Ritz vectors, which is cheap,
            // then, once B⁻¹ has converged further, on the whole basis. The solves' rounding (ε·κ(B) relative) tilts
            // B⁻¹'s Ritz vectors of pairs far from the shift; A's own Ritz vectors do not inherit that, and their
            // explicit residuals decide.
            Gemm.Multiply(T.One, y, MatrixOp.Transpose, v, MatrixOp.None, T.Zero, ritzRows.AsSpan(), parallelism);
            aBasis ??= new Matrix<T>(p, n);
            if (done = TryExtract(ritzRows.AsSpan(), aBasis.AsSpan(0, 0, p, n), a, sign, tolerance, values[..count], z, az, parallelism, out _))
                break;
            if (!(worst <= eps / T.Sqrt(T.Sqrt(eps))))
                continue;
            if (aBasis.Rows < d)
                aBasis = new Matrix<T>(maxBasis, n);
            if (done = TryExtract(v, aBasis.AsSpan(0, 0, d, n), a, sign, tolerance, values[..count], z, az, parallelism, out T span))
                break;
            // Converged for B⁻¹ yet not for A: the shift is too close for the pairs farthest from it. Ask for one an
            // eighth of the wanted eigenvalues' span away, and at least four times as far as this one.
            if (worst <= eps * T.Sqrt(eps))
            {
                farther = T.Max(span / T.CreateTruncating(8), T.CreateTruncating(4) * gap);
                return false;
            }
        }
        if (!done)
            return false;
        Finish(z, values[..count], vectors);
        return true;
    }

    /// <summary>Rayleigh–Ritz of A on the orthonormal rows <paramref name="rows"/> (m×n): the wanted count pairs into
    /// <paramref name="values"/>, <paramref name="z"/> and A·z into <paramref name="az"/>; true when every residual is
    /// within <paramref name="tolerance"/>. <paramref name="span"/>: the distance between the outermost wanted values.</summary>
    private static bool TryExtract<T>(MatrixSpan<T> rows, MatrixSpan<T> aRows, MatrixSpan<T> a, T sign, T tolerance, Span<T> values,
        Matrix<T> z, Matrix<T> az, Parallelism parallelism, out T span)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = rows.Rows, count = values.Length;
        span = T.Zero;
        Gemm.Multiply(T.One, rows, MatrixOp.None, a, MatrixOp.None, T.Zero, aRows, parallelism);
        var g = new Matrix<T>(m, m);
        Gemm.Multiply(T.One, aRows, MatrixOp.None, rows, MatrixOp.Transpose, T.Zero, g.AsSpan(), parallelism);
        var u = new Matrix<T>(m, count);
        if (!SymmetricEigen.TryComputeSelectedInPlace(g.AsSpan(), count, sign > T.Zero, values, u.AsSpan(), out _, parallelism,
                SymmetricEigen.TwoStageFrom, lanczosFrom: int.MaxValue))
            return false;
        span = values[count - 1] - values[0];
        Gemm.Multiply(T.One, u.AsSpan(), MatrixOp.Transpose, rows, MatrixOp.None, T.Zero, z.AsSpan(), parallelism);
        Gemm.Multiply(T.One, u.AsSpan(), MatrixOp.Transpose, aRows, MatrixOp.None, T.Zero, az.AsSpan(), parallelism);
        for (int c = 0; c < count; c++)
        {
            Span<T> zc = z.Row(c), azc = az.Row(c);
            T lambda = SpanMath.Dot<T>(zc, azc);
            SpanMath.Axpy(-lambda, zc, azc);
            if (!(SpanMath.Norm2<T>(azc) <= tolerance))
                return false;
            values[c] = lambda;
        }
        return true;
    }

    /// <summary>Sorts the pairs by ascending eigenvalue, fixes the signs and writes the vectors as columns.</summary>
    private static void Finish<T>(Matrix<T> z, Span<T> values, MatrixSpan<T> vectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = values.Length, n = z.Columns;
        var order = new int[count];
        for (int i = 0; i < count; i++)
            order[i] = i;
        T[] keys = values.ToArray();
        Array.Sort(keys, order);
        var sorted = new Matrix<T>(count, n);
        for (int i = 0; i < count; i++)
        {
            z.Row(order[i]).CopyTo(sorted.Row(i));
            values[i] = keys[i];
        }
        SymmetricEigen.NormalizeSigns(sorted.AsSpan());
        SpanMath.Transpose<T>(sorted.AsReadOnlySpan(), vectors);
    }

    /// <summary>One classical Gram–Schmidt pass: H = W·Vᵀ (the block's coordinates in the basis, left in
    /// <paramref name="h"/>), then W −= H·V.</summary>
    private static void RemoveProjection<T>(Matrix<T> block, MatrixSpan<T> v, MatrixSpan<T> h, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Gemm.Multiply(T.One, block.AsSpan(), MatrixOp.None, v, MatrixOp.Transpose, T.Zero, h, parallelism);
        Gemm.Multiply(-T.One, h, MatrixOp.None, v, MatrixOp.None, T.One, block.AsSpan(), parallelism);
    }

    /// <summary>Rows of <paramref name="block"/> → an orthonormal basis of their span in <paramref name="destination"/>
    /// (rows), with <paramref name="block"/>ᵀ = Q·R and R in <paramref name="r"/>.</summary>
    private static void Orthonormalize<T>(Matrix<T> block, MatrixSpan<T> destination, Matrix<T> columns, Matrix<T> q, T[] tau,
        Matrix<T> r, Parallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int p = block.Rows;
        SpanMath.Transpose<T>(block.AsReadOnlySpan(), columns.AsSpan());
        Qr.FactorInPlace(columns.AsSpan(), tau, parallelism);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                r[i, j] = j >= i ? columns[i, j] : T.Zero;
        Qr.FormThinQ(columns.AsReadOnlySpan(), tau, q.AsSpan(), parallelism);
        SpanMath.Transpose<T>(q.AsReadOnlySpan(), destination);
    }

    /// <summary>Whether R's diagonal has an element below √ε times the block's scale, the larger of R's largest
    /// diagonal element and of the block's Rayleigh quotients (the block was nearly rank deficient: what is left of it
    /// after the orthogonalization is mostly rounding error).</summary>
    private static bool Deficient<T>(Matrix<T> r, MatrixSpan<T> diagonalBlock)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.Zero, min = T.PositiveInfinity;
        for (int i = 0; i < r.Rows; i++)
        {
            max = T.Max(max, T.Max(T.Abs(r[i, i]), T.Abs(diagonalBlock[i, i])));
            min = T.Min(min, T.Abs(r[i, i]));
        }
        return !(min > T.Sqrt(MachineParameters<T>.Epsilon) * max);
    }

    /// <summary>y = sign·A·x on the top (part 0) or bottom (part 1) half of the rows. The halves are the same whatever
    /// the thread count, so the bits are too. A is pinned by the caller.</summary>
    private unsafe struct RowsTimesVector<T> : IPartitionedWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public nint A;
        public int ALength, Order, Stride;
        public T Sign;
        public T[] X, Y;

        public readonly void Run(int part)
        {
            var a = MatrixSpan<T>.CreateTrusted(new Span<T>((void*)A, ALength), Order, Order, Stride);
            int r0 = part == 0 ? 0 : Order / 2, r1 = part == 0 ? Order / 2 : Order;
            Gemv.Multiply(Sign, a.Slice(r0, 0, r1 - r0, Order), MatrixOp.None, X, T.Zero, Y.AsSpan(r0, r1 - r0));
        }
    }

    /// <summary>Uniform values in [−½, ½) from a fixed seed.</summary>
    private static void FillRandom<T>(Span<T> x, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        for (int i = 0; i < x.Length; i++)
            x[i] = T.CreateTruncating(random.NextDouble() - 0.5);
    }
}
