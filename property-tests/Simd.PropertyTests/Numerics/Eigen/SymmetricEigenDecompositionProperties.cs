using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics;
using Simd.Numerics.Eigen;
using Simd.TestSupport;
using Simd.TestSupport.Generators;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.PropertyTests.Numerics.Eigen;

/// <summary>The eigensolver on random symmetric matrices (some with exact zeros, repeated entries and scaled by
/// powers of ten) against the cyclic-Jacobi oracle and LAPACK's eigen ratios (below 60).</summary>
public abstract class SymmetricEigenDecompositionProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Gen<(int N, int Seed, int Exponent, bool Sparse)> Cases =
        from n in Gen.Frequency((2, Gen.Elements(1, 2, 3, 4, 5, 8)), (1, Gen.Choose(1, 48)))
        from seed in Gen.Choose(0, int.MaxValue)
        from exponent in Gen.Elements(0, 0, 0, -20, 20)
        from sparse in Gen.Elements(false, true)
        select (n, seed, exponent, sparse);

    private static Matrix<T> MatrixFor((int N, int Seed, int Exponent, bool Sparse) c)
    {
        Matrix<T> a = SymmetricMatrices.Random<T>(c.N, c.Seed);
        var random = new Random(c.Seed);
        T scale = T.CreateTruncating(Math.Pow(10, c.Exponent));
        for (int i = 0; i < c.N; i++)
            for (int j = 0; j <= i; j++)
            {
                T v = c.Sparse && random.Next(3) == 0 ? T.Zero : a[i, j] * scale;
                a[i, j] = a[j, i] = v;
            }
        return a;
    }

    [Fact]
    public void Compute_AgreesWithJacobi_AndMeetsRatios() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Matrix<T> a = MatrixFor(c);
            var d = SymmetricEigenDecomposition<T>.Compute(a);
            AssertRatios(a, d.Values, d.Vectors, c.ToString());
        }).Check(PropertyConfig.Default);

    /// <summary>All eigenpairs through the two-stage reduction (dense → band of random half-width → tridiagonal,
    /// forced at these small orders) and the selected-pairs path: the same ratios.</summary>
    [Fact]
    public void TwoStage_AllPairs_AgreeWithJacobi_AndMeetRatios() =>
        Prop.ForAll(Arb.From(from c in Cases from bandwidth in Gen.Choose(1, 12) select (c, bandwidth)), x =>
        {
            Matrix<T> a = MatrixFor(x.c);
            int n = x.c.N;
            var values = new T[n];
            var vectors = new Matrix<T>(n, n);
            bool converged = SymmetricEigen.TryComputeSelectedInPlace(a.Clone().AsSpan(), n, true, values, vectors.AsSpan(), out _,
                Parallelism.Sequential, twoStageFrom: 0, x.bandwidth);
            Assert.True(converged, x.ToString());
            AssertRatios(a, values, vectors, x.ToString());
        }).Check(PropertyConfig.Default);

    /// <summary>‖AZ − ZΛ‖₁/(n‖A‖₁ε), ‖I − ZᵀZ‖₁/(nε) and the distance to the Jacobi eigenvalues, each below 60.</summary>
    private static void AssertRatios(Matrix<T> a, ReadOnlySpan<T> values, Matrix<T> vectors, string what)
    {
        int n = a.Rows;
        double eps = NumericAssert.Eps<T>();
        var ad = new double[n, n];
        double anorm = 0;
        for (int j = 0; j < n; j++)
        {
            double col = 0;
            for (int i = 0; i < n; i++) { ad[i, j] = double.CreateChecked(a[i, j]); col += Math.Abs(ad[i, j]); }
            anorm = Math.Max(anorm, col);
        }
        anorm = Math.Max(anorm, double.Epsilon);
        double[] reference = JacobiEigen.Eigenvalues(ad);
        double residual = 0, orthogonality = 0, valueError = 0;
        for (int j = 0; j < n; j++)
        {
            double colR = 0, colO = 0;
            for (int i = 0; i < n; i++)
            {
                double az = 0, g = 0;
                for (int p = 0; p < n; p++)
                {
                    az += ad[i, p] * double.CreateChecked(vectors[p, j]);
                    g += double.CreateChecked(vectors[p, i]) * double.CreateChecked(vectors[p, j]);
                }
                colR += Math.Abs(az - double.CreateChecked(vectors[i, j]) * double.CreateChecked(values[j]));
                colO += Math.Abs((i == j ? 1 : 0) - g);
            }
            residual = Math.Max(residual, colR);
            orthogonality = Math.Max(orthogonality, colO);
            valueError = Math.Max(valueError, Math.Abs(double.CreateChecked(values[j]) - reference[j]));
        }
        NumericAssert.RatioBelow(residual / anorm / (n * eps), 60, $"‖AZ − ZΛ‖ {what}");
        NumericAssert.RatioBelow(orthogonality / (n * eps), 60, $"‖I − ZᵀZ‖ {what}");
        NumericAssert.RatioBelow(valueError / anorm / (n * eps), 60, $"vs Jacobi {what}");
    }
}

public sealed class SymmetricEigenDecompositionPropertiesDouble : SymmetricEigenDecompositionProperties<double>;

public sealed class SymmetricEigenDecompositionPropertiesSingle : SymmetricEigenDecompositionProperties<float>;
