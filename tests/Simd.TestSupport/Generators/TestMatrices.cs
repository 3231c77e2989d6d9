using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.TestSupport.Generators;

/// <summary>The matrix families that LAPACK's factorization tests use: prescribed condition, bad scaling, Hilbert,
/// exactly singular, SPD and symmetric indefinite. Built in double, rounded to <typeparamref name="T"/> at the end.</summary>
public static class TestMatrices
{
    /// <summary>Rounds a double matrix to <typeparamref name="T"/>.</summary>
    public static Matrix<T> From<T>(double[,] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = values.GetLength(0), n = values.GetLength(1);
        var result = new Matrix<T>(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                result[i, j] = T.CreateTruncating(values[i, j]);
        return result;
    }

    /// <summary>U·Σ·Vᵀ with random orthogonal U, V and singular values spaced geometrically from 1 down to 1/κ, so
    /// κ₂ = <paramref name="condition"/> (before rounding to T).</summary>
    public static Matrix<T> WithCondition<T>(int n, double condition, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[,] u = OrthogonalMatrices.Random(n, seed), v = OrthogonalMatrices.Random(n, seed + 7919);
        var sigma = Spectrum(n, condition);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                double uik = u[i, k] * sigma[k];
                for (int j = 0; j < n; j++)
                    a[i, j] += uik * v[j, k];
            }
        return From<T>(a);
    }

    /// <summary>Q·Λ·Qᵀ with eigenvalues spaced geometrically from 1 down to 1/κ: SPD with κ₂ = <paramref name="condition"/>.
    /// Symmetric exactly (the lower triangle is mirrored).</summary>
    public static Matrix<T> SpdWithCondition<T>(int n, double condition, int seed)
        where T : unmanaged, IFloatingPointIeee754<T> => SymmetricWithSpectrum<T>(Spectrum(n, condition), seed);

    /// <summary>Q·diag(<paramref name="eigenvalues"/>)·Qᵀ, exactly symmetric.</summary>
    public static Matrix<T> SymmetricWithSpectrum<T>(double[] eigenvalues, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = eigenvalues.Length;
        double[,] q = OrthogonalMatrices.Random(n, seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                    sum += q[i, k] * eigenvalues[k] * q[j, k];
                a[i, j] = sum;
                a[j, i] = sum;
            }
        return From<T>(a);
    }

    /// <summary>Xᵀ·X + δ·I for a random n×n X: symmetric positive definite.</summary>
    public static Matrix<T> Spd<T>(int n, double delta, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var x = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                x[i, j] = 2 * random.NextDouble() - 1;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double sum = i == j ? delta : 0;
                for (int k = 0; k < n; k++)
                    sum += x[k, i] * x[k, j];
                a[i, j] = sum;
                a[j, i] = sum;
            }
        return From<T>(a);
    }

    /// <summary>The Hilbert matrix H[i, j] = 1/(i + j + 1): SPD and famously ill-conditioned (κ₂(H₁₂) ≈ 1.7·10¹⁶).</summary>
    public static Matrix<T> Hilbert<T>(int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = 1.0 / (i + j + 1);
        return From<T>(a);
    }

    /// <summary>Multiplies row i (or column i) of a copy of <paramref name="a"/> by 10^(±<paramref name="exponent"/>),
    /// the sign drawn at random per row (column); the values stay representable in T when the exponent fits T.</summary>
    public static Matrix<T> Scaled<T>(Matrix<T> a, bool rows, int exponent, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        Matrix<T> result = a.Clone();
        int count = rows ? a.Rows : a.Columns;
        for (int k = 0; k < count; k++)
        {
            int e = random.Next(3) - 1; // −1, 0 or +1
            T s = T.CreateTruncating(Math.Pow(10, e * exponent));
            for (int l = 0; l < (rows ? a.Columns : a.Rows); l++)
            {
                if (rows)
                    result[k, l] *= s;
                else
                    result[l, k] *= s;
            }
        }
        return result;
    }

    /// <summary>The largest decimal exponent e such that 10^±e scaling keeps products of two entries finite in T
    /// (150 for double, 15 for float).</summary>
    public static int ScalingExponent<T>() => typeof(T) == typeof(float) ? 15 : 150;

    private static double[] Spectrum(int n, double condition)
    {
        var sigma = new double[n];
        for (int k = 0; k < n; k++)
            sigma[k] = n == 1 ? 1 : Math.Pow(condition, -(double)k / (n - 1));
        return sigma;
    }
}
