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

/// <summary>LU on random sizes, condition numbers and strides against the textbook algorithm (Golub &amp; Van Loan 3.4.1)
/// and against solving through the explicit inverse.</summary>
public abstract class LuProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Gen<int> Size = Gen.Frequency(
        (3, Gen.Elements(1, 2, 3, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65)),
        (1, Gen.Choose(1, 120)));

    private static readonly Gen<(int N, int LogCondition, int Stride, int Seed)> Cases =
        from n in Size
        from logCondition in Gen.Elements(0, 1, 3, 6)
        from stride in Gen.Choose(0, 4)
        from seed in Gen.Choose(0, int.MaxValue - 10_000)
        select (n, logCondition, stride, seed);

    private static Matrix<T> Make((int N, int LogCondition, int Stride, int Seed) c) =>
        c.LogCondition == 0 ? RandomMatrices.Uniform<T>(c.N, c.N, c.Seed) : TestMatrices.WithCondition<T>(c.N, Math.Pow(10, c.LogCondition), c.Seed);

    [Fact]
    public void Factor_ReproducesPA_WithPartialPivotingMultipliers() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Matrix<T> a = Make(c);
            var g = new GuardedMatrix<T>(c.N, c.N, c.Stride, T.CreateTruncating(3)).Fill(a);
            var pivots = new int[c.N];
            Assert.True(Lu.TryFactorInPlace(g.View, pivots, out _), c.ToString());
            g.AssertGuardsIntact();
            Matrix<T> f = g.ToMatrix();
            NumericAssert.RatioBelow(LapackRatios.Lu(a, f.AsReadOnlySpan(), pivots), 30, c.ToString());
            for (int i = 0; i < c.N; i++)
            {
                Assert.InRange(pivots[i], i, c.N - 1);
                for (int j = 0; j < i; j++)
                    Assert.True(T.Abs(f[i, j]) <= T.One, $"{c}: |L[{i},{j}]| > 1");
            }
        }).Check(PropertyConfig.Default);

    [Fact]
    public void Solve_AgreesWithTextbookLu_AndWithTheExplicitInverse() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            Matrix<T> a = Make(c);
            int n = c.N;
            Matrix<T> b = RandomMatrices.Uniform<T>(n, 2, c.Seed + 1);
            var lu = LuFactorization<T>.Compute(a);
            Matrix<T> x = lu.Solve(b);
            Matrix<T> viaInverse = Simd.Numerics.Blas.Gemm.Multiply(lu.Inverse(), b);
            double[,] reference = NaiveLu.Solve(a, NaiveLu.ToDouble(b));
            double kappa = NaiveLu.Condition(a), eps = NumericAssert.Eps<T>();
            // Forward errors of backward-stable solvers: ‖x − x̂‖₁ ≤ c·n·κ₁·ε·‖x‖₁ (the textbook solution in double is
            // exact to this scale); and the solution through A⁻¹ obeys the same bound.
            for (int col = 0; col < 2; col++)
            {
                double diffRef = 0, diffInv = 0, norm = 0;
                for (int i = 0; i < n; i++)
                {
                    double xi = double.CreateChecked(x[i, col]);
                    diffRef += Math.Abs(xi - reference[i, col]);
                    diffInv += Math.Abs(xi - double.CreateChecked(viaInverse[i, col]));
                    norm += Math.Abs(reference[i, col]);
                }
                double scale = n * kappa * eps * norm;
                NumericAssert.RatioBelow(diffRef / scale, 30, $"{c} vs textbook LU");
                NumericAssert.RatioBelow(diffInv / scale, 30, $"{c} vs explicit inverse");
            }
        }).Check(PropertyConfig.Default);
}

public sealed class LuPropertiesDouble : LuProperties<double>;

public sealed class LuPropertiesSingle : LuProperties<float>;
