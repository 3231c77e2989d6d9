using System;
using System.Collections.Generic;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Factorizations;
using Simd.TestSupport;
using Simd.TestSupport.Generators;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Factorizations;

public abstract class CholeskyTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Factor (with NaN in the strict upper triangle, which must be neither read nor written), solve and
    /// invert; every LAPACK ratio below 30.</summary>
    private static void CheckAllRatios(Matrix<T> a, string what, bool inverse = true)
    {
        int n = a.Rows;
        var g = new GuardedMatrix<T>(n, n, 2, T.CreateTruncating(99)).Fill(a);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                g.View[i, j] = T.NaN;
        Assert.True(Cholesky.TryFactorInPlace(g.View, out int failed), $"{what}: failed at pivot {failed}");
        Assert.Equal(-1, failed);
        g.AssertGuardsIntact();
        Matrix<T> l = g.ToMatrix();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                Assert.True(T.IsNaN(l[i, j]), $"{what}: the strict upper triangle was written at ({i}, {j})");
        NumericAssert.RatioBelow(LapackRatios.Cholesky(a, l.AsReadOnlySpan()), 30, what + " ‖A−LLᵀ‖");

        Matrix<T> original = a.Clone();
        var chol = CholeskyFactorization<T>.Compute(a);
        Assert.Equal(original.Values.ToArray(), a.Values.ToArray());
        Matrix<T> b = RandomMatrices.Uniform<T>(n, 3, n + 1);
        NumericAssert.RatioBelow(LapackRatios.Solve(a, chol.Solve(b), b), 30, what + " solve");
        T[] b1 = RandomMatrices.Vector<T>(n, n + 2);
        var x = new T[n];
        chol.Solve(b1, x);
        NumericAssert.RatioBelow(LapackRatios.Solve(a, new Matrix<T>(x, n, 1), new Matrix<T>(b1, n, 1)), 30, what + " solve vector");
        if (inverse)
        {
            Matrix<T> inv = chol.Inverse();
            NumericAssert.RatioBelow(LapackRatios.Inverse(a, inv), 30, what + " inverse");
            for (int i = 0; i < n; i++)
                for (int j = 0; j < i; j++)
                    Assert.Equal(inv[i, j], inv[j, i]);
        }
    }

    public static IEnumerable<object[]> Sizes()
    {
        foreach (int n in new[] { 1, 2, 3, 15, 16, 17, 31, 32, 33, 47, 48, 49, 64, 65, 100, 129 })
            yield return new object[] { n };
        var random = new Random(99);
        for (int i = 0; i < 3; i++)
            yield return new object[] { random.Next(1, 301) };
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Spd_AllRatiosBelow30(int n) => CheckAllRatios(TestMatrices.Spd<T>(n, 1e-2, n), $"XᵀX+δI n={n}");

    [Fact]
    public void Spd512_FactorAndSolveRatiosBelow30() =>
        CheckAllRatios(TestMatrices.Spd<T>(512, 1, 512), "XᵀX+I n=512", inverse: false);

    [Theory]
    [InlineData(1e1)]
    [InlineData(1e6)]
    [InlineData(1e12)]
    public void PrescribedCondition_RatiosBelow30_AndEstimateWithinFactor10(double condition)
    {
        // Cholesky of an SPD matrix with κ·ε near or above 1 legitimately fails: such κ are for double only.
        if (condition * NumericAssert.Eps<T>() > 1e-2)
            condition = 1e4;
        foreach (int n in new[] { 40, 130 })
        {
            Matrix<T> a = TestMatrices.SpdWithCondition<T>(n, condition, n);
            CheckAllRatios(a, $"SPD κ={condition:E0} n={n}");
            if (condition * NumericAssert.Eps<T>() < 1e-3)
            {
                double trueCondition = NaiveLu.Condition(a);
                double estimate = 1 / double.CreateChecked(CholeskyFactorization<T>.Compute(a).ReciprocalConditionNumber());
                Assert.True(estimate <= 10 * trueCondition && estimate >= trueCondition / 10,
                    $"κ={condition:E0} n={n}: estimated κ₁ {estimate:E3} vs true {trueCondition:E3}");
            }
        }
    }

    [Fact]
    public void SymmetricallyScaled_RatiosBelow30()
    {
        // D·A·D with D = 10^(±e): still SPD, entries spanning 10^(±2e).
        int e = TestMatrices.ScalingExponent<T>() / 2;
        foreach (int n in new[] { 20, 70 })
        {
            Matrix<T> a = TestMatrices.Spd<T>(n, 1, n);
            var random = new Random(n);
            var d = new T[n];
            for (int i = 0; i < n; i++)
                d[i] = T.CreateTruncating(Math.Pow(10, (random.Next(3) - 1) * e));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    a[i, j] *= d[i] * d[j];
            CheckAllRatios(a, $"D·A·D 1e±{e} n={n}");
        }
    }

    [Fact]
    public void Hilbert_RatiosBelow30_WhileNumericallyPositiveDefinite()
    {
        int max = typeof(T) == typeof(float) ? 6 : 12;
        for (int n = 1; n <= max; n++)
        {
            Matrix<T> h = TestMatrices.Hilbert<T>(n);
            if (NaiveCholesky.Factor(h).FailedPivot >= 0)
                continue;
            if (!CholeskyFactorization<T>.TryCompute(h, out _, out _))
                continue; // numerically semidefinite in T at this size: rejection is a correct answer
            CheckAllRatios(h, $"Hilbert n={n}", inverse: n <= 10);
        }
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 0)]
    [InlineData(10, 9)]
    [InlineData(50, 31)]
    [InlineData(90, 64)]
    public void NegativeLeadingMinor_IsRejectedAtThatPivot(int n, int k)
    {
        Matrix<T> a = TestMatrices.Spd<T>(n, 1, n + k);
        a[k, k] = -T.One;
        Matrix<T> copy = a.Clone();
        Assert.False(Cholesky.TryFactorInPlace(copy.AsSpan(), out int failed));
        Assert.Equal(k, failed);
        var ex = Assert.Throws<MatrixNotPositiveDefiniteException>(() => CholeskyFactorization<T>.Compute(a));
        Assert.Equal(k, ex.PivotIndex);
        Assert.Equal(k + 1, ex.LeadingMinor);
        Assert.Contains($"{k + 1}×{k + 1}", ex.Message);
        Assert.False(CholeskyFactorization<T>.TryCompute(a, out var none, out int pivot));
        Assert.Null(none);
        Assert.Equal(k, pivot);
        Assert.Equal(k, Assert.Throws<MatrixNotPositiveDefiniteException>(() => Cholesky.FactorInPlace(a.Clone().AsSpan())).PivotIndex);
    }

    [Fact]
    public void SymmetricIndefinite_IsRejectedWhereTheTextbookAlgorithmFails()
    {
        foreach (int n in new[] { 3, 20, 77, 140 })
        {
            var eigenvalues = new double[n];
            for (int i = 0; i < n; i++)
                eigenvalues[i] = i % 4 == 1 ? -1 - i : 1 + i;
            Matrix<T> a = TestMatrices.SymmetricWithSpectrum<T>(eigenvalues, n);
            Assert.False(Cholesky.TryFactorInPlace(a.Clone().AsSpan(), out int failed));
            Assert.Equal(NaiveCholesky.Factor(a).FailedPivot, failed);
        }
    }

    [Fact]
    public void NaNOnTheDiagonal_IsReportedAsTheFailingPivot()
    {
        Matrix<T> a = TestMatrices.Spd<T>(40, 1, 1);
        a[17, 17] = T.NaN;
        Assert.False(Cholesky.TryFactorInPlace(a.Clone().AsSpan(), out int failed));
        Assert.Equal(17, failed);
        a = TestMatrices.Spd<T>(40, 1, 1);
        a[30, 5] = T.NaN; // off the diagonal: poisons row 30's pivot
        Assert.False(Cholesky.TryFactorInPlace(a.Clone().AsSpan(), out failed));
        Assert.Equal(30, failed);
    }

    [Fact]
    public void LogDeterminant_MatchesNaive_AndDoesNotOverflow()
    {
        foreach (int n in new[] { 1, 7, 20, 60, 300 })
        {
            Matrix<T> a = TestMatrices.Spd<T>(n, n, n);
            var (l, _) = NaiveCholesky.Factor(a);
            double expected = 0;
            for (int i = 0; i < n; i++)
                expected += 2 * Math.Log(l![i, i]);
            var chol = CholeskyFactorization<T>.Compute(a);
            NumericAssert.CloseIn<T>(expected, double.CreateChecked(chol.LogDeterminant()), Math.Abs(expected), 30 * n);
            double maxLog = typeof(T) == typeof(float) ? 88 : 709; // ln of the largest finite value
            if (expected > maxLog + 1)
                Assert.True(T.IsInfinity(chol.Determinant()), $"det of this {n}×{n} matrix overflows");
            else
                NumericAssert.CloseIn<T>(Math.Exp(expected), double.CreateChecked(chol.Determinant()), Math.Exp(expected), 30 * n * Math.Max(1, Math.Abs(expected)));
        }
    }

    /// <summary>Large enough that the triangular solves split their right-hand sides over threads, that the triangular
    /// inverse and the LᵀL product run their two halves as concurrent branches (nested again on 3 and 4 threads, down
    /// to the order-128 limit), that the top LᵀL level forms X21ᵀX21 from X21ᵀ in the upper triangle (X11 of order
    /// 288 ≥ 256; on one thread while mirroring each half as it becomes final, on several in branches and a split
    /// mirror). The one-thread inverse also meets the LAPACK ratio.</summary>
    [Fact]
    public void FactorAndInverse_LargeEnoughToSplit_AreBitwiseIdenticalForEveryThreadCount()
    {
        Matrix<T> a = TestMatrices.Spd<T>(560, 1, 11);
        Matrix<T> l1 = a.Clone();
        Assert.True(Cholesky.TryFactorInPlace(l1.AsSpan(), out _, Parallelism.Sequential));
        Matrix<T> f1 = l1.Clone();
        Cholesky.InvertInPlace(l1.AsSpan(), Parallelism.Sequential);
        NumericAssert.RatioBelow(LapackRatios.Inverse(a, l1), 30, "n=560 inverse");
        for (int i = 0; i < 560; i++)
            for (int j = 0; j < i; j++)
                Assert.Equal(l1[i, j], l1[j, i]);
        foreach (int threads in new[] { 2, 3, 4 })
        {
            Matrix<T> l2 = a.Clone();
            Assert.True(Cholesky.TryFactorInPlace(l2.AsSpan(), out _, Parallelism.WithMaxThreads(threads)));
            for (int i = 0; i < f1.Values.Length; i++)
                NumericAssert.Identical(f1.Values[i], l2.Values[i]);
            Cholesky.InvertInPlace(l2.AsSpan(), Parallelism.WithMaxThreads(threads));
            for (int i = 0; i < l1.Values.Length; i++)
                NumericAssert.Identical(l1.Values[i], l2.Values[i]);
        }
    }

    [Fact]
    public void Factor_IsBitwiseIdenticalForEveryThreadCount()
    {
        Matrix<T> a = TestMatrices.Spd<T>(200, 1, 5);
        Matrix<T> l1 = a.Clone(), l2 = a.Clone();
        Assert.True(Cholesky.TryFactorInPlace(l1.AsSpan(), out _, Parallelism.Sequential));
        Assert.True(Cholesky.TryFactorInPlace(l2.AsSpan(), out _, Parallelism.WithMaxThreads(4)));
        for (int i = 0; i < l1.Values.Length; i++)
            NumericAssert.Identical(l1.Values[i], l2.Values[i]);
    }

    [Fact]
    public void SolveInPlace_OnAGuardedView()
    {
        int n = 80, k = 45;
        Matrix<T> a = TestMatrices.Spd<T>(n, 1, 3);
        Matrix<T> l = a.Clone();
        Cholesky.FactorInPlace(l.AsSpan());
        Matrix<T> b = RandomMatrices.Uniform<T>(n, k, 4);
        var gb = new GuardedMatrix<T>(n, k, 3, T.NaN).Fill(b);
        Cholesky.SolveInPlace(l.AsReadOnlySpan(), gb.View);
        gb.AssertGuardsIntact();
        NumericAssert.RatioBelow(LapackRatios.Solve(a, gb.ToMatrix(), b), 30, "Cholesky solve in place");
    }

    [Fact]
    public void BadArguments_ThrowNamingParameterAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => CholeskyFactorization<T>.Compute(new Matrix<T>(2, 3)));
        Assert.Equal("a", ex.ParamName);
        Assert.Contains("2×3", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Cholesky.TryFactorInPlace(new Matrix<T>(4, 2).AsSpan(), out _));
        Assert.Equal("a", ex.ParamName);
        var chol = CholeskyFactorization<T>.Compute(Matrix<T>.Identity(3));
        ex = Assert.Throws<ArgumentException>(() => chol.Solve(new T[2], new T[3]));
        Assert.Equal("b", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => Cholesky.SolveInPlace(chol.L, new Matrix<T>(4, 1).AsSpan()));
        Assert.Equal("b", ex.ParamName);
        Assert.Contains("4×1", ex.Message);
    }
}

public sealed class CholeskyTestsDouble : CholeskyTests<double>;

public sealed class CholeskyTestsSingle : CholeskyTests<float>;
