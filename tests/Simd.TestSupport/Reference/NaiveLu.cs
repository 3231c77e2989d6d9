using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.TestSupport.Reference;

/// <summary>Textbook Doolittle LU with partial pivoting (Golub &amp; Van Loan, Algorithm 3.4.1), in double.</summary>
public static class NaiveLu
{
    /// <summary>Factors a copy of A: returns L\U packed and the LAPACK-style interchanges; <c>ZeroPivot</c> is the first
    /// exactly zero pivot or −1.</summary>
    public static (double[,] Factors, int[] Pivots, int ZeroPivot) Factor<T>(Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        var lu = ToDouble(a);
        var pivots = new int[n];
        int zero = -1;
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++)
                if (Math.Abs(lu[i, k]) > Math.Abs(lu[p, k]))
                    p = i;
            pivots[k] = p;
            if (lu[p, k] == 0)
            {
                if (zero < 0)
                    zero = k;
                continue;
            }
            for (int j = 0; j < n; j++)
                (lu[k, j], lu[p, j]) = (lu[p, j], lu[k, j]);
            for (int i = k + 1; i < n; i++)
            {
                lu[i, k] /= lu[k, k];
                for (int j = k + 1; j < n; j++)
                    lu[i, j] -= lu[i, k] * lu[k, j];
            }
        }
        return (lu, pivots, zero);
    }

    /// <summary>Solves A·X = B through the naive factorization, in double.</summary>
    public static double[,] Solve<T>(Matrix<T> a, double[,] b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (lu, pivots, _) = Factor(a);
        int n = a.Rows, k = b.GetLength(1);
        var x = (double[,])b.Clone();
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
                (x[i, c], x[pivots[i], c]) = (x[pivots[i], c], x[i, c]);
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < i; j++)
                    x[i, c] -= lu[i, j] * x[j, c];
            for (int i = n - 1; i >= 0; i--)
            {
                for (int j = i + 1; j < n; j++)
                    x[i, c] -= lu[i, j] * x[j, c];
                x[i, c] /= lu[i, i];
            }
        }
        return x;
    }

    /// <summary>A⁻¹ in double (solve with the identity).</summary>
    public static double[,] Inverse<T>(Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = a.Rows;
        var identity = new double[n, n];
        for (int i = 0; i < n; i++)
            identity[i, i] = 1;
        return Solve(a, identity);
    }

    /// <summary>κ₁(A) = ‖A‖₁·‖A⁻¹‖₁, with the inverse from the naive LU in double.</summary>
    public static double Condition<T>(Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        LapackRatios.OneNorm(ToDouble(a)) * LapackRatios.OneNorm(Inverse(a));

    /// <summary>A copy of A in double.</summary>
    public static double[,] ToDouble<T>(Matrix<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new double[a.Rows, a.Columns];
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Columns; j++)
                r[i, j] = double.CreateChecked(a[i, j]);
        return r;
    }
}
