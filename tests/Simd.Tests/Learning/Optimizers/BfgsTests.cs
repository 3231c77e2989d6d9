using System;
using Simd.Learning.Optimizers;
using Simd.Learning.Optimizers.LineSearch;
using Simd.TestSupport.Reference;
using Xunit;
using static Simd.Tests.Learning.Optimizers.OptimizerTestHelpers;

namespace Simd.Tests.Learning.Optimizers;

public sealed class BfgsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public void Minimize_Rosenbrock_Converges(int n)
    {
        var result = Bfgs.Minimize(TestObjectives.Rosenbrock, RosenbrockStart(n));
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Value < 1e-9);
        AssertDescribesSolution(TestObjectives.Rosenbrock, result);
    }

    [Fact]
    public void Minimize_IllConditionedQuadratic_ConvergesInFewerThanTwoNSteps()
    {
        // Quadratic termination (n steps) holds for exact line searches in exact arithmetic; with c₂ = 1e-3 and
        // κ = 1e6 the dense update loses a little conjugacy, which costs a few extra steps (measured: n + 2 to n + 4).
        const int n = 12;
        var (a, b) = IllConditionedQuadratic(n, 1e6, seed: 5);
        var options = new MinimizerOptions
        {
            GradientTolerance = 1e-6, // the gradient's own rounding noise here is about ε·‖A‖·‖x‖ ≈ 1e-9 per entry
            LineSearch = new LineSearchOptions { Curvature = 1e-3 },
        };
        var result = Bfgs.Minimize(Quadratic(a, b), new double[n], options);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Iterations < 2 * n, $"{result.Iterations} iterations");
    }

    [Fact]
    public void Minimize_BealeAndPowell_Converge()
    {
        var beale = Bfgs.Minimize(TestObjectives.Beale, [1.0, 1.0]);
        Assert.Equal(StopReason.Converged, beale.Reason);
        Assert.InRange(beale.Solution[0], 3 - 1e-4, 3 + 1e-4);
        var powell = Bfgs.Minimize(TestObjectives.PowellSingular, [3.0, -1.0, 0.0, 1.0]);
        Assert.Equal(StopReason.Converged, powell.Reason);
    }

    [Fact]
    public void Minimize_NaNHalfWay_StopsWithNonFinite()
    {
        int calls = 0;
        var result = Bfgs.Minimize((x, g) => ++calls > 10 ? double.NaN : TestObjectives.Rosenbrock(x, g), RosenbrockStart(2));
        Assert.Equal(StopReason.NonFinite, result.Reason);
        Assert.True(double.IsFinite(result.Value));
    }
}
