using System;
using System.Numerics;
using Simd.Learning.Optimizers;
using Simd.TestSupport;
using Xunit;

namespace Simd.Tests.Learning.Optimizers;

/// <summary>The first-order optimizers against textbook reference updates written out in double, plus
/// convergence, clipping, L1, schedules, allocation and argument checks, for float and double.</summary>
public abstract class GradientOptimizerTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int N = 37; // odd: no vector-width alignment
    private static double D(T x) => double.CreateChecked(x);
    private static T[] Cast(double[] v) => Array.ConvertAll(v, T.CreateChecked);

    /// <summary>A deterministic sequence of "minibatch" gradients.</summary>
    private static double[] Gradient(int step, int seed) => Array.ConvertAll(RandomMatrices.Vector<double>(N, seed * 1000 + step), v => 3 * v);

    /// <summary>Runs the optimizer for a few steps and the reference in double; compares at float/double precision.</summary>
    private static void AssertMatchesReference(GradientOptimizer<T> optimizer, Action<double[], double[], int> reference, int steps = 5)
    {
        double[] w0 = RandomMatrices.Vector<double>(N, 42);
        T[] w = Cast(w0);
        double[] wRef = (double[])w0.Clone();
        for (int t = 1; t <= steps; t++)
        {
            double[] g = Gradient(t, 1);
            T[] gT = Cast(g);
            double[] gRef = Array.ConvertAll(gT, D); // the reference sees the same rounded gradient
            T[] gCopy = (T[])gT.Clone();
            optimizer.Step(w, gT);
            reference(wRef, gRef, t);
            Assert.Equal(gCopy, gT); // gradient not modified
        }
        for (int i = 0; i < N; i++)
            NumericAssert.CloseIn<T>(wRef[i], D(w[i]), Math.Abs(wRef[i]) + 1, 64 * steps);
        Assert.Equal(steps, optimizer.StepCount);
    }

    [Theory]
    [InlineData(0.0, false, 0.0)]
    [InlineData(0.9, false, 0.0)]
    [InlineData(0.9, true, 0.0)]
    [InlineData(0.5, true, 0.01)]
    public void Sgd_MatchesTheReferenceUpdate(double momentum, bool nesterov, double weightDecay)
    {
        const double eta = 0.05;
        var v = new double[N];
        AssertMatchesReference(new Sgd<T>(N, eta, momentum, nesterov, weightDecay), (w, g, t) =>
        {
            for (int i = 0; i < N; i++)
            {
                double gi = g[i] + weightDecay * w[i];
                v[i] = momentum * v[i] + gi;
                w[i] -= eta * (momentum == 0 ? gi : nesterov ? gi + momentum * v[i] : v[i]);
            }
        });
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Adam_MatchesTheReferenceUpdate(double weightDecay)
    {
        const double eta = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var m = new double[N];
        var v = new double[N];
        AssertMatchesReference(new Adam<T>(N, eta, b1, b2, eps, weightDecay), (w, g, t) =>
        {
            for (int i = 0; i < N; i++)
            {
                double gi = g[i] + weightDecay * w[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                w[i] -= eta * mHat / (Math.Sqrt(vHat) + eps);
            }
        });
    }

    [Fact]
    public void AdamW_MatchesTheReferenceUpdate_AndDiffersFromAdamWithL2()
    {
        const double eta = 0.01, lambda = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var m = new double[N];
        var v = new double[N];
        AssertMatchesReference(new AdamW<T>(N, eta, lambda, b1, b2, eps), (w, g, t) =>
        {
            for (int i = 0; i < N; i++)
            {
                w[i] -= eta * lambda * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                w[i] -= eta * mHat / (Math.Sqrt(vHat) + eps);
            }
        });

        T[] w1 = Cast(RandomMatrices.Vector<double>(N, 3)), w2 = (T[])w1.Clone();
        T[] g = Cast(Gradient(1, 2));
        new AdamW<T>(N, eta, lambda).Step(w1, g);
        new Adam<T>(N, eta, weightDecay: lambda).Step(w2, g);
        Assert.NotEqual(w1, w2);
    }

    [Fact]
    public void RmsProp_MatchesTheReferenceUpdate()
    {
        const double eta = 0.01, rho = 0.9, eps = 1e-8;
        var v = new double[N];
        AssertMatchesReference(new RmsProp<T>(N, eta, rho, eps), (w, g, t) =>
        {
            for (int i = 0; i < N; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                w[i] -= eta * g[i] / (Math.Sqrt(v[i]) + eps);
            }
        });
    }

    /// <summary>f(w) = ½Σ cᵢ(wᵢ − 1)², condition number 10.</summary>
    private static double Quadratic(T[] w, T[] g)
    {
        double f = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double c = 1 + 9.0 * i / (w.Length - 1), r = D(w[i]) - 1;
            g[i] = T.CreateChecked(c * r);
            f += 0.5 * c * r * r;
        }
        return f;
    }

    public static TheoryData<string> Optimizers() => ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop"];

    private static GradientOptimizer<T> Create(string name) => name switch
    {
        "sgd" => new Sgd<T>(N, 0.1),
        "momentum" => new Sgd<T>(N, 0.05, momentum: 0.9),
        "nesterov" => new Sgd<T>(N, 0.05, momentum: 0.9, nesterov: true),
        "adam" => new Adam<T>(N, new CosineAnnealingSchedule(0.1, 2000, 1e-4)),
        "adamw" => new AdamW<T>(N, new CosineAnnealingSchedule(0.1, 2000, 1e-4), weightDecay: 0),
        _ => new RmsProp<T>(N, new ExponentialDecaySchedule(0.02, 0.5, 200)),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Step_OnAWellConditionedQuadratic_Converges(string name)
    {
        var optimizer = Create(name);
        var w = new T[N];
        var g = new T[N];
        double f0 = Quadratic(w, g), f = f0;
        for (int k = 0; k < 2000; k++)
        {
            f = Quadratic(w, g);
            optimizer.Step(w, g);
        }
        Assert.True(f < 1e-6 * f0, $"{name}: f = {f} from {f0}");
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Step_AllocatesNothing(string name)
    {
        var optimizer = Create(name);
        var w = new T[N];
        var g = new T[N];
        Quadratic(w, g);
        optimizer.Step(w, g); // JIT warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 100; k++)
            optimizer.Step(w, g);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void MaxGradientNorm_EqualsClippingTheGradientFirst_WithoutModifyingIt()
    {
        T[] w1 = Cast(RandomMatrices.Vector<double>(N, 8)), w2 = (T[])w1.Clone();
        T[] g = Cast(Gradient(1, 9));
        T[] gCopy = (T[])g.Clone();
        new Sgd<T>(N, 0.1) { MaxGradientNorm = 0.5 }.Step(w1, g);
        Assert.Equal(gCopy, g);

        T[] clipped = (T[])g.Clone();
        T norm = GradientClipping.ClipByNorm<T>(clipped, T.CreateChecked(0.5));
        Assert.True(D(norm) > 0.5);
        NumericAssert.CloseIn<T>(0.5, D(Simd.Numerics.Kernels.SpanMath.Norm2<T>(clipped)), 0.5, 4 * N);
        new Sgd<T>(N, 0.1).Step(w2, clipped);
        for (int i = 0; i < N; i++)
            NumericAssert.CloseIn<T>(D(w2[i]), D(w1[i]), Math.Abs(D(w2[i])) + 1, 8);
    }

    [Fact]
    public void ClipByNorm_BelowTheLimit_LeavesTheGradientUnchanged()
    {
        T[] g = [T.CreateChecked(0.3), T.CreateChecked(-0.4)];
        Assert.Equal(T.CreateChecked(0.5), GradientClipping.ClipByNorm<T>(g, T.One));
        Assert.Equal([T.CreateChecked(0.3), T.CreateChecked(-0.4)], g);
    }

    [Fact]
    public void L1Strength_SoftThresholdsAfterTheStep_GivingExactZeros()
    {
        // Lasso on a separable quadratic ½Σ(wᵢ − aᵢ)² + λ‖w‖₁: the minimizer is soft-threshold(a, λ), exact zeros
        // where |aᵢ| ≤ λ. Proximal gradient with η = 1 reaches it in one step from anywhere.
        double[] a = RandomMatrices.Vector<double>(N, 12);
        const double lambda = 0.4;
        var optimizer = new Sgd<T>(N, 1.0) { L1Strength = lambda };
        var w = new T[N];
        var g = new T[N];
        for (int k = 0; k < 3; k++)
        {
            for (int i = 0; i < N; i++)
                g[i] = w[i] - T.CreateChecked(a[i]);
            optimizer.Step(w, g);
        }
        int zeros = 0;
        for (int i = 0; i < N; i++)
        {
            double expected = Math.Sign(a[i]) * Math.Max(Math.Abs(a[i]) - lambda, 0);
            NumericAssert.CloseIn<T>(expected, D(w[i]), 1, 8);
            if (expected == 0)
            {
                Assert.Equal(T.Zero, w[i]);
                zeros++;
            }
        }
        Assert.True(zeros > 5);
    }

    [Fact]
    public void SoftThreshold_FollowsItsDefinition()
    {
        T[] x = Cast([2.5, -2.5, 0.5, -0.5, 0, 1]);
        x[^1] = T.NaN;
        Regularization.SoftThreshold<T>(x, T.One);
        Assert.Equal(Cast([1.5, -1.5, 0, 0, 0]), x[..5]);
        Assert.True(T.IsNaN(x[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Regularization.SoftThreshold<T>(x, T.NegativeOne));
    }

    [Fact]
    public void Reset_RestartsFromScratch()
    {
        var optimizer = new Adam<T>(N, 0.01);
        T[] w1 = Cast(RandomMatrices.Vector<double>(N, 4)), w2 = (T[])w1.Clone();
        T[] g = Cast(Gradient(1, 5));
        optimizer.Step(w1, g);
        optimizer.Step(w1, g);
        optimizer.Reset();
        Assert.Equal(0, optimizer.StepCount);
        T[] w3 = (T[])w2.Clone();
        optimizer.Step(w2, g);
        new Adam<T>(N, 0.01).Step(w3, g);
        Assert.Equal(w3, w2);
    }

    [Fact]
    public void Step_UsesTheScheduleAtTheCurrentStep()
    {
        var schedule = new StepDecaySchedule(1.0, 2, 0.5);
        var optimizer = new Sgd<T>(1, schedule);
        T[] w = [T.Zero], g = [T.One];
        double[] expected = [-1, -2, -2.5, -3, -3.25];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(schedule.GetLearningRate(k), optimizer.LearningRate);
            optimizer.Step(w, g);
            Assert.Equal(T.CreateChecked(expected[k]), w[0]);
        }
    }

    [Fact]
    public void Step_InvalidArguments_Throw()
    {
        var optimizer = new Sgd<T>(3, 0.1);
        var w = new T[3];
        Assert.Throws<ArgumentException>(() => optimizer.Step(new T[2], new T[3]));
        Assert.Throws<ArgumentException>(() => optimizer.Step(w, new T[4]));
        Assert.Throws<ArgumentException>(() => optimizer.Step(w.AsSpan(), w));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<T>(3, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<T>(3, 0.1, momentum: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<T>(3, 0.1, beta2: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<T>(3, 0.1, epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp<T>(3, 0.1) { MaxGradientNorm = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp<T>(3, 0.1) { L1Strength = -1 });
        Assert.Throws<ArgumentNullException>(() => new AdamW<T>(3, (ILearningRateSchedule)null!));
    }
}

public sealed class GradientOptimizerTestsDouble : GradientOptimizerTests<double>;

public sealed class GradientOptimizerTestsSingle : GradientOptimizerTests<float>;
