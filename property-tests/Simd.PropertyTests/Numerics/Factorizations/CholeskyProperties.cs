using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics;
using Simd.Numerics.Factorizations;
using Simd.TestSupport;
using Simd.TestSupport.Generators;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.PropertyTests.Numerics.Factorizations;

/// <summary>Cholesky on random SPD and indefinite matrices against the textbook algorithm (Golub &amp; Van Loan 4.2.1)
/// and against solving through the explicit (potri-style) inverse.</summary>
public abstract class CholeskyProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Gen<int> Size = Gen.Frequency(
        (3, Gen.Elements(1, 2, 3, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65)),
        (1, Gen.Choose(1, 120)));

    private static readonly Gen<(int N, int LogCondition, int Seed)> Cases =
        from n in Size
        from logCondition in Gen.Elements(0, 1, 3)
        from seed in Gen.Choose(0, int.MaxValue - 10_000)
        select (n, logCondition, seed);

    private static Matrix<T> Make((int N, int LogCondition, int Seed) c) =>
        c.LogCondition == 0 ? TestMatrices.Spd<T>(c.N, 0.5, c.Seed) : TestMatrices.SpdWithCondition<T>(c.N, Math.Pow(10, c.LogCondition), c.Seed);

    [Fact]
    public void Factor_AgreesWithTextbookCholesky() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Matrix<T> a = Make(c);
            var chol = CholeskyFactorization<T>.Compute(a);
            var (reference, failed) = NaiveCholesky.Factor(a);
            Assert.Equal(-1, failed);
            NumericAssert.RatioBelow(LapackRatios.Cholesky(a, chol.L), 30, c.ToString());
            // ‖L − L̂‖₁ ≤ c·n·κ₁·ε·‖L‖₁ for the perturbation of a Cholesky factor.
            double diff = 0, norm = 0, kappa = NaiveLu.Condition(a);
            for (int j = 0; j < c.N; j++)
            {
                double d = 0, s = 0;
                for (int i = j; i < c.N; i++)
                {
                    d += Math.Abs(double.CreateChecked(chol.L[i, j]) - reference![i, j]);
                    s += Math.Abs(reference[i, j]);
                }
                diff = Math.Max(diff, d);
                norm = Math.Max(norm, s);
            }
            NumericAssert.RatioBelow(diff / (c.N * kappa * NumericAssert.Eps<T>() * norm), 30, c + " vs textbook");
        }).Check(PropertyConfig.Default);

    [Fact]
    public void Solve_AgreesWithTheExplicitInverse() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Matrix<T> a = Make(c);
            int n = c.N;
            var chol = CholeskyFactorization<T>.Compute(a);
            Matrix<T> b = RandomMatrices.Uniform<T>(n, 1, c.Seed + 3);
            Matrix<T> x = chol.Solve(b);
            Matrix<T> viaInverse = Simd.Numerics.Blas.Gemm.Multiply(chol.Inverse(), b);
            double kappa = NaiveLu.Condition(a), diff = 0, norm = 0;
            for (int i = 0; i < n; i++)
            {
                diff += Math.Abs(double.CreateChecked(x[i, 0]) - double.CreateChecked(viaInverse[i, 0]));
                norm += Math.Abs(double.CreateChecked(x[i, 0]));
            }
            NumericAssert.RatioBelow(diff / (n * kappa * NumericAssert.Eps<T>() * norm), 30, c.ToString());
            NumericAssert.RatioBelow(LapackRatios.Solve(a, x, b), 30, c + " residual");
        }).Check(PropertyConfig.Default);

    [Fact]
    public void Indefinite_FailsAtTheTextbookPivot() =>
        Prop.ForAll(Arb.From(from n in Gen.Choose(2, 90) from k in Gen.Choose(0, 89) from seed in Gen.Choose(0, 1_000_000) select (n, k % n, seed)), c =>
        {
            // An SPD matrix whose k-th diagonal element is made clearly too small: minor k+1 is the first to fail.
            Matrix<T> a = TestMatrices.Spd<T>(c.Item1, 1, c.seed);
            a[c.Item2, c.Item2] = -T.CreateTruncating(0.5);
            Assert.False(Cholesky.TryFactorInPlace(a.Clone().AsSpan(), out int failed));
            Assert.Equal(NaiveCholesky.Factor(a).FailedPivot, failed);
            Assert.Equal(c.Item2, failed);
        }).Check(PropertyConfig.Default);
}

public sealed class CholeskyPropertiesDouble : CholeskyProperties<double>;

public sealed class CholeskyPropertiesSingle : CholeskyProperties<float>;
