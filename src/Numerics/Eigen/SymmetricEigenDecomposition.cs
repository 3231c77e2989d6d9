using System;
using System.Numerics;

namespace Simd.Numerics.Eigen;

/// <summary>
/// The eigen-decomposition <c>A = Z·Λ·Zᵀ</c> of a real symmetric matrix: eigenvalues in ascending order and,
/// when computed, orthonormal eigenvectors (the columns of Z) with a deterministic sign.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <see cref="Compute"/> gives every eigenpair (or every eigenvalue); <see cref="ComputeLargest"/> and
/// <see cref="ComputeSmallest"/> give k of them at either end of the spectrum without forming all vectors,
/// which is what PCA needs. The input matrix is never modified; only its lower triangle is read.
/// </remarks>
public sealed class SymmetricEigenDecomposition<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _values;
    private readonly Matrix<T>? _vectors;

    private SymmetricEigenDecomposition(T[] values, Matrix<T>? vectors)
    {
        _values = values;
        _vectors = vectors;
    }

    /// <summary>The eigenvalues, ascending.</summary>
    public ReadOnlySpan<T> Values => _values;

    /// <summary>True when eigenvectors were computed.</summary>
    public bool HasVectors => _vectors is not null;

    /// <summary>Z: column j is the unit eigenvector of <see cref="Values"/>[j], its largest-magnitude component positive.
    /// n×n after <see cref="Compute"/>, n×k after the top-k entry points.</summary>
    /// <exception cref="InvalidOperationException">The decomposition was computed without vectors.</exception>
    public Matrix<T> Vectors => _vectors ?? throw new InvalidOperationException("Eigenvectors were not computed (computeVectors was false).");

    /// <summary>Computes all eigenvalues and, when <paramref name="computeVectors"/>, all eigenvectors.</summary>
    /// <param name="matrix">The symmetric n×n matrix (only the lower triangle is read; not modified).</param>
    /// <param name="computeVectors">False skips all vector work (about 7× fewer flops).</param>
    /// <param name="parallelism">Threads for the blocked parts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is not square or holds NaN or ∞.</exception>
    /// <exception cref="NoConvergenceException">The tridiagonal QR iteration or a divide-and-conquer secular equation did not
    /// converge (should not happen).</exception>
    public static SymmetricEigenDecomposition<T> Compute(Matrix<T> matrix, bool computeVectors = true, Parallelism parallelism = default)
    {
        if (!TryCompute(matrix, computeVectors, out SymmetricEigenDecomposition<T>? result, out int unconverged, parallelism))
            throw new NoConvergenceException(
                computeVectors && matrix.Rows >= SymmetricEigen.DivideAndConquerFrom
                    ? "Tridiagonal divide and conquer (xSTEDC)" : "Implicit symmetric QR (xSTEQR/xSTERF)", unconverged);
        return result;
    }

    /// <summary>Like <see cref="Compute"/>, but reports non-convergence as false instead of throwing.</summary>
    /// <param name="matrix">The symmetric n×n matrix.</param>
    /// <param name="computeVectors">Whether to compute eigenvectors.</param>
    /// <param name="result">The decomposition on success; null otherwise.</param>
    /// <param name="unconverged">On failure, the number of off-diagonal entries that did not converge.</param>
    /// <param name="parallelism">Threads for the blocked parts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is not square or holds NaN or ∞.</exception>
    public static bool TryCompute(Matrix<T> matrix, bool computeVectors, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SymmetricEigenDecomposition<T>? result,
        out int unconverged, Parallelism parallelism = default)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != matrix.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(matrix), "a square matrix", matrix.Rows, matrix.Columns);
        int n = matrix.Rows;
        // The destroyed working copy comes from the shared pool: a fresh n×n array costs its page faults on every call
        // (measured 120 ms of 880 at n = 2048, values only).
        T[] work = System.Buffers.ArrayPool<T>.Shared.Rent(n * n);
        var values = new T[n];
        Matrix<T>? vectors = computeVectors ? new Matrix<T>(n, n) : null;
        bool ok;
        try
        {
            var workSpan = new MatrixSpan<T>(work.AsSpan(0, n * n), n, n);
            matrix.AsReadOnlySpan().CopyTo(workSpan);
            ok = SymmetricEigen.TryComputeInPlace(workSpan, values, vectors is null ? default : vectors.AsSpan(), out unconverged, parallelism);
        }
        finally
        {
            System.Buffers.ArrayPool<T>.Shared.Return(work);
        }
        result = ok ? new SymmetricEigenDecomposition<T>(values, vectors) : null;
        return ok;
    }

    /// <summary>The <paramref name="k"/> largest eigenvalues (ascending) and their eigenvectors (n×k).</summary>
    /// <param name="matrix">The symmetric n×n matrix (only the lower triangle is read; not modified).</param>
    /// <param name="k">How many eigenpairs, 0 ≤ k ≤ n.</param>
    /// <param name="parallelism">Threads for the blocked parts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is not square or holds NaN or ∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is outside [0, n].</exception>
    /// <exception cref="NoConvergenceException">Inverse iteration did not converge (should not happen).</exception>
    /// <remarks>Bisection + inverse iteration on the tridiagonal form, or from n = 2048 verified shift-and-invert
    /// Lanczos (see <see cref="SymmetricEigen.TryComputeSelectedInPlace{T}(MatrixSpan{T}, int, bool, Span{T}, MatrixSpan{T}, out int, Parallelism)"/>).
    /// For PCA, the principal components are the columns of <see cref="Vectors"/> from last to first.</remarks>
    public static SymmetricEigenDecomposition<T> ComputeLargest(Matrix<T> matrix, int k, Parallelism parallelism = default) =>
        ComputeSelected(matrix, k, largest: true, parallelism);

    /// <summary>The <paramref name="k"/> smallest eigenvalues (ascending) and their eigenvectors (n×k).</summary>
    /// <param name="matrix">The symmetric n×n matrix (only the lower triangle is read; not modified).</param>
    /// <param name="k">How many eigenpairs, 0 ≤ k ≤ n.</param>
    /// <param name="parallelism">Threads for the blocked parts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is not square or holds NaN or ∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is outside [0, n].</exception>
    /// <exception cref="NoConvergenceException">Inverse iteration did not converge (should not happen).</exception>
    public static SymmetricEigenDecomposition<T> ComputeSmallest(Matrix<T> matrix, int k, Parallelism parallelism = default) =>
        ComputeSelected(matrix, k, largest: false, parallelism);

    private static SymmetricEigenDecomposition<T> ComputeSelected(Matrix<T> matrix, int k, bool largest, Parallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Rows != matrix.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(matrix), "a square matrix", matrix.Rows, matrix.Columns);
        int n = matrix.Rows;
        if ((uint)k > (uint)n)
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be in [0, {n}] for a {n}×{n} matrix but was {k}.");
        Matrix<T> work = matrix.Clone();
        var values = new T[k];
        var vectors = new Matrix<T>(n, k);
        if (!SymmetricEigen.TryComputeSelectedInPlace(work.AsSpan(), k, largest, values, vectors.AsSpan(), out int unconverged, parallelism))
            throw new NoConvergenceException("Inverse iteration (xSTEIN)", unconverged);
        return new SymmetricEigenDecomposition<T>(values, vectors);
    }
}
