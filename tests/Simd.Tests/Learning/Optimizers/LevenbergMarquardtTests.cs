using System;
using Simd.Learning.Optimizers;
using Simd.Numerics;
using Xunit;

namespace Simd.Tests.Learning.Optimizers;

public sealed class LevenbergMarquardtTests
{
    /// <summary>y(t) = a·exp(−b·t) + c sampled at m points, plus optional deterministic noise.</summary>
    private sealed class ExponentialDecay(int m, double noise)
    {
        public readonly double[] T = new double[m], Y = new double[m];

        public ExponentialDecay Sample(double a, double b, double c)
        {
            var random = new Random(17);
            for (int i = 0; i < T.Length; i++)
            {
                T[i] = 4.0 * i / (T.Length - 1);
                Y[i] = a * Math.Exp(-b * T[i]) + c + noise * (2 * random.NextDouble() - 1);
            }
            return this;
        }

        public void Residuals(ReadOnlySpan<double> p, Span<double> r)
        {
            for (int i = 0; i < T.Length; i++)
                r[i] = p[0] * Math.Exp(-p[1] * T[i]) + p[2] - Y[i];
        }

        public void Jacobian(ReadOnlySpan<double> p, MatrixSpan<double> j)
        {
            for (int i = 0; i < T.Length; i++)
            {
                double e = Math.Exp(-p[1] * T[i]);
                j[i, 0] = e;
                j[i, 1] = -p[0] * T[i] * e;
                j[i, 2] = 1;
            }
        }
    }

    [Fact]
    public void Minimize_ExactCurveFit_RecoversTheParameters()
    {
        var model = new ExponentialDecay(40, 0).Sample(2.5, 1.3, 0.5);
        var options = new LevenbergMarquardtOptions { GradientTolerance = 1e-12 };
        var result = LevenbergMarquardt.Minimize(model.Residuals, model.Jacobian, [1.0, 0.1, 0.0], 40, options);

        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.InRange(result.Solution[0], 2.5 - 1e-8, 2.5 + 1e-8);
        Assert.InRange(result.Solution[1], 1.3 - 1e-8, 1.3 + 1e-8);
        Assert.InRange(result.Solution[2], 0.5 - 1e-8, 0.5 + 1e-8);
        Assert.True(result.Value < 1e-20);
    }

    [Fact]
    public void Minimize_NoisyCurveFit_MakesTheGradientVanishAndBeatsTheTruth()
    {
        var model = new ExponentialDecay(60, 0.05).Sample(2.5, 1.3, 0.5);
        var result = LevenbergMarquardt.Minimize(model.Residuals, model.Jacobian, [1.0, 0.1, 0.0], 60);

        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.GradientNorm <= 1e-5);
        var r = new double[60];
        model.Residuals([2.5, 1.3, 0.5], r);
        double truth = 0;
        foreach (double v in r)
            truth += 0.5 * v * v;
        Assert.True(result.Value <= truth, $"{result.Value} > {truth}"); // least squares fits the noise too
        Assert.InRange(result.Solution[1], 1.1, 1.5);
    }

    [Fact]
    public void Minimize_RosenbrockAsLeastSquares_ConvergesToOneOne()
    {
        // r = (10(x₂ − x₁²), 1 − x₁): ½‖r‖² is Rosenbrock / 2.
        static void Residuals(ReadOnlySpan<double> x, Span<double> r)
        {
            r[0] = 10 * (x[1] - x[0] * x[0]);
            r[1] = 1 - x[0];
        }
        static void Jacobian(ReadOnlySpan<double> x, MatrixSpan<double> j)
        {
            j[0, 0] = -20 * x[0];
            j[0, 1] = 10;
            j[1, 0] = -1;
            j[1, 1] = 0;
        }
        var result = LevenbergMarquardt.Minimize(Residuals, Jacobian, [-1.2, 1.0], 2);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.InRange(result.Solution[0], 1 - 1e-6, 1 + 1e-6);
        Assert.InRange(result.Solution[1], 1 - 1e-6, 1 + 1e-6);
        Assert.True(result.Iterations < 30);
    }

    [Fact]
    public void Minimize_ResidualsTurnNaN_StopsWithNonFinite()
    {
        var model = new ExponentialDecay(20, 0).Sample(2, 1, 0);
        int calls = 0;
        void Residuals(ReadOnlySpan<double> p, Span<double> r)
        {
            model.Residuals(p, r);
            if (++calls > 3)
                r[5] = double.NaN;
        }
        var result = LevenbergMarquardt.Minimize(Residuals, model.Jacobian, [1.0, 0.1, 0.0], 20);
        Assert.Equal(StopReason.NonFinite, result.Reason);
        Assert.True(double.IsFinite(result.Value));
        Assert.True(result.Evaluations <= 3 + 10);
    }

    [Fact]
    public void Minimize_IterationLimit_IsReported()
    {
        var model = new ExponentialDecay(20, 0).Sample(2, 1, 0);
        var result = LevenbergMarquardt.Minimize(model.Residuals, model.Jacobian, [1.0, 0.1, 0.0], 20,
            new LevenbergMarquardtOptions { MaxIterations = 2 });
        Assert.Equal(StopReason.IterationLimit, result.Reason);
        Assert.Equal(2, result.Iterations);
    }

    [Fact]
    public void Minimize_InvalidArguments_Throw()
    {
        var model = new ExponentialDecay(5, 0).Sample(1, 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => LevenbergMarquardt.Minimize(model.Residuals, model.Jacobian, [1.0, 1.0, 1.0], 0));
        Assert.Throws<ArgumentNullException>(() => LevenbergMarquardt.Minimize(model.Residuals, null!, [1.0, 1.0, 1.0], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LevenbergMarquardt.Minimize(model.Residuals, model.Jacobian, [1.0, 1.0, 1.0], 5,
            new LevenbergMarquardtOptions { InitialDamping = 0 }));
    }
}
