using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.TestSupport.Generators;

/// <summary>Symmetric test matrices with known or structured spectra, built in double.</summary>
public static class SymmetricMatrices
{
    /// <summary>A random orthogonal matrix: modified Gram–Schmidt (twice) on a Gaussian matrix, in double.</summary>
    public static double[,] RandomOrthogonal(int n, int seed)
    {
        var random = new Random(seed);
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                q[i, j] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        for (int pass = 0; pass < 2; pass++)
            for (int j = 0; j < n; j++)
            {
                for (int p = 0; p < j; p++)
                {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += q[i, p] * q[i, j];
                    for (int i = 0; i < n; i++) q[i, j] -= dot * q[i, p];
                }
                double norm = 0;
                for (int i = 0; i < n; i++) norm += q[i, j] * q[i, j];
                norm = Math.Sqrt(norm);
                for (int i = 0; i < n; i++) q[i, j] /= norm;
            }
        return q;
    }

    /// <summary>Q·diag(λ)·Qᵀ for a random orthogonal Q (symmetrized exactly), converted to <typeparamref name="T"/>.</summary>
    public static Matrix<T> WithSpectrum<T>(double[] lambda, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = lambda.Length;
        double[,] q = RandomOrthogonal(n, seed);
        var a = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += q[i, k] * lambda[k] * q[j, k];
                a[i, j] = a[j, i] = T.CreateTruncating(s);
            }
        return a;
    }

    /// <summary>A random symmetric matrix with uniform [−1, 1) entries.</summary>
    public static Matrix<T> Random<T>(int n, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var a = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i, j] = a[j, i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        return a;
    }

    /// <summary>Wilkinson's W(2m+1)+: tridiagonal, diagonal |m−i|, off-diagonal 1; its top eigenvalues agree to many digits.</summary>
    public static Matrix<T> WilkinsonPlus<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new Matrix<T>(n, n);
        int m = n / 2;
        for (int i = 0; i < n; i++)
        {
            a[i, i] = T.CreateTruncating(Math.Abs(m - i));
            if (i + 1 < n)
                a[i, i + 1] = a[i + 1, i] = T.One;
        }
        return a;
    }

    /// <summary>The tridiagonal Kac–Sylvester (Clement) matrix: off-diagonals √(i(n−i)), zero diagonal;
    /// eigenvalues are exactly −(n−1), −(n−3), …, n−1.</summary>
    public static Matrix<T> Clement<T>(int n, out double[] eigenvalues)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new Matrix<T>(n, n);
        for (int i = 1; i < n; i++)
            a[i - 1, i] = a[i, i - 1] = T.CreateTruncating(Math.Sqrt((double)i * (n - i)));
        eigenvalues = new double[n];
        for (int k = 0; k < n; k++)
            eigenvalues[k] = -(n - 1) + 2 * k;
        return a;
    }

    /// <summary>The second-difference matrix tridiag(−1, 2, −1): eigenvalues 2 − 2cos(kπ/(n+1)).</summary>
    public static Matrix<T> SecondDifference<T>(int n, out double[] eigenvalues)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            a[i, i] = T.CreateTruncating(2);
            if (i + 1 < n) a[i, i + 1] = a[i + 1, i] = -T.One;
        }
        eigenvalues = new double[n];
        for (int k = 1; k <= n; k++)
            eigenvalues[k - 1] = 2 - 2 * Math.Cos(k * Math.PI / (n + 1));
        Array.Sort(eigenvalues);
        return a;
    }
}
