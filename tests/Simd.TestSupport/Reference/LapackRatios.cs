using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.TestSupport.Reference;

/// <summary>LAPACK's acceptance ratios for factorizations (DESIGN.md), computed in double with 1-norms.
/// A correct backward-stable routine keeps each below 30.</summary>
public static class LapackRatios
{
    /// <summary>maxⱼ Σᵢ |A[i, j]|.</summary>
    public static double OneNorm(double[,] a)
    {
        double max = 0;
        for (int j = 0; j < a.GetLength(1); j++)
        {
            double sum = 0;
            for (int i = 0; i < a.GetLength(0); i++)
                sum += Math.Abs(a[i, j]);
            if (double.IsNaN(sum))
                return double.NaN;
            max = Math.Max(max, sum);
        }
        return max;
    }

    /// <summary>‖P·A − L·U‖₁ / (n·‖A‖₁·ε) from the packed factors and LAPACK-style interchanges.</summary>
    public static double Lu<T>(Matrix<T> a, ReadOnlyMatrixSpan<T> factors, ReadOnlySpan<int> pivots)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        double[,] pa = NaiveLu.ToDouble(a);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                (pa[i, j], pa[pivots[i], j]) = (pa[pivots[i], j], pa[i, j]);
        var diff = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k <= Math.Min(i, j); k++)
                {
                    double l = k == i ? 1 : double.CreateChecked(factors[i, k]);
                    sum += l * double.CreateChecked(factors[k, j]);
                }
                diff[i, j] = pa[i, j] - sum;
            }
        return Ratio(OneNorm(diff), n * OneNorm(NaiveLu.ToDouble(a)) * NumericAssert.Eps<T>());
    }

    /// <summary>‖A − L·Lᵀ‖₁ / (n·‖A‖₁·ε), with A symmetric (its lower triangle mirrored) and L from the lower triangle of <paramref name="l"/>.</summary>
    public static double Cholesky<T>(Matrix<T> a, ReadOnlyMatrixSpan<T> l)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        var sym = new double[n, n];
        var diff = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int k = 0; k <= j; k++)
                    sum += double.CreateChecked(l[i, k]) * double.CreateChecked(l[j, k]);
                double aij = double.CreateChecked(a[i, j]);
                sym[i, j] = sym[j, i] = aij;
                diff[i, j] = diff[j, i] = aij - sum;
            }
        return Ratio(OneNorm(diff), n * OneNorm(sym) * NumericAssert.Eps<T>());
    }

    /// <summary>maxⱼ ‖bⱼ − op(A)·xⱼ‖₁ / (‖A‖₁·‖xⱼ‖₁·n·ε) over the columns j.</summary>
    public static double Solve<T>(Matrix<T> a, Matrix<T> x, Matrix<T> b, bool transpose = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        double normA = OneNorm(NaiveLu.ToDouble(a)), worst = 0;
        for (int c = 0; c < b.Columns; c++)
        {
            double residual = 0, normX = 0;
            for (int i = 0; i < n; i++)
            {
                double sum = double.CreateChecked(b[i, c]);
                for (int k = 0; k < n; k++)
                    sum -= NaiveBlas.At(a, transpose, i, k) * double.CreateChecked(x[k, c]);
                residual += Math.Abs(sum);
                normX += Math.Abs(double.CreateChecked(x[i, c]));
            }
            worst = Math.Max(worst, Ratio(residual, normA * normX * n * NumericAssert.Eps<T>()));
        }
        return worst;
    }

    /// <summary>‖I − A·X‖₁ / (n·‖A‖₁·‖X‖₁·ε) for a computed inverse X.</summary>
    public static double Inverse<T>(Matrix<T> a, Matrix<T> inverse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        double[,] ad = NaiveLu.ToDouble(a), xd = NaiveLu.ToDouble(inverse);
        var diff = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = ad[i, k];
                for (int j = 0; j < n; j++)
                    diff[i, j] -= aik * xd[k, j];
            }
            diff[i, i] += 1;
        }
        return Ratio(OneNorm(diff), n * OneNorm(ad) * OneNorm(xd) * NumericAssert.Eps<T>());
    }

    private static double Ratio(double numerator, double denominator) =>
        double.IsNaN(numerator) || double.IsNaN(denominator) ? double.PositiveInfinity
        : numerator == 0 ? 0
        : numerator / denominator;
}
