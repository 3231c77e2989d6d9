using System;

namespace Simd.TestSupport.Reference;

/// <summary>
/// Cyclic Jacobi eigenvalue algorithm in double: slow (O(n³) per sweep) but simple and independent of the
/// Householder/QR code under test, and accurate to a few ulps of ‖A‖.
/// </summary>
public static class JacobiEigen
{
    /// <summary>All eigenvalues of the symmetric matrix <paramref name="a"/> (lower triangle used), ascending.</summary>
    public static double[] Eigenvalues(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                m[i, j] = m[j, i] = a[i, j];

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, total = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    total += m[i, j] * m[i, j];
                    if (i != j) off += m[i, j] * m[i, j];
                }
            if (off <= 1e-34 * total || off == 0)
                break;
            for (int p = 0; p < n - 1; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = m[p, q];
                    if (apq == 0)
                        continue;
                    // Rotation that zeroes m[p, q] (Rutishauser's formulas).
                    double theta = (m[q, q] - m[p, p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    if (double.IsInfinity(theta * theta)) t = 1 / (2 * theta);
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double mkp = m[k, p], mkq = m[k, q];
                        m[k, p] = c * mkp - s * mkq;
                        m[k, q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double mpk = m[p, k], mqk = m[q, k];
                        m[p, k] = c * mpk - s * mqk;
                        m[q, k] = s * mpk + c * mqk;
                    }
                }
        }
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = m[i, i];
        Array.Sort(values);
        return values;
    }
}
