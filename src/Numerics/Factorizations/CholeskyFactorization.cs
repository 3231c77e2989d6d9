using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// The Cholesky factorization <c>A = L·Lᵀ</c> of a symmetric positive definite matrix, owning L: solves, the inverse,
/// the (log-)determinant and the condition number.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Only the lower triangle of the input is read. Built on <see cref="Cholesky"/>, the in-place tier.</remarks>
public sealed class CholeskyFactorization<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T> _l;
    private readonly T _normOfA;
    private readonly Parallelism _parallelism;

    private CholeskyFactorization(Matrix<T> l, T normOfA, Parallelism parallelism)
    {
        _l = l;
        _normOfA = normOfA;
        _parallelism = parallelism;
    }

    /// <summary>Factors <paramref name="a"/> (its lower triangle); <paramref name="a"/> is not modified.</summary>
    /// <param name="a">The symmetric positive definite n×n matrix A; only the lower triangle is read.</param>
    /// <param name="parallelism">How many threads the factorization and the later solves may use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    /// <exception cref="MatrixNotPositiveDefiniteException">A is not numerically positive definite; the exception
    /// names the failing pivot and leading minor.</exception>
    public static CholeskyFactorization<T> Compute(Matrix<T> a, Parallelism parallelism = default)
    {
        if (!TryCompute(a, out CholeskyFactorization<T>? result, out int failedPivot, parallelism))
            throw new MatrixNotPositiveDefiniteException(failedPivot);
        return result;
    }

    /// <summary>Factors <paramref name="a"/>, or reports the failing pivot instead of throwing.</summary>
    /// <param name="a">The symmetric n×n matrix A; only the lower triangle is read.</param>
    /// <param name="result">The factorization, or null on failure.</param>
    /// <param name="failedPivot">The zero-based index of the first pivot that was not strictly positive, or −1.</param>
    /// <param name="parallelism">How many threads the factorization and the later solves may use.</param>
    /// <returns><see langword="true"/> when A is numerically positive definite.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    public static bool TryCompute(Matrix<T> a, [NotNullWhen(true)] out CholeskyFactorization<T>? result, out int failedPivot,
        Parallelism parallelism = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        int n = a.Rows;
        var l = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
            a.Row(i)[..(i + 1)].CopyTo(l.Row(i));
        T norm = MatrixNorms.SymmetricOneNorm(a.AsReadOnlySpan());
        if (!Cholesky.TryFactorInPlace(l.AsSpan(), out failedPivot, parallelism))
        {
            result = null;
            return false;
        }
        result = new CholeskyFactorization<T>(l, norm, parallelism);
        return true;
    }

    /// <summary>The order n of A.</summary>
    public int Size => _l.Rows;

    /// <summary>The lower triangular factor L (zeros above the diagonal).</summary>
    public ReadOnlyMatrixSpan<T> L => _l.AsReadOnlySpan();

    /// <summary>Solves A·x = b.</summary>
    /// <param name="b">The right-hand side (n elements); not modified.</param>
    /// <param name="x">Receives the solution (n elements); may be the same span as <paramref name="b"/>.</param>
    /// <exception cref="ArgumentException">A length is not n, or the spans overlap partially.</exception>
    public void Solve(ReadOnlySpan<T> b, Span<T> x)
    {
        int n = Size;
        if (b.Length != n)
            throw new ArgumentException($"A is {n}×{n}, so b needs {n} elements but has {b.Length}.", nameof(b));
        if (x.Length != n)
            throw new ArgumentException($"A is {n}×{n}, so x needs {n} elements but has {x.Length}.", nameof(x));
        if (b.Overlaps(x, out int offset) && offset != 0)
            ThrowHelper.ThrowPartialOverlap(nameof(x));
        b.CopyTo(x);
        Cholesky.SolveVectorCore(L, x);
    }

    /// <summary>Returns the solution X of A·X = B.</summary>
    /// <param name="b">The n×k right-hand sides; not modified.</param>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have n rows.</exception>
    public Matrix<T> Solve(Matrix<T> b)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != Size)
            throw new ArgumentException($"A is {Size}×{Size} but B is {b.Rows}×{b.Columns}: B needs {Size} rows.", nameof(b));
        Matrix<T> x = b.Clone();
        Cholesky.SolveInPlace(L, x.AsSpan(), _parallelism);
        return x;
    }

    /// <summary>Returns A⁻¹ (symmetric, both triangles), computed as L⁻ᵀ·L⁻¹ (LAPACK xPOTRI), ⅔n³ flops.</summary>
    public Matrix<T> Inverse()
    {
        Matrix<T> inverse = _l.Clone();
        Cholesky.InvertInPlace(inverse.AsSpan(), _parallelism);
        return inverse;
    }

    /// <summary>det A = ∏ L[i, i]²; overflows to ∞ (or underflows to 0) for large n, where <see cref="LogDeterminant"/> does not.</summary>
    public T Determinant()
    {
        T det = T.One;
        for (int i = 0; i < Size; i++)
            det *= _l[i, i] * _l[i, i];
        return det;
    }

    /// <summary>ln det A = 2·Σ ln L[i, i] (det A &gt; 0 for a positive definite A), without overflow.</summary>
    public T LogDeterminant() => Cholesky.LogDeterminant(L);

    /// <summary>An O(n²) estimate of 1/κ₁(A), as LAPACK xPOCON.</summary>
    public T ReciprocalConditionNumber()
    {
        int length = Cholesky.GetConditionWorkspaceLength(Size);
        T[] workspace = ArrayPool<T>.Shared.Rent(Math.Max(1, length));
        try
        {
            return Cholesky.EstimateReciprocalCondition(L, _normOfA, workspace.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(workspace);
        }
    }
}
