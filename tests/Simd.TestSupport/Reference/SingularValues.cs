using System;

namespace Simd.TestSupport.Reference;

/// <summary>One-sided Jacobi (Hestenes) singular values in double: accurate even for badly column-scaled matrices.</summary>
public static class SingularValues
{
    /// <summary>σ_max/σ_min of the m×n (m ≥ n) matrix <paramref name="a"/>.</summary>
    public static double Condition(double[,] a)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var u = (double[,])a.Clone();
        for (int sweep = 0; sweep < 60; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int i = 0; i < m; i++)
                    {
                        alpha += u[i, p] * u[i, p];
                        beta += u[i, q] * u[i, q];
                        gamma += u[i, p] * u[i, q];
                    }
                    if (Math.Abs(gamma) <= 1e-15 * Math.Sqrt(alpha * beta))
                        continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.Sign(zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
                    for (int i = 0; i < m; i++)
                    {
                        double up = u[i, p], uq = u[i, q];
                        u[i, p] = c * up - s * uq;
                        u[i, q] = s * up + c * uq;
                    }
                }
            if (!rotated)
                break;
        }
        double max = 0, min = double.MaxValue;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < m; i++) s += u[i, j] * u[i, j];
            s = Math.Sqrt(s);
            max = Math.Max(max, s);
            min = Math.Min(min, s);
        }
        return max / min;
    }
}
