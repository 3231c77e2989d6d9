using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Eigen;
using Simd.TestSupport;
using Simd.TestSupport.Generators;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Eigen;

public abstract class SymmetricEigenDecompositionTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double EigenThreshold = 60; // LAPACK's threshold for its eigen tests

    private static double Eps => NumericAssert.Eps<T>();

    private static double Norm1(double[,] m)
    {
        double best = 0;
        for (int j = 0; j < m.GetLength(1); j++)
        {
            double s = 0;
            for (int i = 0; i < m.GetLength(0); i++) s += Math.Abs(m[i, j]);
            best = Math.Max(best, s);
        }
        return best;
    }

    private static double[,] ToDouble(Matrix<T> a)
    {
        var r = new double[a.Rows, a.Columns];
        for (int i = 0; i < a.Rows; i++)
            for (int j = 0; j < a.Columns; j++)
                r[i, j] = double.CreateChecked(a[i, j]);
        return r;
    }

    /// <summary>‖A − Z·Λ·Zᵀ‖₁/(n‖A‖₁ε) (or ‖A·Z − Z·Λ‖ for a partial Z) and ‖I − ZᵀZ‖₁/(nε), plus the sign convention.</summary>
    private static void AssertDecomposition(Matrix<T> a, ReadOnlySpan<T> values, Matrix<T> z, string what)
    {
        int n = a.Rows, k = z.Columns;
        double[,] ad = ToDouble(a), zd = ToDouble(z);
        double anorm = Math.Max(Norm1(ad), double.Epsilon);
        var residual = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int p = 0; p < n; p++) s += ad[i, p] * zd[p, j];
                residual[i, j] = s - zd[i, j] * double.CreateChecked(values[j]);
            }
        double ratio = Norm1(residual) / anorm / (Math.Max(n, 1) * Eps);
        NumericAssert.RatioBelow(ratio, EigenThreshold, $"{what}: ‖AZ − ZΛ‖/(n‖A‖ε)");

        var gram = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int p = 0; p < n; p++) s += zd[p, i] * zd[p, j];
                gram[i, j] = (i == j ? 1 : 0) - s;
            }
        NumericAssert.RatioBelow(Norm1(gram) / (Math.Max(n, 1) * Eps), EigenThreshold, $"{what}: ‖I − ZᵀZ‖/(nε)");

        for (int j = 0; j < k; j++)
        {
            if (j > 0)
                Assert.True(values[j - 1] <= values[j], $"{what}: eigenvalues not ascending at {j}");
            int arg = 0;
            for (int p = 1; p < n; p++)
                if (Math.Abs(zd[p, j]) > Math.Abs(zd[arg, j])) arg = p;
            Assert.True(zd[arg, j] > 0, $"{what}: column {j} breaks the sign convention");
        }
    }

    /// <summary>Compared with the independent cyclic-Jacobi oracle: |λᵢ − λᵢ(Jacobi)|/(n‖A‖ε).</summary>
    private static void AssertMatchesJacobi(Matrix<T> a, ReadOnlySpan<T> values, string what)
    {
        double[,] ad = ToDouble(a);
        double[] reference = JacobiEigen.Eigenvalues(ad);
        double anorm = Math.Max(Norm1(ad), double.Epsilon);
        double worst = 0;
        for (int i = 0; i < reference.Length; i++)
            worst = Math.Max(worst, Math.Abs(double.CreateChecked(values[i]) - reference[i]));
        NumericAssert.RatioBelow(worst / anorm / (Math.Max(a.Rows, 1) * Eps), EigenThreshold, $"{what}: vs Jacobi");
    }

    private static void FullCheck(Matrix<T> a, string what, bool jacobi = true)
    {
        Matrix<T> copy = a.Clone();
        var full = SymmetricEigenDecomposition<T>.Compute(a);
        Assert.Equal(copy.Values.ToArray(), a.Values.ToArray()); // input unchanged
        AssertDecomposition(a, full.Values, full.Vectors, what);
        if (jacobi)
            AssertMatchesJacobi(a, full.Values, what);

        // The values-only path runs the root-free iteration (xSTERF) on the same (d, e): ascending, and within
        // n‖A‖ε of the values of the full decomposition (and of the Jacobi oracle).
        var valuesOnly = SymmetricEigenDecomposition<T>.Compute(a, computeVectors: false);
        Assert.False(valuesOnly.HasVectors);
        Assert.Equal(copy.Values.ToArray(), a.Values.ToArray());
        double anorm = Math.Max(Norm1(ToDouble(a)), double.Epsilon), worst = 0;
        for (int i = 0; i < a.Rows; i++)
        {
            if (i > 0)
                Assert.True(valuesOnly.Values[i - 1] <= valuesOnly.Values[i], $"{what}: values-only not ascending at {i}");
            worst = Math.Max(worst, Math.Abs(double.CreateChecked(full.Values[i]) - double.CreateChecked(valuesOnly.Values[i])));
        }
        NumericAssert.RatioBelow(worst / anorm / (Math.Max(a.Rows, 1) * Eps), EigenThreshold, $"{what}: values-only vs full");
        if (jacobi)
            AssertMatchesJacobi(a, valuesOnly.Values, $"{what} (values only)");
    }

    public static TheoryData<int> RandomSizes()
    {
        var data = new TheoryData<int> { 1, 2, 3, 5, 17, 33, 64, 65 };
        var random = new Random(5);
        for (int i = 0; i < 4; i++) data.Add(random.Next(66, 301));
        return data;
    }

    [Theory]
    [MemberData(nameof(RandomSizes))]
    public void Compute_RandomSymmetric_MeetsLapackRatios(int n) =>
        FullCheck(SymmetricMatrices.Random<T>(n, 100 + n), $"random n={n}", jacobi: n <= 130);

    [Fact]
    public void Compute_Random512_MeetsLapackRatios() =>
        FullCheck(SymmetricMatrices.Random<T>(512, 512), "random n=512", jacobi: false);

    [Fact]
    public void Compute_SpecialMatrices_AreExact()
    {
        foreach (int n in new[] { 1, 2, 7, 40 })
        {
            var zero = SymmetricEigenDecomposition<T>.Compute(new Matrix<T>(n, n));
            for (int i = 0; i < n; i++) Assert.Equal(T.Zero, zero.Values[i]);
            AssertDecomposition(new Matrix<T>(n, n), zero.Values, zero.Vectors, $"zero n={n}");

            var identity = SymmetricEigenDecomposition<T>.Compute(Matrix<T>.Identity(n));
            for (int i = 0; i < n; i++) Assert.Equal(T.One, identity.Values[i]);
            AssertDecomposition(Matrix<T>.Identity(n), identity.Values, identity.Vectors, $"identity n={n}");

            var diagonal = new Matrix<T>(n, n);
            for (int i = 0; i < n; i++) diagonal[i, i] = T.CreateTruncating((i * 7919) % 13 - 6.5);
            var dd = SymmetricEigenDecomposition<T>.Compute(diagonal);
            var expected = new double[n];
            for (int i = 0; i < n; i++) expected[i] = (i * 7919) % 13 - 6.5;
            Array.Sort(expected);
            for (int i = 0; i < n; i++) Assert.Equal(T.CreateTruncating(expected[i]), dd.Values[i]);
            AssertDecomposition(diagonal, dd.Values, dd.Vectors, $"diagonal n={n}");
        }

        var one = SymmetricEigenDecomposition<T>.Compute(new Matrix<T>(new[,] { { T.CreateTruncating(-3) } }));
        Assert.Equal(T.CreateTruncating(-3), one.Values[0]);
        Assert.Equal(T.One, one.Vectors[0, 0]);

        var two = new Matrix<T>(new[,] { { T.CreateTruncating(2), T.One }, { T.One, T.CreateTruncating(2) } });
        var d2 = SymmetricEigenDecomposition<T>.Compute(two);
        NumericAssert.Close(T.One, d2.Values[0], T.CreateTruncating(2), 4);
        NumericAssert.Close(T.CreateTruncating(3), d2.Values[1], T.CreateTruncating(3), 4);
        AssertDecomposition(two, d2.Values, d2.Vectors, "2×2");

        var empty = SymmetricEigenDecomposition<T>.Compute(new Matrix<T>(0, 0));
        Assert.Equal(0, empty.Values.Length);
    }

    public static TheoryData<string> Spectra() => new() { "clustered", "repeated", "graded", "geometric", "one-big" };

    /// <summary>The prescribed eigenvalues of <see cref="Spectra"/>: graded ones span 1e±150 in double, 1e±15 in float.</summary>
    private static double[] Spectrum(string kind, int n)
    {
        bool isDouble = typeof(T) == typeof(double);
        var lambda = new double[n];
        for (int i = 0; i < n; i++)
            lambda[i] = kind switch
            {
                "clustered" => 1 + i * 1e-12 * (i % 3),
                "repeated" => i < n / 2 ? 2.0 : -1.0,
                "graded" => Math.Pow(10, (isDouble ? 150.0 : 15.0) * (2.0 * i / (n - 1) - 1)) * (i % 2 == 0 ? 1 : -1),
                "geometric" => Math.Pow(2, -i),
                _ => i == n - 1 ? 1e6 : i,
            };
        return lambda;
    }

    [Theory]
    [MemberData(nameof(Spectra))]
    public void Compute_PrescribedSpectrum_MeetsRatiosAndFindsIt(string kind)
    {
        int n = 60;
        double[] lambda = Spectrum(kind, n);
        Matrix<T> a = SymmetricMatrices.WithSpectrum<T>(lambda, 42);
        FullCheck(a, kind, jacobi: true);

        if (kind is "clustered" or "repeated")
        {
            // The spectrum is well-conditioned: each computed value is within n·‖A‖·ε of the prescribed one.
            var values = SymmetricEigenDecomposition<T>.Compute(a, computeVectors: false).Values;
            double[] sorted = (double[])lambda.Clone();
            Array.Sort(sorted);
            double scale = Math.Max(Math.Abs(sorted[0]), Math.Abs(sorted[^1]));
            for (int i = 0; i < n; i++)
                NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(values[i]) - sorted[i]) / (n * scale * Eps), EigenThreshold, $"{kind} λ{i}");
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(41)]
    public void Compute_WilkinsonPlus_NearlyEqualTopPair(int n)
    {
        Matrix<T> a = SymmetricMatrices.WilkinsonPlus<T>(n);
        FullCheck(a, $"W{n}+");
        var d = SymmetricEigenDecomposition<T>.Compute(a);
        if (n == 21 && typeof(T) == typeof(double))
        {
            // Known values of W21+: 10.746194182903393 (twice, to 14 digits).
            Assert.InRange(double.CreateChecked(d.Values[20]), 10.74619418290332, 10.74619418290341);
            Assert.InRange(double.CreateChecked(d.Values[19]), 10.74619418290332, 10.74619418290341);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(101)]
    public void Compute_TridiagonalWithIntegerEigenvalues_FindsThem(int n)
    {
        Matrix<T> a = SymmetricMatrices.Clement<T>(n, out double[] expected);
        var d = SymmetricEigenDecomposition<T>.Compute(a);
        AssertDecomposition(a, d.Values, d.Vectors, $"Clement n={n}");
        for (int i = 0; i < n; i++)
            NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(d.Values[i]) - expected[i]) / (n * (n - 1) * Eps), EigenThreshold, $"Clement λ{i}");

        Matrix<T> b = SymmetricMatrices.SecondDifference<T>(n, out double[] expected2);
        var d2 = SymmetricEigenDecomposition<T>.Compute(b);
        AssertDecomposition(b, d2.Values, d2.Vectors, $"second difference n={n}");
        for (int i = 0; i < n; i++)
            NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(d2.Values[i]) - expected2[i]) / (n * 4 * Eps), EigenThreshold, $"second difference λ{i}");
    }

    [Fact]
    public void Compute_NearOverflowAndUnderflow_IsScaled()
    {
        bool isDouble = typeof(T) == typeof(double);
        foreach (double scale in isDouble ? new[] { 1e300, 1e-300 } : new[] { 1e36, 1e-36 })
        {
            var a = SymmetricMatrices.Random<T>(30, 7);
            for (int i = 0; i < a.Values.Length; i++) a.Values[i] *= T.CreateTruncating(scale);
            FullCheck(a, $"scaled {scale:G1}", jacobi: false);
        }
    }

    [Fact]
    public void Compute_ReadsOnlyTheLowerTriangle()
    {
        var a = SymmetricMatrices.Random<T>(20, 3);
        var b = a.Clone();
        for (int i = 0; i < 20; i++)
            for (int j = i + 1; j < 20; j++)
                b[i, j] = T.NaN;
        var da = SymmetricEigenDecomposition<T>.Compute(a);
        var db = SymmetricEigenDecomposition<T>.Compute(b);
        for (int i = 0; i < 20; i++)
            NumericAssert.Identical(da.Values[i], db.Values[i]);
    }

    [Fact]
    public void Compute_IsBitwiseIdenticalForEveryThreadCount()
    {
        var a = SymmetricMatrices.Random<T>(160, 9);
        var one = SymmetricEigenDecomposition<T>.Compute(a, true, Parallelism.Sequential);
        // Force the rotation batches to be split over threads even at this size (results must not change).
        double saved = RotationBatch<T>.MinWorkPerThread;
        RotationBatch<T>.MinWorkPerThread = 1;
        SymmetricEigenDecomposition<T> many;
        try
        {
            many = SymmetricEigenDecomposition<T>.Compute(a, true, Parallelism.WithMaxThreads(4));
        }
        finally
        {
            RotationBatch<T>.MinWorkPerThread = saved;
        }
        for (int i = 0; i < 160; i++)
            NumericAssert.Identical(one.Values[i], many.Values[i]);
        for (int i = 0; i < one.Vectors.Values.Length; i++)
            NumericAssert.Identical(one.Vectors.Values[i], many.Vectors.Values[i]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(40, 5)]
    [InlineData(150, 10)]
    [InlineData(64, 64)]
    public void ComputeLargestAndSmallest_MatchTheFullDecomposition(int n, int k)
    {
        var a = SymmetricMatrices.Random<T>(n, 31 * n + k);
        var full = SymmetricEigenDecomposition<T>.Compute(a, computeVectors: false);
        var top = SymmetricEigenDecomposition<T>.ComputeLargest(a, k);
        var bottom = SymmetricEigenDecomposition<T>.ComputeSmallest(a, k);
        Assert.Equal(k, top.Values.Length);
        Assert.Equal(n, top.Vectors.Rows);
        Assert.Equal(k, top.Vectors.Columns);
        AssertDecomposition(a, top.Values, top.Vectors, $"top-{k} n={n}");
        AssertDecomposition(a, bottom.Values, bottom.Vectors, $"bottom-{k} n={n}");
        double anorm = Norm1(ToDouble(a));
        for (int j = 0; j < k; j++)
        {
            NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(top.Values[j] - full.Values[n - k + j])) / (n * anorm * Eps), EigenThreshold, "top value");
            NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(bottom.Values[j] - full.Values[j])) / (n * anorm * Eps), EigenThreshold, "bottom value");
        }
    }

    /// <summary>Selected eigenpairs through the two-stage reduction (dense → band → tridiagonal) forced on small
    /// orders: with count = n every reflector of both stages is exercised by the residual and orthogonality ratios.
    /// Shapes straddle the bandwidth (n ≤ b + 1 is already a band; one panel; a ragged last panel; b = 1).</summary>
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(5, 2)]
    [InlineData(9, 8)]
    [InlineData(10, 8)]
    [InlineData(11, 8)]
    [InlineData(33, 8)]
    [InlineData(40, 3)]
    [InlineData(61, 16)]
    [InlineData(97, 32)]
    [InlineData(150, 32)]
    public void TwoStage_AllPairsAndValues_MeetLapackRatios(int n, int bandwidth)
    {
        Matrix<T> a = SymmetricMatrices.Random<T>(n, 7 * n + bandwidth);
        foreach (bool largest in new[] { true, false })
        {
            int count = largest ? n : Math.Min(n, 3);
            var values = new T[count];
            var z = new Matrix<T>(n, count);
            Matrix<T> work = a.Clone();
            Assert.True(SymmetricEigen.TryComputeSelectedInPlace(work.AsSpan(), count, largest, values, z.AsSpan(), out _,
                Parallelism.Sequential, twoStageFrom: 0, bandwidth));
            AssertDecomposition(a, values, z, $"two-stage n={n} b={bandwidth} count={count}");
            if (largest)
                AssertMatchesJacobi(a, values, $"two-stage n={n} b={bandwidth}");
        }
        var valuesOnly = new T[n];
        Matrix<T> copy = a.Clone();
        Assert.True(SymmetricEigen.TryComputeInPlace(copy.AsSpan(), valuesOnly, default, out _, Parallelism.Sequential, twoStageFrom: 0, bandwidth));
        AssertMatchesJacobi(a, valuesOnly, $"two-stage values only n={n} b={bandwidth}");
    }

    /// <summary>The two-stage values-only path on the hard spectra (graded over 300 decades, clustered, repeated),
    /// reading only the lower triangle (NaN above it changes nothing), and the top eigenpairs on the same spectra.</summary>
    [Theory]
    [MemberData(nameof(Spectra))]
    public void TwoStage_PrescribedSpectrum_MatchesJacobi_AndReadsOnlyLower(string kind)
    {
        int n = 70;
        double[] lambda = Spectrum(kind, n);
        Matrix<T> a = SymmetricMatrices.WithSpectrum<T>(lambda, 17);
        Matrix<T> lowerOnly = a.Clone();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                lowerOnly[i, j] = T.NaN;
        var values = new T[n];
        Assert.True(SymmetricEigen.TryComputeInPlace(lowerOnly.AsSpan(), values, default, out _, Parallelism.Sequential, twoStageFrom: 0, bandwidth: 8));
        AssertMatchesJacobi(a, values, $"two-stage {kind}");
        // Top-4 through both reductions (Regression: with ‖A‖ ≈ 1e150 inverse iteration's start-vector scaling
        // overflowed, and the one-stage path returned vectors with a residual ratio far above 60 while reporting success).
        foreach (int twoStageFrom in new[] { 0, int.MaxValue })
        {
            var top = new T[4];
            var z = new Matrix<T>(n, 4);
            Matrix<T> work = a.Clone();
            Assert.True(SymmetricEigen.TryComputeSelectedInPlace(work.AsSpan(), 4, true, top, z.AsSpan(), out _, Parallelism.Sequential, twoStageFrom, bandwidth: 8));
            AssertDecomposition(a, top, z, $"top-4 {kind} (two-stage from {twoStageFrom})");
        }
    }

    /// <summary>The band reduction's GEMMs split over threads without changing a bit.</summary>
    [Fact]
    public void TwoStage_IsBitwiseIdenticalForEveryThreadCount()
    {
        const int n = 300, count = 5;
        Matrix<T> a = SymmetricMatrices.Random<T>(n, 12);
        (T[] Values, Matrix<T> Vectors) Run(Parallelism parallelism)
        {
            var values = new T[count];
            var z = new Matrix<T>(n, count);
            Assert.True(SymmetricEigen.TryComputeSelectedInPlace(a.Clone().AsSpan(), count, true, values, z.AsSpan(), out _, parallelism, twoStageFrom: 0, bandwidth: 32));
            return (values, z);
        }
        var one = Run(Parallelism.Sequential);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = Run(Parallelism.WithMaxThreads(threads));
            for (int i = 0; i < count; i++)
                NumericAssert.Identical(one.Values[i], many.Values[i]);
            for (int i = 0; i < one.Vectors.Values.Length; i++)
                NumericAssert.Identical(one.Vectors.Values[i], many.Vectors.Values[i]);
        }
    }

    /// <summary>Regression: bisection stopped within the safe minimum of an exact eigenvalue, so the top pair of the
    /// zero matrix came out as −2⁻¹⁰²² (residual ratio 1e15 against ‖A‖ = 0); a diagonal T now gives its diagonal.</summary>
    [Fact]
    public void ComputeLargest_ZeroAndDiagonalMatrices_AreExact()
    {
        var zero = new Matrix<T>(5, 5);
        var top = SymmetricEigenDecomposition<T>.ComputeLargest(zero, 2);
        Assert.Equal(T.Zero, top.Values[0]);
        Assert.Equal(T.Zero, top.Values[1]);
        var diagonal = new Matrix<T>(4, 4);
        for (int i = 0; i < 4; i++)
            diagonal[i, i] = T.CreateTruncating(new[] { 3.0, -1.0, 7.0, 0.5 }[i]);
        var bottom = SymmetricEigenDecomposition<T>.ComputeSmallest(diagonal, 3);
        Assert.Equal(new[] { T.CreateTruncating(-1.0), T.CreateTruncating(0.5), T.CreateTruncating(3.0) }, bottom.Values.ToArray());
        AssertDecomposition(diagonal, bottom.Values, bottom.Vectors, "diagonal bottom-3");
        var one = new Matrix<T>(1, 1);
        one[0, 0] = T.CreateTruncating(-2.5);
        Assert.Equal(T.CreateTruncating(-2.5), SymmetricEigenDecomposition<T>.ComputeLargest(one, 1).Values[0]);
    }

    [Fact]
    public void ComputeLargest_ClusteredAndRepeatedTop_StaysOrthogonal()
    {
        int n = 50;
        var lambda = new double[n];
        for (int i = 0; i < n; i++) lambda[i] = i < n - 4 ? i * 0.01 : 3.0 + (i % 2) * 1e-13;
        Matrix<T> a = SymmetricMatrices.WithSpectrum<T>(lambda, 8);
        var top = SymmetricEigenDecomposition<T>.ComputeLargest(a, 6);
        AssertDecomposition(a, top.Values, top.Vectors, "clustered top-6");
        var w = SymmetricEigenDecomposition<T>.ComputeLargest(SymmetricMatrices.WilkinsonPlus<T>(21), 4);
        AssertDecomposition(SymmetricMatrices.WilkinsonPlus<T>(21), w.Values, w.Vectors, "W21+ top-4");
    }

    [Fact]
    public void Compute_InvalidInput_IsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => SymmetricEigenDecomposition<T>.Compute(null!));
        Assert.Throws<ArgumentException>(() => SymmetricEigenDecomposition<T>.Compute(new Matrix<T>(3, 4)));
        var nan = Matrix<T>.Identity(3);
        nan[2, 1] = T.NaN;
        var ex = Assert.Throws<ArgumentException>(() => SymmetricEigenDecomposition<T>.Compute(nan));
        Assert.Equal("a", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => SymmetricEigenDecomposition<T>.ComputeLargest(Matrix<T>.Identity(3), 4));
        Assert.Throws<InvalidOperationException>(() => SymmetricEigenDecomposition<T>.Compute(Matrix<T>.Identity(3), false).Vectors);
    }

    /// <summary>Shift-and-invert block Lanczos (tried first for a few pairs from n = 2048), called directly on an order
    /// where its basis is capped at 48 vectors: it either meets the ratios and matches the Jacobi values, or gives up
    /// (false) with the lower triangle untouched, which the fallback then reads. Spectra it must finish: repeated
    /// eigenvalues (an invariant subspace after two blocks: the block loses rank) and the identity (rank zero at once).
    /// The graded double spectrum (1e±150) is refused outright. (The geometric top six, 1 … 2⁻⁵, stop short of the
    /// residual bound at this order, because the solves' rounding limits pairs far from the shift: it gives up.)</summary>
    [Theory]
    [MemberData(nameof(Spectra))]
    [InlineData("identity")]
    public void ShiftInvertLanczos_PrescribedSpectrum_SucceedsOrGivesUpCleanly(string kind)
    {
        const int n = 240;
        Matrix<T> a = kind == "identity" ? Matrix<T>.Identity(n) : SymmetricMatrices.WithSpectrum<T>(Spectrum(kind, n), 23);
        double[] reference = JacobiEigen.Eigenvalues(ToDouble(a));
        double anorm = Math.Max(Norm1(ToDouble(a)), double.Epsilon);
        bool mustFinish = kind is "repeated" or "identity";
        foreach (bool largest in new[] { true, false })
            foreach (int count in new[] { 1, 6 })
            {
                string what = $"Lanczos {kind} {(largest ? "largest" : "smallest")} {count}";
                Matrix<T> work = a.Clone();
                var values = new T[count];
                var z = new Matrix<T>(n, count);
                bool done = ShiftInvertLanczos.TryCompute(work.AsSpan(), count, largest, values, z.AsSpan(), Parallelism.Sequential);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j <= i; j++)
                        Assert.Equal(a[i, j], work[i, j]);
                if (kind == "graded" && typeof(T) == typeof(double))
                    Assert.False(done, what);
                if (mustFinish)
                    Assert.True(done, what);
                if (!done)
                    continue;
                AssertDecomposition(a, values, z, what);
                for (int j = 0; j < count; j++)
                {
                    double expected = reference[largest ? n - count + j : j];
                    NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(values[j]) - expected) / (n * anorm * Eps), EigenThreshold, $"{what}: vs Jacobi");
                }
            }
    }

    /// <summary>A random symmetric matrix (a semicircle spectrum, the hard case for Krylov methods): the method finishes,
    /// matches the full decomposition and meets the ratios, its bits do not depend on the thread count, and the
    /// selected-pairs entry point takes exactly this path from the crossover on.</summary>
    [Fact]
    public void ShiftInvertLanczos_RandomMatrix_MatchesTheFullDecomposition_AndIgnoresThreads()
    {
        const int n = 900, count = 8;
        Matrix<T> a = SymmetricMatrices.Random<T>(n, 41);
        var full = SymmetricEigenDecomposition<T>.Compute(a, computeVectors: false);
        double anorm = Norm1(ToDouble(a));
        foreach (bool largest in new[] { true, false })
        {
            (T[] Values, Matrix<T> Vectors) Run(Parallelism parallelism)
            {
                var values = new T[count];
                var z = new Matrix<T>(n, count);
                Assert.True(ShiftInvertLanczos.TryCompute(a.Clone().AsSpan(), count, largest, values, z.AsSpan(), parallelism), $"largest={largest}");
                return (values, z);
            }
            var one = Run(Parallelism.Sequential);
            AssertDecomposition(a, one.Values, one.Vectors, $"Lanczos random largest={largest}");
            for (int j = 0; j < count; j++)
            {
                T expected = full.Values[largest ? n - count + j : j];
                NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(one.Values[j] - expected)) / (n * anorm * Eps), EigenThreshold, "vs full");
            }
            foreach (int threads in new[] { 2 })
            {
                var many = Run(Parallelism.WithMaxThreads(threads));
                for (int j = 0; j < count; j++)
                    NumericAssert.Identical(one.Values[j], many.Values[j]);
                for (int i = 0; i < one.Vectors.Values.Length; i++)
                    NumericAssert.Identical(one.Vectors.Values[i], many.Vectors.Values[i]);
            }
            var viaEntry = new T[count];
            var zEntry = new Matrix<T>(n, count);
            Assert.True(SymmetricEigen.TryComputeSelectedInPlace(a.Clone().AsSpan(), count, largest, viaEntry, zEntry.AsSpan(), out _,
                Parallelism.Sequential, SymmetricEigen.TwoStageFrom, lanczosFrom: n));
            for (int i = 0; i < one.Vectors.Values.Length; i++)
                NumericAssert.Identical(one.Vectors.Values[i], zEntry.Values[i]);
        }
    }

    [Fact]
    public void TridiagonalQr_IterationLimit_ReportsNoConvergenceInsteadOfHanging()
    {
        // NaN on the off-diagonal can never deflate: the routine must stop and report it.
        var d = new T[] { T.One, T.CreateTruncating(2), T.CreateTruncating(3) };
        var e = new T[] { T.NaN, T.One };
        Assert.False(TridiagonalQr.TryComputeInPlace<T>(d, e, default, out int unconverged));
        Assert.True(unconverged > 0);
        var ex = new NoConvergenceException("test", unconverged);
        Assert.Equal(unconverged, ex.UnconvergedCount);
    }
}

public sealed class SymmetricEigenDecompositionTestsDouble : SymmetricEigenDecompositionTests<double>;

public sealed class SymmetricEigenDecompositionTestsSingle : SymmetricEigenDecompositionTests<float>;
