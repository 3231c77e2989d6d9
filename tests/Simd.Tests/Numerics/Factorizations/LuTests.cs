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

public abstract class LuTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static bool IsFloat => typeof(T) == typeof(float);

    /// <summary>Factor, solve (A and Aᵀ, one and many right-hand sides) and invert; every LAPACK ratio below 30.</summary>
    private static void CheckAllRatios(Matrix<T> a, string what, bool inverse = true, int rhs = 3)
    {
        int n = a.Rows;
        Matrix<T> original = a.Clone();
        var lu = LuFactorization<T>.Compute(a);
        Assert.Equal(original.Values.ToArray(), a.Values.ToArray()); // input unchanged
        Assert.False(lu.IsSingular, what + ": unexpectedly singular");
        NumericAssert.RatioBelow(LapackRatios.Lu(a, lu.Factors, lu.Pivots), 30, what + " ‖PA−LU‖");
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                Assert.True(T.Abs(lu.Factors[i, j]) <= T.One, $"{what}: |L[{i},{j}]| > 1, so the pivoting is not partial pivoting");

        Matrix<T> b = RandomMatrices.Uniform<T>(n, rhs, n + 1);
        NumericAssert.RatioBelow(LapackRatios.Solve(a, lu.Solve(b), b), 30, what + " solve");
        NumericAssert.RatioBelow(LapackRatios.Solve(a, lu.SolveTransposed(b), b, transpose: true), 30, what + " solve Aᵀ");

        var x = new T[n];
        T[] b1 = RandomMatrices.Vector<T>(n, n + 2);
        lu.Solve(b1, x);
        NumericAssert.RatioBelow(LapackRatios.Solve(a, new Matrix<T>(x, n, 1), new Matrix<T>(b1, n, 1)), 30, what + " solve vector");
        lu.SolveTransposed(b1, x);
        NumericAssert.RatioBelow(LapackRatios.Solve(a, new Matrix<T>(x, n, 1), new Matrix<T>(b1, n, 1), transpose: true), 30, what + " solve vector Aᵀ");

        if (inverse)
            NumericAssert.RatioBelow(LapackRatios.Inverse(a, lu.Inverse()), 30, what + " inverse");
    }

    public static IEnumerable<object[]> Sizes()
    {
        // Around the panel width (16), the TRSM threshold (32), the inverse block (64), and random sizes up to 300.
        foreach (int n in new[] { 1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 96, 127, 129 })
            yield return new object[] { n };
        var random = new Random(2024);
        for (int i = 0; i < 4; i++)
            yield return new object[] { random.Next(1, 301) };
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Random_AllRatiosBelow30(int n) => CheckAllRatios(RandomMatrices.Uniform<T>(n, n, n), $"random n={n}");

    [Fact]
    public void Random512_FactorAndSolveRatiosBelow30()
    {
        // The one large case: the inverse ratio needs an O(n³) reference product, kept to the sizes above.
        Matrix<T> a = RandomMatrices.Uniform<T>(512, 512, 512);
        CheckAllRatios(a, "random n=512", inverse: false, rhs: 2);
    }

    [Theory]
    [InlineData(1e1)]
    [InlineData(1e6)]
    [InlineData(1e12)]
    public void PrescribedCondition_RatiosBelow30_AndEstimateWithinFactor10(double condition)
    {
        foreach (int n in new[] { 40, 130 })
        {
            Matrix<T> a = TestMatrices.WithCondition<T>(n, condition, n);
            CheckAllRatios(a, $"κ={condition:E0} n={n}");
            // The estimate is only meaningful while the factorization carries some digits: κ·ε well below 1.
            if (condition * NumericAssert.Eps<T>() < 1e-3)
            {
                double trueCondition = NaiveLu.Condition(a);
                double estimate = 1 / double.CreateChecked(LuFactorization<T>.Compute(a).ReciprocalConditionNumber());
                Assert.True(estimate <= 10 * trueCondition && estimate >= trueCondition / 10,
                    $"κ={condition:E0} n={n}: estimated κ₁ {estimate:E3} vs true {trueCondition:E3}");
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BadlyScaled_RatiosBelow30(bool rows)
    {
        foreach (int n in new[] { 20, 70 })
        {
            Matrix<T> a = TestMatrices.Scaled(RandomMatrices.Uniform<T>(n, n, n + 9), rows, TestMatrices.ScalingExponent<T>(), n);
            CheckAllRatios(a, $"scaled {(rows ? "rows" : "columns")} 1e±{TestMatrices.ScalingExponent<T>()} n={n}");
        }
    }

    [Fact]
    public void Hilbert_RatiosBelow30()
    {
        for (int n = 1; n <= 12; n++)
            CheckAllRatios(TestMatrices.Hilbert<T>(n), $"Hilbert n={n}");
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(5, 2)]
    [InlineData(40, 39)]
    [InlineData(70, 33)]
    public void ZeroColumn_CompletesAndReportsThatPivot(int n, int column)
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(n, n, n);
        for (int i = 0; i < n; i++)
            a[i, column] = T.Zero;
        var pivots = new int[n];
        Matrix<T> factors = a.Clone();
        Assert.False(Lu.TryFactorInPlace(factors.AsSpan(), pivots, out int zeroPivot));
        Assert.Equal(column, zeroPivot);
        Assert.Equal(NaiveLu.Factor(a).ZeroPivot, zeroPivot);
        // Completed: the factors still reproduce P·A.
        NumericAssert.RatioBelow(LapackRatios.Lu(a, factors.AsReadOnlySpan(), pivots), 30, "singular PA = LU");

        var lu = LuFactorization<T>.Compute(a);
        Assert.True(lu.IsSingular);
        Assert.Equal(column, lu.ZeroPivot);
        var ex = Assert.Throws<SingularMatrixException>(() => lu.Solve(new T[n], new T[n]));
        Assert.Equal(column, ex.PivotIndex);
        Assert.Contains(column.ToString(), ex.Message);
        Assert.Equal(column, Assert.Throws<SingularMatrixException>(() => lu.Inverse()).PivotIndex);
        Assert.Equal(column, Assert.Throws<SingularMatrixException>(() => lu.Solve(new Matrix<T>(n, 2))).PivotIndex);
        Assert.Equal(column, Assert.Throws<SingularMatrixException>(() => Lu.FactorInPlace(a.Clone().AsSpan(), pivots)).PivotIndex);
        Assert.Equal(T.Zero, lu.Determinant());
        Assert.Equal(T.NegativeInfinity, lu.LogDeterminant(out int sign));
        Assert.Equal(0, sign);
        Assert.Equal(T.Zero, lu.ReciprocalConditionNumber());
    }

    [Fact]
    public void RepeatedRows_AreSingularOrFlaggedByTheConditionEstimate()
    {
        // Two equal rows stay equal through elimination only if every row is updated with identical roundings;
        // vector bodies and scalar tails may round differently, so a tiny nonzero pivot is a correct outcome too.
        foreach (int n in new[] { 2, 9, 50, 101 })
        {
            Matrix<T> a = RandomMatrices.Uniform<T>(n, n, n);
            a.Row(n / 3).CopyTo(a.Row(n - 1));
            var lu = LuFactorization<T>.Compute(a);
            double rcond = double.CreateChecked(lu.ReciprocalConditionNumber());
            Assert.True(lu.IsSingular || rcond < 100 * n * NumericAssert.Eps<T>(), $"n={n}: rcond {rcond:E3} for two equal rows");
            if (lu.IsSingular)
                Assert.Throws<SingularMatrixException>(() => lu.Solve(new T[n], new T[n]));
        }
    }

    [Fact]
    public void RankDeficient_ConditionEstimateFlagsIt()
    {
        // A = X·Y with inner dimension n − 1: singular, though rounding may leave every pivot nonzero.
        int n = 60;
        Matrix<T> x = RandomMatrices.Uniform<T>(n, n - 1, 1), y = RandomMatrices.Uniform<T>(n - 1, n, 2);
        Matrix<T> a = Simd.Numerics.Blas.Gemm.Multiply(x, y);
        var lu = LuFactorization<T>.Compute(a);
        double rcond = double.CreateChecked(lu.ReciprocalConditionNumber());
        Assert.True(lu.IsSingular || rcond < 100 * n * NumericAssert.Eps<T>(), $"rcond {rcond:E3} does not flag a rank-deficient matrix");
    }

    [Fact]
    public void NaNAndInfinity_PropagateWithoutHanging()
    {
        int n = 40;
        Matrix<T> a = RandomMatrices.Uniform<T>(n, n, 7);
        a[5, 9] = T.NaN;
        var lu = LuFactorization<T>.Compute(a);
        var x = new T[n];
        lu.Solve(RandomMatrices.Vector<T>(n, 1), x);
        Assert.Contains(x, T.IsNaN);
        Assert.True(T.IsNaN(lu.Determinant()));
        Assert.True(T.IsNaN(lu.ReciprocalConditionNumber()));

        a = RandomMatrices.Uniform<T>(n, n, 8);
        a[3, 3] = T.PositiveInfinity;
        lu = LuFactorization<T>.Compute(a);
        lu.Solve(RandomMatrices.Vector<T>(n, 1), x);
        // IEEE arithmetic may legitimately turn ∞ into a finite answer (x[3] = y/∞ = 0); the determinant keeps it.
        Assert.False(T.IsFinite(lu.Determinant()));
    }

    [Fact]
    public void Determinant_MatchesNaiveProduct_AndLogDeterminantDoesNotOverflow()
    {
        foreach (int n in new[] { 1, 2, 5, 20, 45 })
        {
            Matrix<T> a = RandomMatrices.Uniform<T>(n, n, n + 100);
            var (factors, pivots, _) = NaiveLu.Factor(a);
            double expected = 1;
            for (int i = 0; i < n; i++)
                expected *= pivots[i] != i ? -factors[i, i] : factors[i, i];
            var lu = LuFactorization<T>.Compute(a);
            double kappa = NaiveLu.Condition(a);
            NumericAssert.CloseIn<T>(expected, double.CreateChecked(lu.Determinant()), Math.Abs(expected), 30 * n * kappa);
            double log = double.CreateChecked(lu.LogDeterminant(out int sign));
            Assert.Equal(Math.Sign(expected), sign);
            NumericAssert.CloseIn<T>(Math.Log(Math.Abs(expected)), log, 1, 30 * n * kappa);
        }

        // 300×300 with |det| ≈ 10^600: the product overflows, the logarithm does not.
        int m = 300;
        Matrix<T> big = RandomMatrices.Uniform<T>(m, m, 3);
        for (int i = 0; i < m; i++)
            big[i, i] += T.CreateTruncating(IsFloat ? 100 : 1e2);
        var bigLu = LuFactorization<T>.Compute(big);
        Assert.True(T.IsInfinity(bigLu.Determinant()));
        double bigLog = double.CreateChecked(bigLu.LogDeterminant(out int bigSign));
        Assert.True(double.IsFinite(bigLog) && bigLog > 1000, $"log|det| = {bigLog}");
        Assert.NotEqual(0, bigSign);
        var (bf, _, _) = NaiveLu.Factor(big);
        double reference = 0;
        for (int i = 0; i < m; i++)
            reference += Math.Log(Math.Abs(bf[i, i]));
        NumericAssert.CloseIn<T>(reference, bigLog, reference, 30 * m);
    }

    /// <summary>The vectorized pivot search picks the same index as the reference IxAMAX loop: ties (the first wins),
    /// signed zeros, ±∞, NaN anywhere (never chosen over a number; a leading NaN is kept), every length around the
    /// vector widths.</summary>
    [Fact]
    public void PivotSearch_MatchesReferenceIamax_WithTiesNaNAndInfinity()
    {
        var random = new Random(7);
        T[] specials = [T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.Zero, T.NegativeZero, T.One, -T.One];
        for (int length = 0; length <= 70; length++)
            for (int trial = 0; trial < 40; trial++)
            {
                var x = new T[length];
                for (int i = 0; i < length; i++)
                    x[i] = T.CreateTruncating(random.Next(-3, 4));          // small integers: many ties
                int extras = trial % 4;
                for (int e = 0; e < extras && length > 0; e++)
                    x[random.Next(length)] = specials[random.Next(specials.Length)];
                if (trial == 39 && length > 0)
                    x[0] = T.NaN;
                Assert.Equal(NaiveIamax.IndexOfMaxMagnitude(x), Lu.IndexOfMaxMagnitude<T>(x));
            }
    }

    /// <summary>Large enough that the triangular solves split their right-hand sides over threads, and so do the
    /// factorization's row interchanges (ranges of columns: 384 pivots × 384 columns at the top) and the column
    /// interchanges of the inverse (bands of rows).</summary>
    [Fact]
    public void FactorAndInverse_LargeEnoughToSplit_AreBitwiseIdenticalForEveryThreadCount()
    {
        int n = 768;
        Matrix<T> a = RandomMatrices.Uniform<T>(n, n, 43);
        Matrix<T> x1 = a.Clone();
        var p1 = new int[n];
        Lu.FactorInPlace(x1.AsSpan(), p1, Parallelism.Sequential);
        Matrix<T> f1 = x1.Clone();
        Lu.InvertInPlace(x1.AsSpan(), p1, Parallelism.Sequential);
        foreach (int threads in new[] { 2, 3 })
        {
            Matrix<T> x2 = a.Clone();
            var p2 = new int[n];
            Lu.FactorInPlace(x2.AsSpan(), p2, Parallelism.WithMaxThreads(threads));
            Assert.Equal(p1, p2);
            for (int i = 0; i < f1.Values.Length; i++)
                NumericAssert.Identical(f1.Values[i], x2.Values[i]);
            Lu.InvertInPlace(x2.AsSpan(), p2, Parallelism.WithMaxThreads(threads));
            for (int i = 0; i < x1.Values.Length; i++)
                NumericAssert.Identical(x1.Values[i], x2.Values[i]);
        }
    }

    /// <summary>n = 459 splits into 64-column panels and a last panel of 11 columns (one 8-column block and one of 3),
    /// so the left-looking panel kernel runs its full-block, narrow-block and scalar-tail paths next to threaded
    /// GEMMs and triangular solves; the factors and the LAPACK ratio must not depend on the thread count.</summary>
    [Fact]
    public void Factor_WithNarrowPanelBlocks_IsBitwiseIdenticalForEveryThreadCount()
    {
        int n = 459;
        Matrix<T> a = RandomMatrices.Uniform<T>(n, n, 459);
        Matrix<T> x1 = a.Clone(), x2 = a.Clone();
        var p1 = new int[n];
        var p2 = new int[n];
        Lu.FactorInPlace(x1.AsSpan(), p1, Parallelism.Sequential);
        Lu.FactorInPlace(x2.AsSpan(), p2, Parallelism.WithMaxThreads(2));
        Assert.Equal(p1, p2);
        for (int i = 0; i < x1.Values.Length; i++)
            NumericAssert.Identical(x1.Values[i], x2.Values[i]);
        NumericAssert.RatioBelow(LapackRatios.Lu(a, x1.AsReadOnlySpan(), p1), 30, "n=459");
    }

    [Fact]
    public void FactorInPlace_OnAStridedView_WritesOnlyTheView_AndIsThreadCountIndependent()
    {
        int n = 150;
        Matrix<T> a = RandomMatrices.Uniform<T>(n, n, 42);
        var g1 = new GuardedMatrix<T>(n, n, 5, T.CreateTruncating(1234)).Fill(a);
        var g2 = new GuardedMatrix<T>(n, n, 1, T.CreateTruncating(1234)).Fill(a);
        var p1 = new int[n];
        var p2 = new int[n];
        Lu.FactorInPlace(g1.View, p1, Parallelism.Sequential);
        Lu.FactorInPlace(g2.View, p2, Parallelism.WithMaxThreads(4));
        g1.AssertGuardsIntact();
        g2.AssertGuardsIntact();
        Assert.Equal(p1, p2);
        Matrix<T> f1 = g1.ToMatrix(), f2 = g2.ToMatrix();
        for (int i = 0; i < f1.Values.Length; i++)
            NumericAssert.Identical(f1.Values[i], f2.Values[i]);
        NumericAssert.RatioBelow(LapackRatios.Lu(a, f1.AsReadOnlySpan(), p1), 30, "strided view");

        // In-place inverse on a view, with the workspace query.
        var inv = new GuardedMatrix<T>(n, n, 3, T.CreateTruncating(-77)).Fill(f1);
        var workspace = new T[Lu.GetInverseWorkspaceLength(n)];
        Lu.InvertInPlace(inv.View, p1, workspace);
        inv.AssertGuardsIntact();
        NumericAssert.RatioBelow(LapackRatios.Inverse(a, inv.ToMatrix()), 30, "in-place inverse");
    }

    [Fact]
    public void SolveInPlace_ManyRightHandSides_OnAGuardedView()
    {
        int n = 90, k = 70;
        Matrix<T> a = RandomMatrices.Uniform<T>(n, n, 5);
        var factors = a.Clone();
        var pivots = new int[n];
        Lu.FactorInPlace(factors.AsSpan(), pivots);
        Matrix<T> b = RandomMatrices.Uniform<T>(n, k, 6);
        foreach (MatrixOp op in new[] { MatrixOp.None, MatrixOp.Transpose })
        {
            var gb = new GuardedMatrix<T>(n, k, 4, T.NaN).Fill(b);
            Lu.SolveInPlace(factors.AsReadOnlySpan(), pivots, gb.View, op);
            gb.AssertGuardsIntact();
            NumericAssert.RatioBelow(LapackRatios.Solve(a, gb.ToMatrix(), b, op == MatrixOp.Transpose), 30, $"solve in place {op}");
        }
    }

    [Fact]
    public void BadArguments_ThrowNamingParameterAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => LuFactorization<T>.Compute(new Matrix<T>(3, 4)));
        Assert.Equal("a", ex.ParamName);
        Assert.Contains("3×4", ex.Message);
        Assert.Throws<ArgumentNullException>(() => LuFactorization<T>.Compute(null!));
        ex = Assert.Throws<ArgumentException>(() => Lu.TryFactorInPlace(new Matrix<T>(3, 3).AsSpan(), new int[2], out _));
        Assert.Equal("pivots", ex.ParamName);

        var lu = LuFactorization<T>.Compute(Matrix<T>.Identity(4));
        ex = Assert.Throws<ArgumentException>(() => lu.Solve(new T[3], new T[4]));
        Assert.Equal("b", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => lu.Solve(new T[4], new T[5]));
        Assert.Equal("x", ex.ParamName);
        ex = Assert.Throws<ArgumentException>(() => lu.Solve(new Matrix<T>(5, 2)));
        Assert.Equal("b", ex.ParamName);
        Assert.Contains("5×2", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Lu.SolveInPlace(lu.Factors, new[] { 0, 0, 2, 3 }, new T[4]));
        Assert.Equal("pivots", ex.ParamName);
    }

    [Fact]
    public void EmptyMatrix_IsTrivial()
    {
        var lu = LuFactorization<T>.Compute(new Matrix<T>(0, 0));
        Assert.False(lu.IsSingular);
        Assert.Equal(T.One, lu.Determinant());
        Assert.Equal(0, lu.Inverse().Rows);
        Assert.Equal(T.One, lu.ReciprocalConditionNumber());
    }
}

public sealed class LuTestsDouble : LuTests<double>
{
    [Fact]
    public void Random1000_FactorRatioBelow30_LogDeterminantFinite()
    {
        // The one n = 1000 case (double only, to keep the four CI passes short): factor ratio and log|det|.
        Matrix<double> a = RandomMatrices.Uniform<double>(1000, 1000, 1000);
        var lu = LuFactorization<double>.Compute(a);
        NumericAssert.RatioBelow(LapackRatios.Lu(a, lu.Factors, lu.Pivots), 30, "random n=1000");
        Assert.True(double.IsFinite(lu.LogDeterminant(out int sign)) && sign != 0);
    }
}

public sealed class LuTestsSingle : LuTests<float>;
