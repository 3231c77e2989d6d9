using System;

namespace Simd.TestSupport.Generators;

/// <summary>Random orthogonal matrices as products of Householder reflections, in double.</summary>
public static class OrthogonalMatrices
{
    /// <summary>Q = H₀·H₁·…·H_{n−2}, where Hₖ = I − 2vvᵀ/(vᵀv) reflects along a random normal vector supported on
    /// rows k..n−1, with a random ±1 column sign: orthogonal to rounding, and generic (dense, no structure).</summary>
    public static double[,] Random(int n, int seed)
    {
        var random = new Random(seed);
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
            q[i, i] = random.Next(2) == 0 ? -1 : 1;
        var v = new double[n];
        var w = new double[n];
        for (int k = n - 2; k >= 0; k--)
        {
            double norm2 = 0;
            for (int i = k; i < n; i++)
            {
                v[i] = Normal(random);
                norm2 += v[i] * v[i];
            }
            if (norm2 == 0)
                continue;
            // Q ← Hₖ·Q: w = vᵀQ, Q −= (2/vᵀv)·v·wᵀ (rows k..n−1 only).
            Array.Clear(w);
            for (int i = k; i < n; i++)
                for (int j = 0; j < n; j++)
                    w[j] += v[i] * q[i, j];
            double scale = 2 / norm2;
            for (int i = k; i < n; i++)
                for (int j = 0; j < n; j++)
                    q[i, j] -= scale * v[i] * w[j];
        }
        return q;
    }

    /// <summary>A standard normal sample (Box–Muller).</summary>
    public static double Normal(Random random)
    {
        double u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
