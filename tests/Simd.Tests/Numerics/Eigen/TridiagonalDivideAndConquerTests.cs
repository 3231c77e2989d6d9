using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Eigen;
using Simd.TestSupport;
using Simd.TestSupport.Generators;
using Xunit;

namespace Simd.Tests.Numerics.Eigen;

/// <summary>
/// Divide and conquer on the tridiagonal (xSTEDC): LAPACK's ratios ‖T·Z − Z·Λ‖₁/(n‖T‖₁ε) and ‖I − ZᵀZ‖₁/(nε) below
/// 60, eigenvalues against the implicit QR algorithm (an independent method), with matrices chosen to drive every
/// deflation branch: tiny z components, nearly equal poles, whole merges deflated, sizes around the leaf size.
/// </summary>
public abstract class TridiagonalDivideAndConquerTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double EigenThreshold = 60;
    private static double Eps => NumericAssert.Eps<T>();
    private static bool IsDouble => typeof(T) == typeof(double);

    /// <summary>Runs divide and conquer on (d, e) given in double, checks the ratios and returns the eigenvalues.</summary>
    private static double[] Check(double[] d, double[] e, string what, Parallelism parallelism = default)
    {
        int n = d.Length;
        T[] dt = Array.ConvertAll(d, T.CreateChecked), et = Array.ConvertAll(e, T.CreateChecked);
        // The matrix as T holds it (the conversion rounds in float).
        double[] d0 = Array.ConvertAll(dt, v => double.CreateChecked(v)), e0 = Array.ConvertAll(et, v => double.CreateChecked(v));
        var guarded = new GuardedMatrix<T>(n, n, 3, T.CreateChecked(-7)); // not read on entry
        Assert.True(TridiagonalDivideAndConquer.TryComputeInPlace<T>(dt, et, guarded.View, out int unconverged, parallelism), what);
        Assert.Equal(0, unconverged);
        guarded.AssertGuardsIntact();
        MatrixSpan<T> z = guarded.View;

        double tnorm = 0;
        for (int i = 0; i < n; i++)
            tnorm = Math.Max(tnorm, Math.Abs(d0[i]) + (i > 0 ? Math.Abs(e0[i - 1]) : 0) + (i < n - 1 ? Math.Abs(e0[i]) : 0));
        tnorm = Math.Max(tnorm, double.Epsilon);

        // Rows of z are the eigenvectors: column j of Z is row j.
        double residual = 0, orthogonality = 0;
        var lambda = new double[n];
        for (int j = 0; j < n; j++)
        {
            lambda[j] = double.CreateChecked(dt[j]);
            if (j > 0)
                Assert.True(lambda[j - 1] <= lambda[j], $"{what}: eigenvalues not ascending at {j}");
            double column = 0;
            for (int i = 0; i < n; i++)
            {
                double tz = d0[i] * double.CreateChecked(z[j, i]);
                if (i > 0) tz += e0[i - 1] * double.CreateChecked(z[j, i - 1]);
                if (i < n - 1) tz += e0[i] * double.CreateChecked(z[j, i + 1]);
                column += Math.Abs(tz - lambda[j] * double.CreateChecked(z[j, i]));
            }
            residual = Math.Max(residual, column);
        }
        for (int j = 0; j < n; j++)
        {
            double column = 0;
            for (int k = 0; k < n; k++)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                    s += double.CreateChecked(z[j, i]) * double.CreateChecked(z[k, i]);
                column += Math.Abs((j == k ? 1 : 0) - s);
            }
            orthogonality = Math.Max(orthogonality, column);
        }
        NumericAssert.RatioBelow(residual / tnorm / (n * Eps), EigenThreshold, $"{what}: ‖TZ − ZΛ‖/(n‖T‖ε)");
        NumericAssert.RatioBelow(orthogonality / (n * Eps), EigenThreshold, $"{what}: ‖I − ZᵀZ‖/(nε)");

        // Against the implicit QR algorithm on the same (rounded) matrix.
        T[] dq = Array.ConvertAll(d0, T.CreateChecked), eq = Array.ConvertAll(e0, T.CreateChecked);
        Assert.True(TridiagonalQr.TryComputeInPlace<T>(dq, eq, default, out _));
        double worst = 0;
        for (int i = 0; i < n; i++)
            worst = Math.Max(worst, Math.Abs(double.CreateChecked(dq[i]) - lambda[i]));
        NumericAssert.RatioBelow(worst / tnorm / (n * Eps), EigenThreshold, $"{what}: vs implicit QR");
        return lambda;
    }

    private static (double[] D, double[] E) Random(int n, int seed)
    {
        var random = new Random(seed);
        var d = new double[n];
        var e = new double[Math.Max(n - 1, 0)];
        for (int i = 0; i < n; i++) d[i] = 2 * random.NextDouble() - 1;
        for (int i = 0; i < e.Length; i++) e[i] = 2 * random.NextDouble() - 1;
        return (d, e);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(TridiagonalDivideAndConquer.LeafSize - 1)]
    [InlineData(TridiagonalDivideAndConquer.LeafSize)]
    [InlineData(TridiagonalDivideAndConquer.LeafSize + 1)]
    [InlineData(2 * TridiagonalDivideAndConquer.LeafSize)]
    [InlineData(2 * TridiagonalDivideAndConquer.LeafSize + 1)]
    [InlineData(4 * TridiagonalDivideAndConquer.LeafSize + 3)]
    [InlineData(300)]
    public void Random_MeetsLapackRatios(int n)
    {
        var (d, e) = Random(n, 10 + n);
        Check(d, e, $"random n={n}");
    }

    [Theory]
    [InlineData(99)]
    [InlineData(258)]
    public void ManyEqualEigenvalues_DeflateAndStayOrthogonal(int n)
    {
        // Copies of one 3×3 block glued by zeros or by off-diagonals below the deflation tolerance: each eigenvalue
        // repeats ~n/3 times, so the merges deflate pairs of equal poles by rotation.
        var d = new double[n];
        var e = new double[n - 1];
        for (int i = 0; i < n; i++) d[i] = (i % 3) switch { 0 => 1.0, 1 => 2.0, _ => 3.0 };
        for (int i = 0; i < n - 1; i++) e[i] = (i % 3) == 2 ? (i % 2 == 0 ? 0.0 : 1e-3 * Eps) : 0.5;
        double[] lambda = Check(d, e, $"repeated blocks n={n}");
        // Each of the block's three eigenvalues comes n/3 times, equal to within rounding.
        int copies = n / 3;
        for (int k = 0; k < 3; k++)
            NumericAssert.RatioBelow((lambda[(k + 1) * copies - 1] - lambda[k * copies]) / (3 * n * Eps), EigenThreshold, $"cluster {k}");
    }

    [Fact]
    public void ConstantDiagonalWithTinyOffDiagonals_DeflatesEverything()
    {
        int n = 150;
        var d = new double[n];
        var e = new double[n - 1];
        for (int i = 0; i < n; i++) d[i] = 1;
        for (int i = 0; i < n - 1; i++) e[i] = Eps * (i % 5 == 0 ? 2 : 0.5);
        Check(d, e, "identity + tiny off-diagonals");
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e-9)]
    [InlineData(1e-14)]
    public void GluedWilkinson_ClustersOfNearlyEqualEigenvalues(double glue)
    {
        // Six copies of W21+ glued by small off-diagonals (LAPACK's glued-Wilkinson test matrices): clusters of six
        // eigenvalues within about the glue of each other, which the merges must resolve without losing orthogonality.
        const int copies = 6, size = 21;
        int n = copies * size;
        var d = new double[n];
        var e = new double[n - 1];
        for (int i = 0; i < n; i++) d[i] = Math.Abs(i % size - 10);
        for (int i = 0; i < n - 1; i++) e[i] = (i % size) == size - 1 ? glue : 1;
        Check(d, e, $"glued W21+ glue={glue}");
    }

    [Fact]
    public void SecondDifference_HasItsKnownEigenvalues()
    {
        // tridiag(−1, 2, −1): λₖ = 2 − 2cos(kπ/(n+1)), all distinct, no deflation beyond rounding.
        int n = 200;
        var d = new double[n];
        var e = new double[n - 1];
        for (int i = 0; i < n; i++) d[i] = 2;
        for (int i = 0; i < n - 1; i++) e[i] = -1;
        double[] lambda = Check(d, e, "second difference");
        for (int k = 1; k <= n; k++)
        {
            double expected = 2 - 2 * Math.Cos(k * Math.PI / (n + 1));
            NumericAssert.RatioBelow(Math.Abs(lambda[k - 1] - expected) / (4 * n * Eps), EigenThreshold, $"second difference λ{k}");
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void ZeroComponentsAndSplits_AreHandled(double sign)
    {
        // Off-diagonals that vanish exactly (the matrix splits), diagonal entries repeated across the split and a
        // negative torn off-diagonal (sign) for the sign of z's second half.
        int n = 130;
        var d = new double[n];
        var e = new double[n - 1];
        for (int i = 0; i < n; i++) d[i] = i % 4;
        for (int i = 0; i < n - 1; i++) e[i] = i % 17 == 0 ? 0 : sign * (1 + (i % 3));
        Check(d, e, $"splits sign={sign}");
    }

    [Theory]
    [InlineData(150)]
    [InlineData(-150)]
    public void Scaled_NearOverflowAndUnderflow(int exponent)
    {
        int scale = IsDouble ? exponent : exponent / 10 * 2;
        var (d, e) = Random(140, 77);
        double s = Math.Pow(10, scale);
        for (int i = 0; i < d.Length; i++) d[i] *= s;
        for (int i = 0; i < e.Length; i++) e[i] *= s;
        Check(d, e, $"scaled 1e{scale}");
    }

    [Fact]
    public void Graded_SpansManyDecades()
    {
        int n = 120;
        double decades = IsDouble ? 200 : 30;
        var d = new double[n];
        var e = new double[n - 1];
        for (int i = 0; i < n; i++) d[i] = Math.Pow(10, decades / 2 - decades * i / n);
        for (int i = 0; i < n - 1; i++) e[i] = 0.3 * Math.Sqrt(d[i] * d[i + 1]);
        Check(d, e, "graded");
    }

    [Fact]
    public void Zero_GivesZeroEigenvaluesAndUnitVectors()
    {
        int n = 70;
        Check(new double[n], new double[n - 1], "zero");
    }

    [Theory]
    [InlineData("clustered")]
    [InlineData("repeated")]
    [InlineData("graded")]
    [InlineData("random")]
    public void SymmetricEigen_ThroughDivideAndConquer_MeetsLapackRatios(string kind)
    {
        // Dense matrices with prescribed spectra, large enough for the divide-and-conquer vector path.
        int n = SymmetricEigen.DivideAndConquerFrom + 22;
        var lambda = new double[n];
        for (int i = 0; i < n; i++)
            lambda[i] = kind switch
            {
                "clustered" => 1 + i * 1e-12 * (i % 3),
                "repeated" => i % 3 == 0 ? 2.0 : i % 3 == 1 ? -1.0 : 0.5,
                "graded" => Math.Pow(10, (IsDouble ? 150.0 : 15.0) * (2.0 * i / (n - 1) - 1)) * (i % 2 == 0 ? 1 : -1),
                _ => Math.Sin(i + 1.0),
            };
        Matrix<T> a = SymmetricMatrices.WithSpectrum<T>(lambda, 7);
        var result = SymmetricEigenDecomposition<T>.Compute(a);
        double[,] ad = new double[n, n], zd = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                ad[i, j] = double.CreateChecked(a[i, j]);
                zd[i, j] = double.CreateChecked(result.Vectors[i, j]);
            }
        double anorm = 0, residual = 0, orthogonality = 0;
        for (int j = 0; j < n; j++)
        {
            double column = 0, r = 0, o = 0;
            for (int i = 0; i < n; i++)
            {
                column += Math.Abs(ad[i, j]);
                double s = 0;
                for (int p = 0; p < n; p++) s += ad[i, p] * zd[p, j];
                r += Math.Abs(s - zd[i, j] * double.CreateChecked(result.Values[j]));
                double g = 0;
                for (int p = 0; p < n; p++) g += zd[p, i] * zd[p, j];
                o += Math.Abs((i == j ? 1 : 0) - g);
            }
            anorm = Math.Max(anorm, column);
            residual = Math.Max(residual, r);
            orthogonality = Math.Max(orthogonality, o);
            if (j > 0)
                Assert.True(result.Values[j - 1] <= result.Values[j], $"{kind}: not ascending at {j}");
        }
        NumericAssert.RatioBelow(residual / anorm / (n * Eps), EigenThreshold, $"{kind}: ‖AZ − ZΛ‖/(n‖A‖ε)");
        NumericAssert.RatioBelow(orthogonality / (n * Eps), EigenThreshold, $"{kind}: ‖I − ZᵀZ‖/(nε)");
        double[] sorted = (double[])lambda.Clone();
        Array.Sort(sorted);
        if (kind != "graded")
            for (int i = 0; i < n; i++)
                NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(result.Values[i]) - sorted[i]) / (n * anorm * Eps), EigenThreshold, $"{kind} λ{i}");
    }

    [Fact]
    public void Result_IsBitwiseIdenticalForEveryThreadCount()
    {
        var (d, e) = Random(300, 5);
        T[] d1 = Array.ConvertAll(d, T.CreateChecked), e1 = Array.ConvertAll(e, T.CreateChecked);
        T[] d4 = (T[])d1.Clone(), e4 = (T[])e1.Clone();
        var z1 = new Matrix<T>(300, 300);
        var z4 = new Matrix<T>(300, 300);
        Assert.True(TridiagonalDivideAndConquer.TryComputeInPlace<T>(d1, e1, z1.AsSpan(), out _, Parallelism.Sequential));
        // Force the secular stage to be split over threads even at this size (results must not change).
        double saved = TridiagonalDivideAndConquer.MinWorkPerThread;
        TridiagonalDivideAndConquer.MinWorkPerThread = 1;
        try
        {
            Assert.True(TridiagonalDivideAndConquer.TryComputeInPlace<T>(d4, e4, z4.AsSpan(), out _, Parallelism.WithMaxThreads(4)));
        }
        finally
        {
            TridiagonalDivideAndConquer.MinWorkPerThread = saved;
        }
        for (int i = 0; i < 300; i++)
            NumericAssert.Identical(d1[i], d4[i]);
        for (int i = 0; i < z1.Values.Length; i++)
            NumericAssert.Identical(z1.Values[i], z4.Values[i]);
    }

    [Fact]
    public void InvalidShapes_AreRejected()
    {
        var z = new Matrix<T>(3, 4);
        Assert.Throws<ArgumentException>(() => TridiagonalDivideAndConquer.TryComputeInPlace<T>(new T[3], new T[2], z.AsSpan(), out _));
        Assert.Throws<ArgumentException>(() => TridiagonalDivideAndConquer.TryComputeInPlace<T>(new T[3], new T[1], new Matrix<T>(3, 3).AsSpan(), out _));
    }

    [Fact]
    public void SecularEquation_FindsEveryRootOfAHardProblem()
    {
        // Poles 1, 1 + 4ε, 2, 3 (two nearly equal), one weight tiny: the roots stay strictly interlaced and the
        // differences d − λ satisfy the secular equation to rounding.
        T eps = T.BitIncrement(T.One) - T.One;
        T[] d = [T.One, T.One + T.CreateChecked(4) * eps, T.CreateChecked(2), T.CreateChecked(3)];
        T[] z = [T.CreateChecked(0.5), T.CreateChecked(0.5), T.CreateChecked(1e-3), T.CreateChecked(0.7)];
        T rho = T.CreateChecked(1.5);
        var delta = new T[4];
        for (int j = 0; j < 4; j++)
        {
            Assert.True(SecularEquation.TrySolve<T>(j, d, z, rho, delta, out T lambda));
            Assert.True(lambda > d[j], $"root {j} above its pole");
            if (j < 3)
                Assert.True(lambda < d[j + 1], $"root {j} below the next pole");
            double f = 1 / double.CreateChecked(rho), bound = f;
            for (int i = 0; i < 4; i++)
            {
                double zi = double.CreateChecked(z[i]), term = zi * zi / double.CreateChecked(delta[i]);
                f += term;
                bound += Math.Abs(term);
            }
            NumericAssert.RatioBelow(Math.Abs(f) / (bound * Eps), EigenThreshold, $"secular root {j}");
        }
    }
}

public sealed class TridiagonalDivideAndConquerTestsDouble : TridiagonalDivideAndConquerTests<double>;

public sealed class TridiagonalDivideAndConquerTestsSingle : TridiagonalDivideAndConquerTests<float>;
