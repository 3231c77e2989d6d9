using System;

namespace Simd.TestSupport.Reference;

/// <summary>Double-double arithmetic (about 32 significant digits): an extended-precision reference.</summary>
public readonly record struct DoubleDouble(double Hi, double Lo)
{
    /// <summary>Exact conversion.</summary>
    public static implicit operator DoubleDouble(double x) => new(x, 0);

    /// <summary>Sum.</summary>
    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        double s = a.Hi + b.Hi, bb = s - a.Hi, e = (a.Hi - (s - bb)) + (b.Hi - bb);
        e += a.Lo + b.Lo;
        double hi = s + e;
        return new(hi, e - (hi - s));
    }

    /// <summary>Negation.</summary>
    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    /// <summary>Difference.</summary>
    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + -b;

    /// <summary>Product.</summary>
    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        double p = a.Hi * b.Hi, e = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p);
        e += a.Hi * b.Lo + a.Lo * b.Hi;
        double hi = p + e;
        return new(hi, e - (hi - p));
    }

    /// <summary>Quotient (one Newton correction).</summary>
    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b)
    {
        double q1 = a.Hi / b.Hi;
        DoubleDouble r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        return new DoubleDouble(q1, 0) + q2 + q3;
    }

    /// <summary>Absolute value of the leading part.</summary>
    public double Abs => Math.Abs(Hi + Lo);

    /// <summary>Rounded to double.</summary>
    public double ToDouble() => Hi + Lo;

    /// <summary>Solves the normal equations AᵀA·x = Aᵀb entirely in double-double (Gaussian elimination with
    /// partial pivoting), the extended-precision least-squares reference for well-conditioned A.</summary>
    public static double[] SolveNormalEquations(double[,] a, double[] b)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var g = new DoubleDouble[n, n + 1];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                DoubleDouble s = 0;
                for (int k = 0; k < m; k++) s += (DoubleDouble)a[k, i] * a[k, j];
                g[i, j] = s;
            }
            DoubleDouble r = 0;
            for (int k = 0; k < m; k++) r += (DoubleDouble)a[k, i] * b[k];
            g[i, n] = r;
        }
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int i = c + 1; i < n; i++) if (g[i, c].Abs > g[p, c].Abs) p = i;
            for (int j = 0; j <= n; j++) (g[c, j], g[p, j]) = (g[p, j], g[c, j]);
            for (int i = c + 1; i < n; i++)
            {
                DoubleDouble f = g[i, c] / g[c, c];
                for (int j = c; j <= n; j++) g[i, j] -= f * g[c, j];
            }
        }
        var x = new DoubleDouble[n];
        for (int i = n - 1; i >= 0; i--)
        {
            DoubleDouble s = g[i, n];
            for (int j = i + 1; j < n; j++) s -= g[i, j] * x[j];
            x[i] = s / g[i, i];
        }
        var result = new double[n];
        for (int i = 0; i < n; i++) result[i] = x[i].ToDouble();
        return result;
    }
}
