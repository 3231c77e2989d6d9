using System;
using Simd.Learning.Optimizers;
using Simd.TestSupport.Reference;
using Xunit;
using static Simd.Tests.Learning.Optimizers.OptimizerTestHelpers;

namespace Simd.Tests.Learning.Optimizers;

/// <summary>OWL-QN through <see cref="LbfgsOptions.L1Strength"/>: checked by the optimality (KKT) conditions of the
/// lasso, which are independent of the algorithm.</summary>
public sealed class OrthantWiseLbfgsTests
{
    private const int M = 80, N = 30;

    /// <summary>f(w) = ½‖Xw − y‖²/m with a sparse true w (5 non-zeros) and small noise.</summary>
    private static (ObjectiveFunction F, double[] Truth) Lasso(int seed)
    {
        var random = new Random(seed);
        var x = new double[M, N];
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
                x[i, j] = 2 * random.NextDouble() - 1;
        var truth = new double[N];
        foreach (int j in new[] { 2, 7, 11, 19, 25 })
            truth[j] = random.NextDouble() < 0.5 ? -2 : 3;
        var y = new double[M];
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
                y[i] += x[i, j] * truth[j];
            y[i] += 0.01 * (2 * random.NextDouble() - 1);
        }
        double F(ReadOnlySpan<double> w, Span<double> g)
        {
            g.Clear();
            double f = 0;
            for (int i = 0; i < M; i++)
            {
                double r = -y[i];
                for (int j = 0; j < N; j++)
                    r += x[i, j] * w[j];
                f += 0.5 * r * r / M;
                for (int j = 0; j < N; j++)
                    g[j] += r * x[i, j] / M;
            }
            return f;
        }
        return (F, truth);
    }

    [Fact]
    public void Minimize_Lasso_SatisfiesTheOptimalityConditionsWithExactZeros()
    {
        const double lambda = 0.05;
        var (f, truth) = Lasso(4);
        var result = Lbfgs.Minimize(f, new double[N], new LbfgsOptions { L1Strength = lambda, GradientTolerance = 1e-8 });

        Assert.Equal(StopReason.Converged, result.Reason);
        var g = new double[N];
        double smooth = f(result.Solution, g);
        double l1 = 0;
        int zeros = 0;
        for (int j = 0; j < N; j++)
        {
            double w = result.Solution[j];
            l1 += Math.Abs(w);
            if (w == 0)
            {
                zeros++;
                Assert.True(Math.Abs(g[j]) <= lambda + 1e-8, $"|g[{j}]| = {Math.Abs(g[j])} > λ at a zero");
            }
            else
            {
                Assert.True(Math.Abs(g[j] + lambda * Math.Sign(w)) <= 1e-8, $"stationarity fails at {j}");
            }
            Assert.Equal(truth[j] != 0, w != 0); // the support is recovered
        }
        Assert.Equal(N - 5, zeros);
        Assert.Equal(smooth + lambda * l1, result.Value, 1e-14);
    }

    [Fact]
    public void Minimize_HugePenalty_ReturnsZeroAtOnce()
    {
        var (f, _) = Lasso(5);
        var result = Lbfgs.Minimize(f, new double[N], new LbfgsOptions { L1Strength = 1e3 });
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.All(result.Solution, w => Assert.Equal(0.0, w));
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void Minimize_RosenbrockWithSmallPenalty_ConvergesNearOneOne()
    {
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, RosenbrockStart(2), new LbfgsOptions { L1Strength = 1e-3 });
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.InRange(result.Solution[0], 0.99, 1.0);
    }

    [Fact]
    public void Minimize_NaNHalfWay_StopsWithNonFinite()
    {
        var (f, _) = Lasso(6);
        int calls = 0;
        var result = Lbfgs.Minimize((w, g) => ++calls > 8 ? double.NaN : f(w, g), new double[N], new LbfgsOptions { L1Strength = 0.01 });
        Assert.Equal(StopReason.NonFinite, result.Reason);
        Assert.True(double.IsFinite(result.Value));
        Assert.True(result.Evaluations <= 8 + 2 * 30);
    }

    [Fact]
    public void Options_NegativeL1Strength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(TestObjectives.Rosenbrock, [1.0, 1.0], new LbfgsOptions { L1Strength = -1 }));
}
