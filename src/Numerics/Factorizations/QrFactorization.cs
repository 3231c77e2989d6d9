using System;
using System.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// The Householder QR factorization <c>A = Q·R</c> of an m×n matrix with m ≥ n, and the least-squares solutions
/// <c>min ‖A·x − b‖₂</c> it gives.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Owns a transposed copy of the factors (Aᵀ factored in place, LAPACK's column-major layout, so every reflector is
/// contiguous) and the compact-WY factor of each block of reflectors; Q stays in reflector form and is applied
/// blockwise (reflector by reflector for a single right-hand side), <see cref="ThinQ"/> forms Q₁ on request. Least squares through QR is backward stable: unlike the
/// normal equations AᵀA·x = Aᵀb it does not square the condition number.
/// </remarks>
public sealed class QrFactorization<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // The factors of Qr.FactorTransposedInPlace: Aᵀ (n×m), row j = R[0..j, j] then reflector j's tail (contiguous).
    private readonly T[] _factorsT;
    private readonly int _rows, _columns;
    private readonly T[] _tau;
    // The compact-WY factor T of each block of Qr.BlockSize reflectors, kept from the factorization.
    private readonly Matrix<T> _blockT;
    private readonly Parallelism _parallelism;

    private QrFactorization(T[] factorsT, int rows, int columns, T[] tau, Matrix<T> blockT, int dependentColumn, Parallelism parallelism)
    {
        _factorsT = factorsT;
        _rows = rows;
        _columns = columns;
        _tau = tau;
        _blockT = blockT;
        DependentColumn = dependentColumn;
        _parallelism = parallelism;
    }

    /// <summary>Rows m of A.</summary>
    public int Rows => _rows;

    /// <summary>Columns n of A.</summary>
    public int Columns => _columns;

    private ReadOnlyMatrixSpan<T> FactorsT => new(_factorsT, _columns, _rows);

    /// <summary>
    /// The first column j whose distance to the span of the previous columns, |R[j, j]|, is at most
    /// m·ε·‖A[:, j]‖₂ (or exactly zero), or −1 when A has numerically full column rank.
    /// </summary>
    /// <remarks>The test is invariant under column scaling: it asks whether column j is, to working precision,
    /// a combination of the columns before it. ‖A[:, j]‖₂ is taken as ‖R[0..j, j]‖₂, equal to it since Q is orthogonal.</remarks>
    public int DependentColumn { get; }

    /// <summary>True when <see cref="DependentColumn"/> is −1, so least-squares solutions are unique.</summary>
    public bool IsFullRank => DependentColumn < 0;

    /// <summary>Factors a copy of <paramref name="matrix"/> (m×n, m ≥ n); the input is not modified.</summary>
    /// <param name="matrix">The matrix A.</param>
    /// <param name="parallelism">Threads for the blocked updates.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">A has more columns than rows.</exception>
    public static QrFactorization<T> Compute(Matrix<T> matrix, Parallelism parallelism = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int m = matrix.Rows, n = matrix.Columns;
        if (m < n)
            ThrowHelper.ThrowShapeMismatch(nameof(matrix), "a matrix with at least as many rows as columns", m, n);

        // Work on Aᵀ (LAPACK's column-major layout): columns of A, hence reflectors, are contiguous rows.
        // Every element is written by the transpose: no need to zero the storage first.
        T[] storage = GC.AllocateUninitializedArray<T>(n * m);
        var factorsT = new MatrixSpan<T>(storage, n, m);
        Qr.TransposeInto<T>(matrix.AsReadOnlySpan(), factorsT, parallelism);

        var tau = new T[n];
        var blockT = new Matrix<T>(n, Math.Min(Qr.BlockSize, Math.Max(n, 1)));
        Qr.FactorTransposedInPlace(factorsT, tau, blockT.AsSpan(), parallelism);

        // ‖A[:, j]‖₂ = ‖R[0..j, j]‖₂ since Q is orthogonal (to within rounding, far below the m·ε tolerance): row j of the
        // factors holds R[0..j, j] contiguously, so the scale-invariant rank test costs no pass over A.
        T tolerance = T.CreateTruncating(Math.Max(m, 1)) * MachineParameters<T>.Epsilon;
        int dependent = -1;
        for (int j = 0; j < n; j++)
        {
            T rjj = T.Abs(factorsT[j, j]);
            if (rjj == T.Zero || rjj <= tolerance * SpanMath.Norm2<T>(factorsT.Row(j)[..(j + 1)]))
            {
                dependent = j;
                break;
            }
        }
        return new QrFactorization<T>(storage, m, n, tau, blockT, dependent, parallelism);
    }

    /// <summary>The n×n upper-triangular factor R (a new matrix).</summary>
    public Matrix<T> R
    {
        get
        {
            int n = Columns;
            var r = new Matrix<T>(n, n);
            for (int j = 0; j < n; j++)
            {
                ReadOnlySpan<T> column = FactorsT.Row(j)[..(j + 1)];
                for (int i = 0; i <= j; i++)
                    r[i, j] = column[i];
            }
            return r;
        }
    }

    /// <summary>The thin orthogonal factor Q₁ (m×n, orthonormal columns) with A = Q₁·R, as a new matrix.</summary>
    /// <remarks>Formed on request from the reflectors (blocked, LAPACK xORGQR). Also the standard way to draw a
    /// random orthonormal basis: factor a Gaussian matrix and take Q₁.</remarks>
    public Matrix<T> ThinQ()
    {
        int n = Columns;
        var q = new Matrix<T>(Rows, n);
        for (int i = 0; i < n; i++)
            q[i, i] = T.One;
        // Backward accumulation; columns before a block are still zero in its rows (LAPACK xORGQR).
        Qr.ApplyTransposedFactors<T>(FactorsT, _tau, _blockT.AsReadOnlySpan(), q.AsSpan(), transpose: false,
            _parallelism, skipLeadingColumns: true);
        return q;
    }

    /// <summary><c>B ← Qᵀ·B</c> for an m×r block B, without forming Q.</summary>
    /// <param name="b">On entry, B (m rows); on exit, Qᵀ·B.</param>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have m rows.</exception>
    public void ApplyQTranspose(MatrixSpan<T> b) =>
        Qr.ApplyTransposedFactors<T>(FactorsT, _tau, _blockT.AsReadOnlySpan(), b, transpose: true, _parallelism);

    /// <summary><c>B ← Q·B</c> for an m×r block B, without forming Q.</summary>
    /// <param name="b">On entry, B (m rows); on exit, Q·B.</param>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have m rows.</exception>
    public void ApplyQ(MatrixSpan<T> b) =>
        Qr.ApplyTransposedFactors<T>(FactorsT, _tau, _blockT.AsReadOnlySpan(), b, transpose: false, _parallelism);

    /// <summary>Solves <c>min ‖A·x − b‖₂</c> for one right-hand side.</summary>
    /// <param name="b">The m values of b.</param>
    /// <param name="x">Receives the n values of the solution.</param>
    /// <returns>The residual norm ‖A·x − b‖₂ (from ‖(Qᵀb)[n..m)‖₂, no extra product).</returns>
    /// <exception cref="ArgumentException">A length does not match A.</exception>
    /// <exception cref="RankDeficientMatrixException">A is numerically rank deficient (<see cref="DependentColumn"/>).</exception>
    public T Solve(ReadOnlySpan<T> b, Span<T> x)
    {
        if (!TrySolve(b, x, out T residual))
            throw new RankDeficientMatrixException(DependentColumn, Columns);
        return residual;
    }

    /// <summary>Like <see cref="Solve(ReadOnlySpan{T}, Span{T})"/>, but returns false instead of throwing when A is rank deficient
    /// (then <paramref name="x"/> is not written).</summary>
    /// <param name="b">The m values of b.</param>
    /// <param name="x">Receives the n values of the solution.</param>
    /// <param name="residualNorm">‖A·x − b‖₂ on success.</param>
    /// <exception cref="ArgumentException">A length does not match A.</exception>
    public bool TrySolve(ReadOnlySpan<T> b, Span<T> x, out T residualNorm)
    {
        if (b.Length != Rows)
            throw new ArgumentException($"A is {Rows}×{Columns}, so b needs {Rows} elements but has {b.Length}.", nameof(b));
        if (x.Length != Columns)
            throw new ArgumentException($"A is {Rows}×{Columns}, so x needs {Columns} elements but has {x.Length}.", nameof(x));
        residualNorm = T.Zero;
        if (!IsFullRank)
            return false;
        var work = new Matrix<T>(b, Rows, 1);
        Span<T> residuals = stackalloc T[1];
        SolveCore(work.AsSpan(), residuals);
        for (int i = 0; i < Columns; i++)
            x[i] = work[i, 0];
        residualNorm = residuals[0];
        return true;
    }

    /// <summary>Solves <c>min ‖A·X − B‖</c> column by column for an m×r block of right-hand sides.</summary>
    /// <param name="b">The m×r right-hand sides; not modified.</param>
    /// <returns>The n×r solution X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have m rows.</exception>
    /// <exception cref="RankDeficientMatrixException">A is numerically rank deficient.</exception>
    public Matrix<T> Solve(Matrix<T> b) => Solve(b, Span<T>.Empty);

    /// <summary>Solves <c>min ‖A·X − B‖</c> and reports the residual norm of every column.</summary>
    /// <param name="b">The m×r right-hand sides; not modified.</param>
    /// <param name="residualNorms">Receives ‖A·X[:, j] − B[:, j]‖₂ for each of the r columns; pass an empty span to skip.</param>
    /// <returns>The n×r solution X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have m rows, or <paramref name="residualNorms"/> is neither empty nor r long.</exception>
    /// <exception cref="RankDeficientMatrixException">A is numerically rank deficient.</exception>
    public Matrix<T> Solve(Matrix<T> b, Span<T> residualNorms)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != Rows)
            ThrowHelper.ThrowShapeMismatch(nameof(b), $"a matrix with {Rows} rows (A is {Rows}×{Columns})", b.Rows, b.Columns);
        if (!residualNorms.IsEmpty && residualNorms.Length != b.Columns)
            ThrowHelper.ThrowLengthMismatch(nameof(residualNorms), b.Columns, residualNorms.Length);
        if (!IsFullRank)
            throw new RankDeficientMatrixException(DependentColumn, Columns);

        Matrix<T> work = b.Clone();
        SolveCore(work.AsSpan(), residualNorms);
        return work.AsSpan(0, 0, Columns, b.Columns).ToMatrix();
    }

    /// <summary>Qᵀ·B, then back-substitution with R on the top n rows; residual norms from the bottom m − n rows.</summary>
    private void SolveCore(MatrixSpan<T> work, Span<T> residualNorms)
    {
        int m = Rows, n = Columns;
        if (work.Columns == 1 && work.RowStride == 1)
            Qr.ApplyTransposedFactors<T>(FactorsT, _tau, work.Span, transpose: true); // reflector by reflector
        else
            Qr.ApplyTransposedFactors<T>(FactorsT, _tau, _blockT.AsReadOnlySpan(), work, transpose: true, _parallelism);
        if (!residualNorms.IsEmpty)
        {
            var column = new T[m - n];
            for (int j = 0; j < work.Columns; j++)
            {
                for (int i = n; i < m; i++)
                    column[i - n] = work[i, j];
                residualNorms[j] = SpanMath.Norm2<T>(column);
            }
        }
        // R is stored transposed: the lower triangle of the leading n×n block of Aᵀ is Rᵀ.
        ReadOnlyMatrixSpan<T> rt = FactorsT.Slice(0, 0, n, n);
        if (work.Columns == 1 && work.RowStride == 1)
        {
            TriangularSolve.Solve(TriangularPart.Lower, MatrixOp.Transpose, Diagonal.NonUnit, rt, work.Span[..n]); // TRSV
        }
        else
        {
            TriangularSolve.Solve(Side.Left, TriangularPart.Lower, MatrixOp.Transpose, Diagonal.NonUnit, T.One, rt,
                work.Slice(0, 0, n, work.Columns), _parallelism);
        }
    }
}
