using System;
using Simd.Numerics;

namespace Simd.TestSupport.Reference;

/// <summary>Classic unconstrained test problems (Moré, Garbow &amp; Hillstrom 1981) with analytic gradients and
/// Hessians, written as plainly as possible so that they serve as independent references for the optimizers.</summary>
public static class TestObjectives
{
    /// <summary>Chained Rosenbrock, SciPy's <c>rosen</c>: Σᵢ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²; minimum 0 at (1, …, 1).</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        int n = x.Length;
        double f = 0;
        g.Clear();
        for (int i = 0; i < n - 1; i++)
        {
            double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
            f += 100 * t * t + u * u;
            g[i] += -400 * x[i] * t - 2 * u;
            g[i + 1] += 200 * t;
        }
        return f;
    }

    /// <summary>The Hessian of <see cref="Rosenbrock"/> (tridiagonal, written in full).</summary>
    public static void RosenbrockHessian(ReadOnlySpan<double> x, MatrixSpan<double> h)
    {
        int n = x.Length;
        h.Clear();
        for (int i = 0; i < n - 1; i++)
        {
            h[i, i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            h[i + 1, i + 1] += 200;
            h[i, i + 1] += -400 * x[i];
            h[i + 1, i] += -400 * x[i];
        }
    }

    /// <summary>Beale: Σ (cᵢ − x(1 − yⁱ))², c = (1.5, 2.25, 2.625); minimum 0 at (3, 0.5).</summary>
    public static double Beale(ReadOnlySpan<double> v, Span<double> g)
    {
        double x = v[0], y = v[1], f = 0;
        ReadOnlySpan<double> c = [1.5, 2.25, 2.625];
        g.Clear();
        double yi = 1;
        for (int i = 1; i <= 3; i++)
        {
            double dyi = i * yi; // d(yⁱ)/dy
            yi *= y;
            double t = c[i - 1] - x * (1 - yi);
            f += t * t;
            g[0] += 2 * t * -(1 - yi);
            g[1] += 2 * t * x * dyi;
        }
        return f;
    }

    /// <summary>Powell's singular function in 4 variables (singular Hessian at the minimum 0 at the origin).</summary>
    public static double PowellSingular(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = x[0] + 10 * x[1], b = x[2] - x[3], c = x[1] - 2 * x[2], d = x[0] - x[3];
        g[0] = 2 * a + 40 * d * d * d;
        g[1] = 20 * a + 4 * c * c * c;
        g[2] = 10 * b - 8 * c * c * c;
        g[3] = -10 * b - 40 * d * d * d;
        return a * a + 5 * b * b + c * c * c * c + 10 * d * d * d * d;
    }
}
