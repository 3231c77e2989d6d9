using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.TestSupport.Reference;

/// <summary>Textbook Cholesky–Crout (Golub &amp; Van Loan, Algorithm 4.2.1), in double, reading the lower triangle.</summary>
public static class NaiveCholesky
{
    /// <summary>Returns L (zeros above the diagonal) and −1, or null and the first pivot that is not strictly positive.</summary>
    public static (double[,]? L, int FailedPivot) Factor<T>(Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double d = double.CreateChecked(a[j, j]);
            for (int k = 0; k < j; k++)
                d -= l[j, k] * l[j, k];
            if (!(d > 0))
                return (null, j);
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < n; i++)
            {
                double s = double.CreateChecked(a[i, j]);
                for (int k = 0; k < j; k++)
                    s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        return (l, -1);
    }
}
