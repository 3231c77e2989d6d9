using System;
using Simd.Learning.Optimizers;
using Simd.Learning.Optimizers.LineSearch;
using Simd.Numerics.Kernels;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Learning.Optimizers.LineSearch;

public sealed class StrongWolfeLineSearchTests
{
    /// <summary>Starting points and directions on Rosenbrock: steepest descent with poorly scaled first steps
    /// (too long, too short) and random descent directions.</summary>
    public static TheoryData<int, double, double> Cases()
    {
        var data = new TheoryData<int, double, double>();
        foreach (int seed in new[] { 1, 2, 3, 4, 5, 6 })
            foreach (double step in new[] { 1e-6, 1e-3, 1.0, 1e3 })
                foreach (double c2 in new[] { 0.9, 0.1 })
                    data.Add(seed, step, c2);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_Rosenbrock_ReturnsAStepThatSatisfiesTheStrongWolfeConditionsItReports(int seed, double initialStep, double c2)
    {
        const int n = 6;
        var random = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++)
            x[i] = 3 * random.NextDouble() - 1.5;
        var g = new double[n];
        double f = TestObjectives.Rosenbrock(x, g);
        // A random descent direction: −g plus noise, flipped if needed.
        var d = new double[n];
        for (int i = 0; i < n; i++)
            d[i] = -g[i] + SpanMath.Norm2<double>(g) * (random.NextDouble() - 0.5);
        if (SpanMath.Dot<double>(g, d) > 0)
            SpanMath.Scale(-1.0, d.AsSpan());
        double slope = SpanMath.Dot<double>(g, d);
        var options = new LineSearchOptions { Curvature = c2, ApproximateWolfeTolerance = 0 };
        var xTrial = new double[n];
        var gTrial = new double[n];
        double[] xCopy = (double[])x.Clone(), dCopy = (double[])d.Clone();

        var result = StrongWolfeLineSearch.Search(TestObjectives.Rosenbrock, x, f, g, d, initialStep, xTrial, gTrial, options);

        Assert.Equal(LineSearchStatus.Success, result.Status);
        // The workspace holds x + α·d (up to the rounding of one fused multiply-add per element) ...
        for (int i = 0; i < n; i++)
            NumericAssert.Close(x[i] + result.Step * d[i], xTrial[i], Math.Abs(x[i]) + Math.Abs(result.Step * d[i]), 2);
        // ... and φ(α), φ′(α) recomputed independently there are the reported ones, and satisfy both conditions.
        var ga = new double[n];
        double fa = TestObjectives.Rosenbrock(xTrial, ga);
        double dfa = 0;
        for (int i = 0; i < n; i++)
            dfa += ga[i] * d[i];
        Assert.Equal(fa, result.Value);
        Assert.Equal(ga, gTrial);
        NumericAssert.Close(dfa, result.DirectionalDerivative, Math.Abs(slope), 4 * n);
        Assert.True(fa <= f + options.SufficientDecrease * result.Step * slope, "sufficient decrease");
        Assert.True(Math.Abs(dfa) <= c2 * Math.Abs(slope), "strong curvature condition");
        Assert.Equal(xCopy, x);
        Assert.Equal(dCopy, d);
        Assert.InRange(result.Evaluations, 1, options.MaxEvaluations);
    }

    [Fact]
    public void Search_QuadraticWithSmallC2_FindsTheExactOneDimensionalMinimizer()
    {
        // φ(α) = f(x + αd) for f = ½Σ cᵢxᵢ² is a parabola; the cubic through two trials reproduces it exactly.
        double[] c = [1, 10, 100];
        double F(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = 0;
            for (int i = 0; i < 3; i++)
            {
                g[i] = c[i] * x[i];
                f += 0.5 * c[i] * x[i] * x[i];
            }
            return f;
        }
        double[] x = [1, 1, 1], g = new double[3], d = [-1, -10, -100];
        double f0 = F(x, g);
        double exact = -SpanMath.Dot<double>(g, d) / (1 * 1 + 10 * 100 + 100 * 10000); // −gᵀd / dᵀCd
        var result = StrongWolfeLineSearch.Search(F, x, f0, g, d, 1.0, new double[3], new double[3],
            new LineSearchOptions { SufficientDecrease = 1e-7, Curvature = 1e-6 });
        Assert.Equal(LineSearchStatus.Success, result.Status);
        Assert.Equal(exact, result.Step, 1e-12);
    }

    [Fact]
    public void Search_AscentDirection_IsRejectedWithoutEvaluating()
    {
        int calls = 0;
        double F(ReadOnlySpan<double> x, Span<double> g) { calls++; return TestObjectives.Rosenbrock(x, g); }
        double[] x = [-1.2, 1], g = new double[2];
        double f = TestObjectives.Rosenbrock(x, g);
        var result = StrongWolfeLineSearch.Search(F, x, f, g, g, 1.0, new double[2], new double[2]);
        Assert.Equal(LineSearchStatus.NotDescentDirection, result.Status);
        Assert.Equal(0, result.Evaluations);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Search_NaNBeyondSomeStep_BacksOffAndSucceeds()
    {
        // f = ½x² for |x| < 2 and NaN beyond: from x = 1 along d = −1 with a first trial of 100.
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = x[0];
            return Math.Abs(x[0]) < 2 ? 0.5 * x[0] * x[0] : double.NaN;
        }
        double[] x = [1], g = [1], d = [-1];
        var result = StrongWolfeLineSearch.Search(F, x, 0.5, g, d, 100.0, new double[1], new double[1]);
        Assert.True(result.Succeeded, result.Status.ToString());
        Assert.True(double.IsFinite(result.Value));
    }

    [Fact]
    public void Search_AlwaysNaN_ReportsNonFiniteAfterABoundedNumberOfTrials()
    {
        double[] x = [1], g = [1], d = [-1];
        var result = StrongWolfeLineSearch.Search((_, gr) => { gr[0] = 0; return double.NaN; }, x, 0.5, g, d, 1.0, new double[1], new double[1]);
        Assert.Equal(LineSearchStatus.NonFinite, result.Status);
        Assert.Equal(7, result.Evaluations);
    }

    [Fact]
    public void Search_GradientInconsistentWithValue_FailsWithinItsBudget()
    {
        // The reported gradient says "descending" but the value only grows: no step is acceptable.
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = -1;
            return x[0] * x[0] + x[0];
        }
        double[] x = [0], g = [-1], d = [1];
        var options = new LineSearchOptions { MaxEvaluations = 25, ApproximateWolfeTolerance = 0 };
        var result = StrongWolfeLineSearch.Search(F, x, 0, g, d, 1.0, new double[1], new double[1], options);
        Assert.False(result.Succeeded);
        Assert.True(result.Evaluations <= 25);
    }

    [Fact]
    public void Search_InvalidArguments_Throw()
    {
        double[] x = [1, 2], g = [1, 1], d = [-1, -1], w1 = new double[2], w2 = new double[2];
        Assert.Throws<ArgumentException>(() => StrongWolfeLineSearch.Search(TestObjectives.Rosenbrock, x, 0, g, new double[3], 1, w1, w2));
        Assert.Throws<ArgumentException>(() => StrongWolfeLineSearch.Search(TestObjectives.Rosenbrock, x, 0, g, d, 1, x, w2));
        Assert.Throws<ArgumentException>(() => StrongWolfeLineSearch.Search(TestObjectives.Rosenbrock, x, 0, g, d, 1, w1, w1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StrongWolfeLineSearch.Search(TestObjectives.Rosenbrock, x, 0, g, d, 0, w1, w2));
        Assert.Throws<ArgumentOutOfRangeException>(() => StrongWolfeLineSearch.Search(TestObjectives.Rosenbrock, x, 0, g, d, 1, w1, w2,
            new LineSearchOptions { Curvature = 1.5 }));
    }

    [Fact]
    public void CubicMinimizer_OfACubic_IsItsLocalMinimum()
    {
        // φ(α) = (α − 1)³ − 3(α − 1) has its local minimum at α = 2.
        static (double F, double G) Phi(double a) => (Math.Pow(a - 1, 3) - 3 * (a - 1), 3 * (a - 1) * (a - 1) - 3);
        var (f0, g0) = Phi(0.5);
        var (f1, g1) = Phi(3);
        Assert.Equal(2, StrongWolfeLineSearch.CubicMinimizer(0.5, f0, g0, 3, f1, g1), 1e-12);
    }
}
