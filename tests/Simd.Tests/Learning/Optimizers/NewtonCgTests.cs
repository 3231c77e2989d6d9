using System;
using Simd.Learning.Optimizers;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport.Reference;
using Xunit;
using static Simd.Tests.Learning.Optimizers.OptimizerTestHelpers;

namespace Simd.Tests.Learning.Optimizers;

public sealed class NewtonCgTests
{
    /// <summary>∇²f·v for chained Rosenbrock, from its tridiagonal Hessian without forming it.</summary>
    private static void RosenbrockHv(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv)
    {
        int n = x.Length;
        hv.Clear();
        for (int i = 0; i < n - 1; i++)
        {
            double diag = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2, off = -400 * x[i];
            hv[i] += diag * v[i] + off * v[i + 1];
            hv[i + 1] += off * v[i] + 200 * v[i + 1];
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Minimize_Rosenbrock_Converges(int n)
    {
        var result = NewtonCg.Minimize(TestObjectives.Rosenbrock, RosenbrockHv, RosenbrockStart(n));
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Value < 1e-9, $"f = {result.Value}");
        AssertDescribesSolution(TestObjectives.Rosenbrock, result);
    }

    [Fact]
    public void Minimize_IllConditionedQuadratic_MatchesTheExactNewtonSolution()
    {
        const int n = 10;
        var (a, b) = IllConditionedQuadratic(n, 1e6, seed: 3);
        void Hv(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> hv) =>
            Gemv.Multiply(1.0, a.AsReadOnlySpan(), MatrixOp.None, v, 0.0, hv);
        var options = new MinimizerOptions { GradientTolerance = 1e-6 };
        var cg = NewtonCg.Minimize(Quadratic(a, b), Hv, new double[n], options);
        var exact = Newton.Minimize(Quadratic(a, b), (x, h) => a.AsSpan().CopyTo(h), new double[n], options);
        Assert.Equal(StopReason.Converged, cg.Reason);
        // f is strongly convex with λ_min = 1: ‖x − x*‖ ≤ ‖∇f(x)‖.
        for (int i = 0; i < n; i++)
            Assert.InRange(cg.Solution[i] - exact.Solution[i], -2e-6, 2e-6);
    }

    [Fact]
    public void Minimize_NaNProduct_StopsWithNonFinite()
    {
        var result = NewtonCg.Minimize(TestObjectives.Rosenbrock, (x, v, hv) => hv.Fill(double.NaN), RosenbrockStart(2));
        Assert.Equal(StopReason.NonFinite, result.Reason);
    }

    [Fact]
    public void Minimize_NullProduct_Throws() =>
        Assert.Throws<ArgumentNullException>(() => NewtonCg.Minimize(TestObjectives.Rosenbrock, null!, [1.0]));
}
