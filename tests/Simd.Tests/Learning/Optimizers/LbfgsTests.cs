using System;
using System.Collections.Generic;
using Simd.Learning.Optimizers;
using Simd.Learning.Optimizers.LineSearch;
using Simd.Numerics.Kernels;
using Simd.TestSupport.Reference;
using Xunit;
using static Simd.Tests.Learning.Optimizers.OptimizerTestHelpers;

namespace Simd.Tests.Learning.Optimizers;

public sealed class LbfgsTests
{
    /// <summary>Issue 7's bar: at most 1.1× the evaluations SciPy's L-BFGS-B needs, to ‖∇f‖ ≤ 1e-5.</summary>
    [Theory]
    [InlineData(2, SciPyEvaluations2)]
    [InlineData(100, SciPyEvaluations100)]
    [InlineData(1000, SciPyEvaluations1000)]
    public void Minimize_Rosenbrock_ConvergesWithin110PercentOfSciPyEvaluations(int n, int scipy)
    {
        double[] x0 = RosenbrockStart(n);
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, x0);

        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.GradientNorm <= 1e-5, $"‖g‖ = {result.GradientNorm}");
        Assert.True(result.Evaluations <= (int)(1.1 * scipy), $"{result.Evaluations} evaluations (SciPy {scipy})");
        Assert.True(result.Value < 1e-9, $"f = {result.Value}"); // the global minimum 0 at (1, …, 1)
        AssertDescribesSolution(TestObjectives.Rosenbrock, result);
        Assert.Equal(RosenbrockStart(n), x0); // input not modified
    }

    [Fact]
    public void Minimize_IllConditionedQuadratic_ConvergesInAtMostNPlusOneSteps()
    {
        // κ = 1e6, n = 8 ≤ m: with a (nearly) exact line search BFGS-type methods end in n steps on a quadratic
        // (quadratic termination); c₂ = 1e-3 makes the cubic zoom land on the 1-D minimizer.
        const int n = 8;
        var (a, b) = IllConditionedQuadratic(n, 1e6, seed: 7);
        var options = new LbfgsOptions
        {
            GradientTolerance = 1e-8,
            LineSearch = new LineSearchOptions { SufficientDecrease = 1e-4, Curvature = 1e-3 },
        };
        var result = Lbfgs.Minimize(Quadratic(a, b), new double[n], options);

        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Iterations <= n + 1, $"{result.Iterations} iterations");
        AssertDescribesSolution(Quadratic(a, b), result);
    }

    [Fact]
    public void Minimize_Beale_FindsTheMinimumAt3AndAHalf()
    {
        var result = Lbfgs.Minimize(TestObjectives.Beale, [1.0, 1.0]);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.InRange(result.Solution[0], 3 - 1e-4, 3 + 1e-4);
        Assert.InRange(result.Solution[1], 0.5 - 1e-4, 0.5 + 1e-4);
        AssertDescribesSolution(TestObjectives.Beale, result);
    }

    [Fact]
    public void Minimize_PowellSingular_ReachesTheGradientTolerance()
    {
        // The Hessian is singular at the minimizer, so convergence is only linear; the gradient test still passes.
        var result = Lbfgs.Minimize(TestObjectives.PowellSingular, [3.0, -1.0, 0.0, 1.0]);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Value < 1e-8, $"f = {result.Value}");
        AssertDescribesSolution(TestObjectives.PowellSingular, result);
    }

    [Fact]
    public void Minimize_LogisticRegressionNonSeparable_MatchesNewton()
    {
        var problem = LogisticRegression.Create(200, separable: false, seed: 3);
        var tight = new LbfgsOptions { GradientTolerance = 1e-8 }; // about the rounding floor √(ε·f·μ) of a value-based line search
        var lbfgs = Lbfgs.Minimize(problem.Value, new double[3], tight);
        var newton = Newton.Minimize(problem.Value, problem.Hessian, new double[3], new MinimizerOptions { GradientTolerance = 1e-9 });

        Assert.True(lbfgs.Reason == StopReason.Converged, $"{lbfgs.Reason} g={lbfgs.GradientNorm} f={lbfgs.Value} it={lbfgs.Iterations} newton {newton.Reason} {newton.GradientNorm}");
        Assert.Equal(StopReason.Converged, newton.Reason);
        // Strictly convex with Hessian ≥ μI: ‖w − w*‖ ≤ ‖∇f(w)‖/μ; μ here is well above 1e-3.
        for (int j = 0; j < 3; j++)
            Assert.InRange(lbfgs.Solution[j] - newton.Solution[j], -1e-6, 1e-6);
        Assert.True(problem.Misclassified(lbfgs.Solution) > 0); // label noise: not separable
    }

    [Fact]
    public void Minimize_LogisticRegressionSeparable_SeparatesTheDataAndStops()
    {
        // No finite minimizer: the loss → 0 as ‖w‖ → ∞ along a separating direction; the gradient vanishes too,
        // so the run stops by the gradient test with every point on its side.
        var problem = LogisticRegression.Create(100, separable: true, seed: 5);
        var result = Lbfgs.Minimize(problem.Value, new double[3]);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.Equal(0, problem.Misclassified(result.Solution));

        // With an L2 penalty the minimizer is finite and unique, and still separates these data.
        var penalized = Regularization.WithL2Penalty(problem.Value, 1e-3);
        var ridge = Lbfgs.Minimize(penalized, new double[3]);
        Assert.Equal(StopReason.Converged, ridge.Reason);
        Assert.Equal(0, problem.Misclassified(ridge.Solution));
        AssertDescribesSolution(penalized, ridge);
    }

    [Fact]
    public void Minimize_ObjectiveTurnsNaNHalfWay_StopsWithNonFiniteAtTheLastGoodPoint()
    {
        int calls = 0;
        double Objective(ReadOnlySpan<double> x, Span<double> g)
        {
            calls++;
            double f = TestObjectives.Rosenbrock(x, g);
            return calls > 20 ? double.NaN : f;
        }

        var result = Lbfgs.Minimize(Objective, RosenbrockStart(2));

        Assert.Equal(StopReason.NonFinite, result.Reason);
        Assert.Equal(calls, result.Evaluations);
        Assert.True(calls <= 20 + 2 * 7 + 1, $"{calls} calls"); // bounded back-off, no endless loop
        Assert.True(double.IsFinite(result.Value) && double.IsFinite(result.GradientNorm));
        var g = new double[2];
        Assert.Equal(TestObjectives.Rosenbrock(result.Solution, g), result.Value);
    }

    [Fact]
    public void Minimize_NaNGradientAtStart_StopsWithNonFinite()
    {
        var result = Lbfgs.Minimize((x, g) => { g.Fill(double.NaN); return 1.0; }, [1.0, 2.0]);
        Assert.Equal(StopReason.NonFinite, result.Reason);
        Assert.Equal(1, result.Evaluations);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void Minimize_ObjectiveInfiniteFarAway_BacksOffAndConverges()
    {
        // f = ½‖x‖² inside the ball of radius 3, +∞ outside: the first trial step overshoots into +∞.
        double Objective(ReadOnlySpan<double> x, Span<double> g)
        {
            x.CopyTo(g);
            double r2 = SpanMath.Dot(x, x);
            return r2 > 9 ? double.PositiveInfinity : 0.5 * r2;
        }
        var result = Lbfgs.Minimize(Objective, [2.0, 0.5], new LbfgsOptions { LineSearch = new LineSearchOptions() });
        Assert.Equal(StopReason.Converged, result.Reason);
    }

    [Fact]
    public void Minimize_Limits_AreReportedAndNeverExceeded()
    {
        double[] x0 = RosenbrockStart(100);
        var byIterations = Lbfgs.Minimize(TestObjectives.Rosenbrock, x0, new LbfgsOptions { MaxIterations = 10 });
        Assert.Equal(StopReason.IterationLimit, byIterations.Reason);
        Assert.Equal(10, byIterations.Iterations);
        AssertDescribesSolution(TestObjectives.Rosenbrock, byIterations);

        var byEvaluations = Lbfgs.Minimize(TestObjectives.Rosenbrock, x0, new LbfgsOptions { MaxEvaluations = 25 });
        Assert.Equal(StopReason.EvaluationLimit, byEvaluations.Reason);
        Assert.True(byEvaluations.Evaluations <= 25);
        AssertDescribesSolution(TestObjectives.Rosenbrock, byEvaluations);
    }

    [Fact]
    public void Minimize_RelativeTolerance_StopsEarlierAsConverged()
    {
        var options = new LbfgsOptions { GradientTolerance = 0, RelativeTolerance = 1e-6 };
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, RosenbrockStart(100), options);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.True(result.Iterations < 514);
    }

    [Fact]
    public void Minimize_WrongGradient_EndsWithLineSearchFailed()
    {
        // The gradient points the wrong way in one coordinate: eventually no step satisfies the Wolfe conditions.
        double Objective(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = TestObjectives.Rosenbrock(x, g);
            g[0] = -g[0] + 1;
            return f;
        }
        var result = Lbfgs.Minimize(Objective, RosenbrockStart(2));
        Assert.Equal(StopReason.LineSearchFailed, result.Reason);
    }

    [Fact]
    public void Minimize_Progress_ReportsEveryIterationWithDecreasingValues()
    {
        var reports = new List<MinimizerProgress>();
        var options = new LbfgsOptions { Progress = new SynchronousProgress(reports.Add) };
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, RosenbrockStart(2), options);

        Assert.Equal(result.Iterations, reports.Count);
        for (int k = 0; k < reports.Count; k++)
        {
            Assert.Equal(k + 1, reports[k].Iteration);
            if (k > 0)
                Assert.True(reports[k].Value < reports[k - 1].Value);
        }
        Assert.Equal(result.Value, reports[^1].Value);
        Assert.Equal(result.Evaluations, reports[^1].Evaluations);
    }

    [Fact]
    public void Minimize_AllocatesNothingPerIteration()
    {
        double[] x0 = RosenbrockStart(100);
        Lbfgs.Minimize(TestObjectives.Rosenbrock, x0, new LbfgsOptions { MaxIterations = 200 }); // warm up (JIT tiers)
        long Allocated(int iterations)
        {
            var options = new LbfgsOptions { MaxIterations = iterations };
            long before = GC.GetAllocatedBytesForCurrentThread();
            Lbfgs.Minimize(TestObjectives.Rosenbrock, x0, options);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        long few = Allocated(5), many = Allocated(200);
        Assert.Equal(few, many);
    }

    [Fact]
    public void Minimize_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Lbfgs.Minimize(null!, [1.0]));
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(TestObjectives.Rosenbrock, ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(TestObjectives.Rosenbrock, [1.0, 1.0], new LbfgsOptions { Memory = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(TestObjectives.Rosenbrock, [1.0, 1.0], new LbfgsOptions { GradientTolerance = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(TestObjectives.Rosenbrock, [1.0, 1.0],
            new LbfgsOptions { LineSearch = new LineSearchOptions { SufficientDecrease = 0.5, Curvature = 0.1 } }));
    }

    [Fact]
    public void Minimize_AtTheMinimum_ReturnsAtOnce()
    {
        var result = Lbfgs.Minimize(TestObjectives.Rosenbrock, [1.0, 1.0]);
        Assert.Equal(StopReason.Converged, result.Reason);
        Assert.Equal(0, result.Iterations);
        Assert.Equal(1, result.Evaluations);
    }

    /// <summary>IProgress that calls back on the reporting thread (Progress&lt;T&gt; would post to the pool).</summary>
    internal sealed class SynchronousProgress(Action<MinimizerProgress> report) : IProgress<MinimizerProgress>
    {
        public void Report(MinimizerProgress value) => report(value);
    }
}
