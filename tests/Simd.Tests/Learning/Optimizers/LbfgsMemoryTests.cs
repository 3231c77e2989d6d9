using System;
using System.Collections.Generic;
using Simd.Learning.Optimizers;
using Simd.TestSupport;
using Xunit;

namespace Simd.Tests.Learning.Optimizers;

/// <summary>The two-loop recursion against the dense BFGS inverse-Hessian recurrence written out naively:
/// H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ from H₀ = γI over the newest m pairs.</summary>
public sealed class LbfgsMemoryTests
{
    private const int N = 9;

    private static double[] DenseDirection(IReadOnlyList<(double[] S, double[] Y)> pairs, double[] g)
    {
        var (sLast, yLast) = pairs[^1];
        double gamma = Dot(sLast, yLast) / Dot(yLast, yLast);
        var h = new double[N, N];
        for (int i = 0; i < N; i++)
            h[i, i] = gamma;
        foreach (var (s, y) in pairs)
        {
            double rho = 1 / Dot(s, y);
            // V = I − ρ·y·sᵀ;  H ← Vᵀ·H·V + ρ·s·sᵀ
            var v = new double[N, N];
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++)
                    v[i, j] = (i == j ? 1 : 0) - rho * y[i] * s[j];
            var next = new double[N, N];
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++)
                {
                    double sum = 0;
                    for (int a = 0; a < N; a++)
                        for (int b = 0; b < N; b++)
                            sum += v[a, i] * h[a, b] * v[b, j];
                    next[i, j] = sum + rho * s[i] * s[j];
                }
            h = next;
        }
        var d = new double[N];
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                d[i] -= h[i, j] * g[j];
        return d;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(13, 5)]
    [InlineData(4, 1)]
    public void ComputeDirection_MatchesTheDenseRecurrenceOverTheNewestPairs(int pushes, int capacity)
    {
        var memory = new LbfgsMemory(N, capacity);
        var history = new List<(double[] S, double[] Y)>();
        var zero = new double[N];
        for (int k = 0; k < pushes; k++)
        {
            double[] s = RandomMatrices.Vector<double>(N, 100 + k), y = RandomMatrices.Vector<double>(N, 200 + k);
            for (int i = 0; i < N; i++)
                y[i] += 3 * s[i]; // positive curvature
            Assert.True(memory.TryPush(s, zero, y, zero));
            history.Add((s, y));
        }
        // A pair with negative curvature is skipped and must not disturb the stored ones.
        double[] bad = RandomMatrices.Vector<double>(N, 7), badY = Array.ConvertAll(bad, v => -v);
        Assert.False(memory.TryPush(bad, zero, badY, zero));
        Assert.Equal(1, memory.Skipped);

        double[] g = RandomMatrices.Vector<double>(N, 1);
        var d = new double[N];
        memory.ComputeDirection(g, d);
        double[] expected = DenseDirection(history.GetRange(Math.Max(0, pushes - capacity), Math.Min(pushes, capacity)), g);
        double scale = 0;
        foreach (double e in expected)
            scale = Math.Max(scale, Math.Abs(e));
        for (int i = 0; i < N; i++)
            NumericAssert.Close(expected[i], d[i], scale, 64 * N);
        Assert.Equal(Math.Min(pushes, capacity), memory.Count);
    }

    [Fact]
    public void ComputeDirection_Empty_IsSteepestDescent()
    {
        var memory = new LbfgsMemory(N, 3);
        double[] g = RandomMatrices.Vector<double>(N, 2), d = new double[N];
        memory.ComputeDirection(g, d);
        Assert.Equal(Array.ConvertAll(g, v => -v), d);
    }
}
