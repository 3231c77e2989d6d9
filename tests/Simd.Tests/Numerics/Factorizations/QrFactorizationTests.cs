using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Factorizations;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Factorizations;

public abstract class QrFactorizationTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const double QrThreshold = 30; // LAPACK's threshold

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

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(31, 31)]
    [InlineData(33, 33)]
    [InlineData(100, 37)]
    [InlineData(250, 70)]
    [InlineData(513, 96)]
    [InlineData(9000, 40)] // long columns: the trailing update's C·V is split into depth slices
    public void Compute_MeetsLapackRatios(int m, int n)
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, m * 1000 + n);
        Matrix<T> copy = a.Clone();
        var qr = QrFactorization<T>.Compute(a);
        Assert.Equal(copy.Values.ToArray(), a.Values.ToArray());
        Assert.True(qr.IsFullRank);

        double[,] q = ToDouble(qr.ThinQ()), r = ToDouble(qr.R), ad = ToDouble(a);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                Assert.Equal(0.0, r[i, j]);
        var residual = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p <= j; p++) s += q[i, p] * r[p, j];
                residual[i, j] = ad[i, j] - s;
            }
        NumericAssert.RatioBelow(Norm1(residual) / (m * Norm1(ad) * Eps), QrThreshold, $"‖A − QR‖/(m‖A‖ε) {m}×{n}");

        var gram = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < m; p++) s += q[p, i] * q[p, j];
                gram[i, j] = (i == j ? 1 : 0) - s;
            }
        NumericAssert.RatioBelow(Norm1(gram) / (m * Eps), QrThreshold, $"‖I − QᵀQ‖/(mε) {m}×{n}");
    }

    [Fact]
    public void ApplyQ_And_ApplyQTranspose_AreInverse_AndMatchThinQ()
    {
        int m = 90, n = 40, r = 7;
        var qr = QrFactorization<T>.Compute(RandomMatrices.Uniform<T>(m, n, 1));
        Matrix<T> b = RandomMatrices.Uniform<T>(m, r, 2);
        var guarded = new GuardedMatrix<T>(m, r, 3, T.CreateTruncating(-77)).Fill(b);
        qr.ApplyQTranspose(guarded.View);
        qr.ApplyQ(guarded.View);
        guarded.AssertGuardsIntact();
        Matrix<T> back = guarded.ToMatrix();
        double worst = 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < r; j++)
                worst = Math.Max(worst, Math.Abs(double.CreateChecked(back[i, j] - b[i, j])));
        NumericAssert.RatioBelow(worst / (m * Eps), QrThreshold, "Q·Qᵀ·B − B");

        // Q·[I; 0] equals the thin Q.
        var e = new Matrix<T>(m, n);
        for (int i = 0; i < n; i++) e[i, i] = T.One;
        qr.ApplyQ(e.AsSpan());
        Matrix<T> thin = qr.ThinQ();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                NumericAssert.CloseIn<T>(double.CreateChecked(thin[i, j]), double.CreateChecked(e[i, j]), 1, 4 * m);
    }

    [Fact]
    public void FactorInPlace_WritesOnlyItsView()
    {
        int m = 70, n = 45;
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, 11);
        var g = new GuardedMatrix<T>(m, n, 5, T.CreateTruncating(1234)).Fill(a);
        var tau = new T[n + 2];
        tau[n] = tau[n + 1] = T.CreateTruncating(99);
        Qr.FactorInPlace<T>(g.View, tau.AsSpan(0, n));
        g.AssertGuardsIntact();
        Assert.Equal(T.CreateTruncating(99), tau[n]);
        // Same factors as the owning type.
        var qr = QrFactorization<T>.Compute(a);
        Matrix<T> r = qr.R;
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
                NumericAssert.Identical(r[i, j], g.View[i, j]);
    }

    [Fact]
    public void Solve_WellConditioned_MatchesExtendedPrecisionNormalEquations()
    {
        int m = 80, n = 9;
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, 5);
        for (int i = 0; i < n; i++) a[i, i] += T.CreateTruncating(3); // well conditioned
        T[] b = RandomMatrices.Vector<T>(m, 6);
        double[,] ad = ToDouble(a);
        var bd = new double[m];
        for (int i = 0; i < m; i++) bd[i] = double.CreateChecked(b[i]);
        double[] reference = DoubleDouble.SolveNormalEquations(ad, bd);

        var qr = QrFactorization<T>.Compute(a);
        var x = new T[n];
        T residual = qr.Solve(b, x);
        double errorNorm = 0, xNorm = 0;
        for (int i = 0; i < n; i++)
        {
            errorNorm = Math.Max(errorNorm, Math.Abs(double.CreateChecked(x[i]) - reference[i]));
            xNorm = Math.Max(xNorm, Math.Abs(reference[i]));
        }
        NumericAssert.RatioBelow(errorNorm / (xNorm * m * Eps), QrThreshold, "‖x − x_ref‖/(‖x‖mε)");

        // Residual norm as reported vs computed directly in double-double from the reference solution.
        DoubleDouble ss = 0;
        for (int i = 0; i < m; i++)
        {
            DoubleDouble ri = -(DoubleDouble)bd[i];
            for (int j = 0; j < n; j++) ri += (DoubleDouble)ad[i, j] * reference[j];
            ss += ri * ri;
        }
        double trueResidual = Math.Sqrt(ss.ToDouble());
        NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(residual) - trueResidual) / (trueResidual * m * Eps), QrThreshold, "residual norm");

        // Many right-hand sides (GEMM path) agree with the single one (GEMV path) to rounding; B = 0 gives exactly 0.
        var bm = new Matrix<T>(m, 3);
        for (int i = 0; i < m; i++) { bm[i, 0] = b[i]; bm[i, 1] = T.CreateTruncating(2) * b[i]; bm[i, 2] = T.Zero; }
        var norms = new T[3];
        Matrix<T> xm = qr.Solve(bm, norms);
        for (int i = 0; i < n; i++)
        {
            NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(xm[i, 0] - x[i])) / (xNorm * m * Eps), QrThreshold, "block vs single");
            NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(xm[i, 1] - T.CreateTruncating(2) * x[i])) / (2 * xNorm * m * Eps), QrThreshold, "block ×2");
            Assert.Equal(T.Zero, xm[i, 2]);
        }
        NumericAssert.RatioBelow(Math.Abs(double.CreateChecked(norms[0] - residual)) / (double.CreateChecked(residual) * m * Eps), QrThreshold, "block residual");
        Assert.Equal(T.Zero, norms[2]);
    }

    [Fact]
    public void Solve_VandermondeDegree10_KeepsSixDigitsWhereNormalEquationsKeepNone()
    {
        if (typeof(T) != typeof(double))
            return; // κ ≈ 1e15 is beyond float's 1/ε ≈ 1e7: the claim is about double.
        // Fit c₀ + c₁x + … + c₁₀x¹⁰ at the integers x = 5 … 34. The columns span 1 … 34¹⁰ ≈ 2e15, so κ₂(A) ≈ 2e18;
        // after equilibrating the columns κ ≈ 1.2e8, so the normal-equations matrix has κ ≈ 1.5e16 > 1/ε even
        // after scaling. Each term cⱼxʲ contributes on the same scale (cⱼ = sⱼ/34ʲ); b is computed in double-double.
        int m = 30, n = 11;
        var a = new Matrix<T>(m, n);
        var ad = new double[m, n];
        double[] signs = { 1, -2, 3, -1, 2, -3, 1, 2, -1, 3, 1 };
        var exact = new double[n];
        for (int j = 0; j < n; j++) exact[j] = signs[j] / Math.Pow(34, j);
        var b = new T[m];
        for (int i = 0; i < m; i++)
        {
            DoubleDouble sum = 0;
            double power = 1, x = 5 + i;
            for (int j = 0; j < n; j++)
            {
                ad[i, j] = power;
                a[i, j] = T.CreateTruncating(power);
                sum += (DoubleDouble)power * exact[j];
                power *= x;
            }
            b[i] = T.CreateTruncating(sum.ToDouble());
        }
        double kappa = SingularValues.Condition(ad), scaledKappa = SingularValues.Condition(Scaled(ad));
        Assert.True(kappa > 1e17 && kappa < 1e19, $"κ = {kappa:G3}");
        Assert.True(scaledKappa > 5e7 && scaledKappa < 5e8, $"κ(scaled) = {scaledKappa:G3}");
        

        var x1 = new T[n];
        QrFactorization<T>.Compute(a).Solve(b, x1);
        for (int j = 0; j < n; j++)
        {
            double relative = Math.Abs(double.CreateChecked(x1[j]) - exact[j]) / Math.Abs(exact[j]);
            Assert.True(relative < 1e-6, $"QR coefficient {j}: relative error {relative:G3} (≥ 6 digits required)");
        }

        // The normal equations in double (Cholesky of AᵀA) lose everything.
        double[] normal = NormalEquationsInDouble(ad, b);
        double worstNormal = 0;
        for (int j = 0; j < n; j++)
            worstNormal = Math.Max(worstNormal, Math.Abs(normal[j] - exact[j]) / Math.Abs(exact[j]));
        Assert.True(!(worstNormal < 0.1), $"normal equations kept a digit unexpectedly ({worstNormal:G3})");
    }

    private static double[,] Scaled(double[,] a)
    {
        var r = (double[,])a.Clone();
        for (int j = 0; j < a.GetLength(1); j++)
        {
            double s = 0;
            for (int i = 0; i < a.GetLength(0); i++) s += a[i, j] * a[i, j];
            for (int i = 0; i < a.GetLength(0); i++) r[i, j] /= Math.Sqrt(s);
        }
        return r;
    }

    private static double[] NormalEquationsInDouble(double[,] a, T[] b)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var g = new double[n, n];
        var r = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < m; k++) s += a[k, i] * a[k, j];
                g[i, j] = s;
            }
            double t = 0;
            for (int k = 0; k < m; k++) t += a[k, i] * double.CreateChecked(b[k]);
            r[i] = t;
        }
        // Cholesky; a non-positive pivot means the method failed outright (NaN result).
        for (int j = 0; j < n; j++)
        {
            double s = g[j, j];
            for (int k = 0; k < j; k++) s -= g[j, k] * g[j, k];
            if (!(s > 0)) return NaNs(n);
            g[j, j] = Math.Sqrt(s);
            for (int i = j + 1; i < n; i++)
            {
                double t = g[i, j];
                for (int k = 0; k < j; k++) t -= g[i, k] * g[j, k];
                g[i, j] = t / g[j, j];
            }
        }
        var y = new double[n];
        for (int i = 0; i < n; i++) { double s = r[i]; for (int k = 0; k < i; k++) s -= g[i, k] * y[k]; y[i] = s / g[i, i]; }
        var x = new double[n];
        for (int i = n - 1; i >= 0; i--) { double s = y[i]; for (int k = i + 1; k < n; k++) s -= g[k, i] * x[k]; x[i] = s / g[i, i]; }
        return x;

        static double[] NaNs(int n) { var v = new double[n]; Array.Fill(v, double.NaN); return v; }
    }

    [Fact]
    public void Solve_RankDeficient_IsReportedWithTheColumn()
    {
        int m = 30, n = 6;
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, 3);
        for (int i = 0; i < m; i++) a[i, 4] = a[i, 1] * T.CreateTruncating(3) - a[i, 0]; // column 4 ∈ span(0, 1)
        var qr = QrFactorization<T>.Compute(a);
        Assert.False(qr.IsFullRank);
        Assert.Equal(4, qr.DependentColumn);
        var x = new T[n];
        var ex = Assert.Throws<RankDeficientMatrixException>(() => qr.Solve(new T[m], x));
        Assert.Equal(4, ex.Column);
        Assert.False(qr.TrySolve(new T[m], x, out _));
        Assert.Throws<RankDeficientMatrixException>(() => qr.Solve(new Matrix<T>(m, 2)));

        var zeroColumn = RandomMatrices.Uniform<T>(m, n, 4);
        for (int i = 0; i < m; i++) zeroColumn[i, 0] = T.Zero;
        Assert.Equal(0, QrFactorization<T>.Compute(zeroColumn).DependentColumn);
    }

    [Fact]
    public void Solve_RankDeficientBeyondTheFirstBlock_IsReportedWhateverTheColumnScale()
    {
        // The rank test uses ‖R[0..j, j]‖₂ for ‖A[:, j]‖₂: check it past the first block of reflectors and under scaling.
        int m = 300, n = 40;
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, 21);
        for (int i = 0; i < m; i++) a[i, 35] = (a[i, 2] - a[i, 33] * T.CreateTruncating(2)) * T.CreateTruncating(1e10);
        var qr = QrFactorization<T>.Compute(a);
        Assert.Equal(35, qr.DependentColumn);
        for (int i = 0; i < m; i++) a[i, 35] += T.CreateTruncating(1e9) * T.CreateTruncating(i % 7 - 3); // now independent
        Assert.True(QrFactorization<T>.Compute(a).IsFullRank);
    }

    /// <summary>9000×70 reaches the threaded paths of a tall panel (column groups per reflector, depth slices of C·V,
    /// the threaded transpose).</summary>
    [Theory]
    [InlineData(700, 90)]
    [InlineData(9000, 70)]
    public void Factorization_AndSolutions_AreBitwiseIdentical_WhateverTheThreadCount(int m, int n)
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, 8);
        Matrix<T> b = RandomMatrices.Uniform<T>(m, 3, 9);
        var one = QrFactorization<T>.Compute(a, Parallelism.Sequential);
        var four = QrFactorization<T>.Compute(a, Parallelism.WithMaxThreads(4));
        Assert.Equal(one.R.Values.ToArray(), four.R.Values.ToArray());
        Assert.Equal(one.ThinQ().Values.ToArray(), four.ThinQ().Values.ToArray());
        Assert.Equal(one.Solve(b).Values.ToArray(), four.Solve(b).Values.ToArray());
        T[] b0 = b.AsSpan().Slice(0, 0, m, 1).ToMatrix().Values.ToArray();
        T[] x1 = new T[n], x4 = new T[n];
        Assert.Equal(one.Solve(b0, x1), four.Solve(b0, x4));
        Assert.Equal(x1, x4);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 9)]
    [InlineData(4, 4)]
    [InlineData(13, 7)]
    [InlineData(9, 16)]
    [InlineData(101, 37)]
    public void TransposeInto_MatchesTheReferenceTranspose_OnStridedViews(int m, int n)
    {
        Matrix<T> a = RandomMatrices.Uniform<T>(m, n, m * 31 + n);
        var source = new GuardedMatrix<T>(m, n, 3, T.CreateTruncating(77)).Fill(a);
        var destination = new GuardedMatrix<T>(n, m, 5, T.CreateTruncating(1234));
        Qr.TransposeInto<T>(source.View, destination.View);
        destination.AssertGuardsIntact();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                NumericAssert.Identical(a[i, j], destination.View[j, i]);
    }

    [Fact]
    public void Compute_InvalidShapes_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => QrFactorization<T>.Compute(new Matrix<T>(3, 4)));
        var qr = QrFactorization<T>.Compute(RandomMatrices.Uniform<T>(5, 3, 1));
        Assert.Throws<ArgumentException>(() => qr.Solve(new T[4], new T[3]));
        Assert.Throws<ArgumentException>(() => qr.Solve(new T[5], new T[2]));
        Assert.Throws<ArgumentException>(() => qr.Solve(new Matrix<T>(4, 1)));
    }
}

public sealed class QrFactorizationTestsDouble : QrFactorizationTests<double>;

public sealed class QrFactorizationTestsSingle : QrFactorizationTests<float>;
