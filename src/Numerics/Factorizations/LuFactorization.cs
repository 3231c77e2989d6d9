using System;
using System.Buffers;
using System.Numerics;

namespace Simd.Numerics.Factorizations;

/// <summary>
/// The LU factorization with partial pivoting <c>P·A = L·U</c> of a square matrix, owning its factors: solves with A
/// or Aᵀ, the inverse, the determinant and the condition number.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Factoring never throws for a singular matrix (it completes, as LAPACK does, and <see cref="IsSingular"/> and
/// <see cref="ZeroPivot"/> say so); <see cref="Solve(ReadOnlySpan{T}, Span{T})"/> and <see cref="Inverse"/> then throw
/// <see cref="SingularMatrixException"/>. NaN and ∞ in A propagate into every result (see <see cref="Lu"/>).
/// Built on <see cref="Lu"/>, the in-place tier.
/// </remarks>
public sealed class LuFactorization<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T> _factors;
    private readonly int[] _pivots;
    private readonly T _normOfA;
    private readonly Parallelism _parallelism;

    private LuFactorization(Matrix<T> factors, int[] pivots, int zeroPivot, T normOfA, Parallelism parallelism)
    {
        _factors = factors;
        _pivots = pivots;
        ZeroPivot = zeroPivot;
        _normOfA = normOfA;
        _parallelism = parallelism;
    }

    /// <summary>Factors a copy of <paramref name="a"/>; <paramref name="a"/> is not modified.</summary>
    /// <param name="a">The n×n matrix A.</param>
    /// <param name="parallelism">How many threads the factorization and the later solves may use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> is not square.</exception>
    /// <remarks>⅔n³ flops (see <see cref="Lu.TryFactorInPlace{T}"/>), plus an O(n²) pass for ‖A‖₁.</remarks>
    public static LuFactorization<T> Compute(Matrix<T> a, Parallelism parallelism = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rows != a.Columns)
            ThrowHelper.ThrowShapeMismatch(nameof(a), "a square matrix", a.Rows, a.Columns);
        Matrix<T> factors = a.Clone();
        var pivots = new int[a.Rows];
        T norm = MatrixNorms.OneNorm(a.AsReadOnlySpan());
        Lu.TryFactorInPlace(factors.AsSpan(), pivots, out int zeroPivot, parallelism);
        return new LuFactorization<T>(factors, pivots, zeroPivot, norm, parallelism);
    }

    /// <summary>The order n of A.</summary>
    public int Size => _factors.Rows;

    /// <summary>L (strictly below the diagonal, unit diagonal implied) and U (on and above it), packed as LAPACK does.</summary>
    public ReadOnlyMatrixSpan<T> Factors => _factors.AsReadOnlySpan();

    /// <summary>The row interchanges: row i was swapped with row <c>Pivots[i]</c> at step i (LAPACK's IPIV, zero-based).</summary>
    public ReadOnlySpan<int> Pivots => _pivots;

    /// <summary>Index of the first exactly zero diagonal element of U, or −1.</summary>
    public int ZeroPivot { get; }

    /// <summary>True when U has an exactly zero diagonal element.</summary>
    public bool IsSingular => ZeroPivot >= 0;

    /// <summary>A new matrix holding the unit lower triangular factor L.</summary>
    public Matrix<T> LowerFactor()
    {
        int n = Size;
        var l = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            _factors.Row(i)[..i].CopyTo(l.Row(i));
            l[i, i] = T.One;
        }
        return l;
    }

    /// <summary>A new matrix holding the upper triangular factor U.</summary>
    public Matrix<T> UpperFactor()
    {
        int n = Size;
        var u = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
            _factors.Row(i)[i..].CopyTo(u.Row(i)[i..]);
        return u;
    }

    /// <summary>The permutation as a row order: row i of P·A is row <c>result[i]</c> of A.</summary>
    public int[] RowPermutation()
    {
        int n = Size;
        var order = new int[n];
        for (int i = 0; i < n; i++)
            order[i] = i;
        for (int i = 0; i < n; i++)
            (order[i], order[_pivots[i]]) = (order[_pivots[i]], order[i]);
        return order;
    }

    /// <summary>Solves A·x = b.</summary>
    /// <param name="b">The right-hand side (n elements); not modified.</param>
    /// <param name="x">Receives the solution (n elements); may be the same span as <paramref name="b"/>.</param>
    /// <exception cref="ArgumentException">A length is not n, or the spans overlap partially.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public void Solve(ReadOnlySpan<T> b, Span<T> x) => Solve(b, x, MatrixOp.None);

    /// <summary>Solves Aᵀ·x = b.</summary>
    /// <param name="b">The right-hand side (n elements); not modified.</param>
    /// <param name="x">Receives the solution (n elements); may be the same span as <paramref name="b"/>.</param>
    /// <exception cref="ArgumentException">A length is not n, or the spans overlap partially.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public void SolveTransposed(ReadOnlySpan<T> b, Span<T> x) => Solve(b, x, MatrixOp.Transpose);

    /// <summary>Returns the solution X of A·X = B.</summary>
    /// <param name="b">The n×k right-hand sides; not modified.</param>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have n rows.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public Matrix<T> Solve(Matrix<T> b) => Solve(b, MatrixOp.None);

    /// <summary>Returns the solution X of Aᵀ·X = B.</summary>
    /// <param name="b">The n×k right-hand sides; not modified.</param>
    /// <exception cref="ArgumentNullException"><paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not have n rows.</exception>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    public Matrix<T> SolveTransposed(Matrix<T> b) => Solve(b, MatrixOp.Transpose);

    /// <summary>Returns A⁻¹.</summary>
    /// <exception cref="SingularMatrixException">A is singular; the exception names the zero pivot.</exception>
    /// <remarks>4n³/3 flops (LAPACK xGETRI). Solving with <see cref="Solve(Matrix{T})"/> is cheaper and more accurate
    /// than multiplying by the inverse.</remarks>
    public Matrix<T> Inverse()
    {
        ThrowIfSingular();
        Matrix<T> inverse = _factors.Clone();
        Lu.InvertInPlace(inverse.AsSpan(), _pivots, _parallelism);
        return inverse;
    }

    /// <summary>det A; overflows to ±∞ (or underflows to 0) for large n, where <see cref="LogDeterminant"/> does not.</summary>
    public T Determinant() => Lu.Determinant(Factors, _pivots);

    /// <summary>ln |det A|, with the sign of det A in <paramref name="sign"/> (+1, −1, or 0 with −∞ when A is singular).</summary>
    /// <param name="sign">The sign of det A.</param>
    public T LogDeterminant(out int sign) => Lu.LogDeterminant(Factors, _pivots, out sign);

    /// <summary>An O(n²) estimate of 1/κ₁(A) = 1/(‖A‖₁·‖A⁻¹‖₁), as LAPACK xGECON: 0 when A is singular, near 1 when
    /// A is well conditioned; compare with ε to decide whether a solution can be trusted.</summary>
    public T ReciprocalConditionNumber()
    {
        int length = Lu.GetConditionWorkspaceLength(Size);
        T[] workspace = ArrayPool<T>.Shared.Rent(Math.Max(1, length));
        try
        {
            return Lu.EstimateReciprocalCondition(Factors, _pivots, _normOfA, workspace.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(workspace);
        }
    }

    private void Solve(ReadOnlySpan<T> b, Span<T> x, MatrixOp op)
    {
        int n = Size;
        if (b.Length != n)
            throw new ArgumentException($"A is {n}×{n}, so b needs {n} elements but has {b.Length}.", nameof(b));
        if (x.Length != n)
            throw new ArgumentException($"A is {n}×{n}, so x needs {n} elements but has {x.Length}.", nameof(x));
        if (b.Overlaps(x, out int offset) && offset != 0)
            ThrowHelper.ThrowPartialOverlap(nameof(x));
        ThrowIfSingular();
        b.CopyTo(x);
        Lu.SolveVectorCore(Factors, _pivots, x, op);
    }

    private Matrix<T> Solve(Matrix<T> b, MatrixOp op)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rows != Size)
            throw new ArgumentException($"A is {Size}×{Size} but B is {b.Rows}×{b.Columns}: B needs {Size} rows.", nameof(b));
        ThrowIfSingular();
        Matrix<T> x = b.Clone();
        Lu.SolveInPlace(Factors, _pivots, x.AsSpan(), op, _parallelism);
        return x;
    }

    private void ThrowIfSingular()
    {
        if (IsSingular)
            throw new SingularMatrixException(ZeroPivot);
    }
}
