using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.TestSupport.Reference;

/// <summary>Deliberately dumb, obviously correct BLAS references, accumulated in double.</summary>
public static class NaiveBlas
{
    /// <summary>Element (i, j) of op(X).</summary>
    public static double At<T>(Matrix<T> x, bool transpose, int i, int j)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        double.CreateChecked(transpose ? x[j, i] : x[i, j]);

    /// <summary>The triple loop: returns α·op(A)·op(B) + β·C in double, and the magnitude bound
    /// |α|·|op(A)|·|op(B)| + |β|·|C| per element (the scale of LAPACK's GEMM test ratio).</summary>
    public static (double[,] Value, double[,] Magnitude) Gemm<T>(double alpha, Matrix<T> a, bool transposeA,
        Matrix<T> b, bool transposeB, double beta, Matrix<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = c.Rows, n = c.Columns, k = transposeA ? a.Rows : a.Columns;
        var value = new double[m, n];
        var magnitude = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    double prod = At(a, transposeA, i, p) * At(b, transposeB, p, j);
                    sum += prod;
                    abs += Math.Abs(prod);
                }
                double cij = beta == 0 ? 0 : double.CreateChecked(c[i, j]);
                value[i, j] = alpha * sum + beta * cij;
                magnitude[i, j] = Math.Abs(alpha) * abs + Math.Abs(beta) * Math.Abs(cij);
            }
        return (value, magnitude);
    }

    /// <summary>α·op(A)·x + β·y in double.</summary>
    public static double[] Gemv<T>(double alpha, Matrix<T> a, bool transpose, T[] x, double beta, T[] y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = transpose ? a.Columns : a.Rows, n = transpose ? a.Rows : a.Columns;
        var result = new double[m];
        for (int i = 0; i < m; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
                sum += At(a, transpose, i, j) * double.CreateChecked(x[j]);
            result[i] = alpha * sum + (beta == 0 ? 0 : beta * double.CreateChecked(y[i]));
        }
        return result;
    }

    /// <summary>The largest ratio |C − C_ref| / (k·ε·bound) over all elements (LAPACK's GEMM test ratio);
    /// 0 when the bound is zero and the values agree.</summary>
    public static double GemmRatio<T>(Matrix<T> c, double[,] value, double[,] magnitude, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double eps = NumericAssert.Eps<T>(), worst = 0;
        for (int i = 0; i < c.Rows; i++)
            for (int j = 0; j < c.Columns; j++)
            {
                double diff = Math.Abs(double.CreateChecked(c[i, j]) - value[i, j]);
                if (double.IsNaN(diff))
                    return double.PositiveInfinity;
                double bound = Math.Max(k, 1) * eps * magnitude[i, j];
                if (diff == 0)
                    continue;
                // A nonzero difference against a zero bound can only come from the rounding of the output itself.
                worst = Math.Max(worst, diff / Math.Max(bound, eps * Math.Abs(value[i, j])));
            }
        return worst;
    }
}
