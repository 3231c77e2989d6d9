using Simd.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Optimizers;

/// <summary>
/// TEMPORARY: a minimal dense Cholesky factor/solve for the optimizers, until
/// <c>Simd.Numerics.Factorizations.Cholesky</c> lands. It has exactly the contract of
/// <c>Cholesky.TryFactorInPlace&lt;T&gt;(MatrixSpan&lt;T&gt; a, out int failedPivot)</c> and
/// <c>Cholesky.SolveInPlace&lt;T&gt;(ReadOnlyMatrixSpan&lt;T&gt; l, MatrixSpan&lt;T&gt; b)</c>, and every Cholesky use in
/// <c>src/Learning/Optimizers</c> goes through these two methods, so replacing their bodies with calls to the real
/// ones (or deleting this file and renaming the calls) is a one-place change.
/// </summary>
internal static class DenseCholesky
{
    /// <summary>On entry, a symmetric matrix (lower triangle read); on exit, L with A = L·Lᵀ in the lower
    /// triangle (strict upper triangle untouched). Returns false, with the first non-positive pivot, if A is not
    /// numerically positive definite (NaN fails too). Cholesky–Banachiewicz, one dot product per entry.</summary>
    public static bool TryFactorInPlace(MatrixSpan<double> a, out int failedPivot)
    {
        for (int i = 0; i < a.Rows; i++)
        {
            var li = a.Row(i);
            for (int j = 0; j < i; j++)
            {
                var lj = a.Row(j);
                li[j] = (li[j] - SpanMath.Dot<double>(li[..j], lj[..j])) / lj[j];
            }
            double pivot = li[i] - SpanMath.Dot<double>(li[..i], li[..i]);
            if (!(pivot > 0) || double.IsPositiveInfinity(pivot))
            {
                failedPivot = i;
                return false;
            }
            li[i] = System.Math.Sqrt(pivot);
        }
        failedPivot = -1;
        return true;
    }

    /// <summary>B := A⁻¹·B given the factor L of A (lower triangle of <paramref name="l"/>): forward substitution
    /// with L, then back substitution with Lᵀ, column by column of B.</summary>
    public static void SolveInPlace(ReadOnlyMatrixSpan<double> l, MatrixSpan<double> b)
    {
        int n = l.Rows;
        for (int c = 0; c < b.Columns; c++)
        {
            for (int i = 0; i < n; i++)
            {
                var li = l.Row(i);
                double s = b[i, c];
                for (int k = 0; k < i; k++)
                    s -= li[k] * b[k, c];
                b[i, c] = s / li[i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double s = b[i, c];
                for (int k = i + 1; k < n; k++)
                    s -= l[k, i] * b[k, c];
                b[i, c] = s / l[i, i];
            }
        }
    }
}
