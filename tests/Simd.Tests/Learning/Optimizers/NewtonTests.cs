using System;
using Simd.Learning.Optimizers;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.Numerics.Kernels;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;
using static Simd.Tests.Learning.Optimizers.OptimizerTestHelpers;

namespace Simd.Tests.Learning.Optimizers;

public sealed class NewtonTests
{
    [Fact]
    public void Minimize_Rosenbrock2D_ConvergesWithin30Iterations()
    {
        var result = Newton.Minimize(TestObjectives.Rosenbrock, TestObjectives.RosenbrockHessian, RosenbrockStart(2));
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Iterations <= 30, $"{result.Iterations} iterations");
        Assert.True(result.Value < 1e-12);
        AssertDescribesSolution(TestObjectives.Rosenbrock, result);
    }

    [Fact]
    public void Minimize_IllConditionedQuadratic_ConvergesInOneStep()
    {
        const int n = 20;
        var (a, b) = IllConditionedQuadratic(n, 1e6, seed: 11);
        void Hessian(ReadOnlySpan<double> x, MatrixSpan<double> h) => a.AsSpan().CopyTo(h);
        var options = new MinimizerOptions { GradientTolerance = 1e-8 };

        var result = Newton.Minimize(Quadratic(a, b), Hessian, new double[n], options);

        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.Equal(1, result.Iterations);
        Assert.Equal(2, result.Evaluations); // the start, and the full step α = 1 accepted at once
        // Backward error of the solve: ‖Ax − b‖ / (‖A‖‖x‖nε) < 30 (LAPACK's solve criterion).
        var r = new double[n];
        Gemv.Multiply(1.0, a.AsReadOnlySpan(), MatrixOp.None, result.Solution, 0.0, r);
        SpanMath.Axpy(-1.0, b, r);
        double normA = 0;
        for (int i = 0; i < n; i++)
            normA = Math.Max(normA, SpanMath.Norm2<double>(a.Row(i)) * Math.Sqrt(n));
        double ratio = SpanMath.Norm2<double>(r) / (normA * SpanMath.Norm2<double>(result.Solution) * n * NumericAssert.Eps<double>());
        NumericAssert.RatioBelow(ratio, 30, "Newton step on κ = 1e6 quadratic");
    }

    [Fact]
    public void Minimize_IndefiniteHessianAtStart_ShiftsAndStillConverges()
    {
        // At (0, 1) the Rosenbrock Hessian is diag(−398, 200): indefinite. The pure Newton step would head for the
        // saddle; the shifted system gives a descent direction.
        double[] x0 = [0.0, 1.0];
        var h = new Matrix<double>(2, 2);
        TestObjectives.RosenbrockHessian(x0, h.AsSpan());
        Assert.True(Newton.TryModifiedCholesky(h, new Matrix<double>(2, 2), out double shift));
        Assert.True(shift > 398, $"τ = {shift}");

        var result = Newton.Minimize(TestObjectives.Rosenbrock, TestObjectives.RosenbrockHessian, x0);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.InRange(result.Solution[0], 1 - 1e-6, 1 + 1e-6);
    }

    [Fact]
    public void TryModifiedCholesky_PositiveDefinite_UsesNoShift()
    {
        var (a, _) = IllConditionedQuadratic(6, 1e3, seed: 2);
        var l = new Matrix<double>(6, 6);
        Assert.True(Newton.TryModifiedCholesky(a, l, out double shift));
        Assert.Equal(0, shift);
    }

    [Fact]
    public void Minimize_PowellSingular_ConvergesDespiteSingularHessianAtTheMinimum()
    {
        static void Hessian(ReadOnlySpan<double> x, MatrixSpan<double> h)
        {
            double c = x[1] - 2 * x[2], d = x[0] - x[3];
            double c2 = 12 * c * c, d2 = 120 * d * d;
            double[,] m =
            {
                { 2 + d2, 20, 0, -d2 },
                { 20, 200 + c2, -2 * c2, 0 },
                { 0, -2 * c2, 10 + 4 * c2, -10 },
                { -d2, 0, -10, 10 + d2 },
            };
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++)
                    h[i, j] = m[i, j];
        }
        var result = Newton.Minimize(TestObjectives.PowellSingular, Hessian, [3.0, -1.0, 0.0, 1.0]);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Value < 1e-8);
    }

    [Fact]
    public void Minimize_NaNHessian_StopsWithNonFinite()
    {
        var result = Newton.Minimize(TestObjectives.Rosenbrock, (x, h) => h.Fill(double.NaN), RosenbrockStart(2));
        Assert.Equal(StopReason.NonFinite, result.Reason);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void Minimize_HessianLeavesLowerTriangleUnwritten_StopsWithNonFinite()
    {
        // Only the upper triangle written: the minimizer reads the lower one, pre-filled with NaN, and reports it.
        var result = Newton.Minimize(TestObjectives.Rosenbrock, (x, h) => { h[0, 0] = 1; h[0, 1] = 0; h[1, 1] = 1; }, RosenbrockStart(2));
        Assert.Equal(StopReason.NonFinite, result.Reason);
    }

    [Fact]
    public void Minimize_NullHessian_Throws() =>
        Assert.Throws<ArgumentNullException>(() => Newton.Minimize(TestObjectives.Rosenbrock, null!, [1.0]));
}
