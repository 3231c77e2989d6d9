using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics;
using Simd.Numerics.Eigen;
using Simd.TestSupport;
using Xunit;

namespace Simd.PropertyTests.Numerics.Eigen;

/// <summary>Divide and conquer on random tridiagonals built to deflate (entries drawn from a few values, some
/// off-diagonals zero or below ε, scaled by powers of ten) against LAPACK's ratios (below 60) and the implicit QR
/// algorithm's eigenvalues.</summary>
public abstract class TridiagonalDivideAndConquerProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Gen<(int N, int Seed, int Exponent, int Pattern)> Cases =
        from n in Gen.Frequency((1, Gen.Elements(1, 2, 31, 32, 33, 64, 65)), (2, Gen.Choose(1, 160)))
        from seed in Gen.Choose(0, int.MaxValue)
        from exponent in Gen.Elements(0, 0, 0, -20, 20)
        from pattern in Gen.Choose(0, 3)
        select (n, seed, exponent, pattern);

    [Fact]
    public void TryComputeInPlace_MeetsRatios_AndAgreesWithQr() =>
        Prop.ForAll(Arb.From(Cases), c =>
        {
            int n = c.N;
            var random = new Random(c.Seed);
            double eps = NumericAssert.Eps<T>(), scale = Math.Pow(10, c.Exponent);
            var d0 = new double[n];
            var e0 = new double[Math.Max(n - 1, 0)];
            for (int i = 0; i < n; i++)
                d0[i] = scale * (c.Pattern == 0 ? 2 * random.NextDouble() - 1 : random.Next(3));
            for (int i = 0; i < e0.Length; i++)
                e0[i] = scale * (c.Pattern switch
                {
                    0 => 2 * random.NextDouble() - 1,
                    1 => random.Next(4) == 0 ? 0 : 1,
                    2 => random.Next(3) == 0 ? eps * random.NextDouble() : 0.5,
                    _ => random.Next(2) == 0 ? -1 : 1,
                });
            T[] d = Array.ConvertAll(d0, T.CreateChecked), e = Array.ConvertAll(e0, T.CreateChecked);
            d0 = Array.ConvertAll(d, v => double.CreateChecked(v));
            e0 = Array.ConvertAll(e, v => double.CreateChecked(v));
            var z = new Matrix<T>(n, n);
            Assert.True(TridiagonalDivideAndConquer.TryComputeInPlace<T>(d, e, z.AsSpan(), out _));

            double tnorm = double.Epsilon, residual = 0, orthogonality = 0;
            for (int i = 0; i < n; i++)
                tnorm = Math.Max(tnorm, Math.Abs(d0[i]) + (i > 0 ? Math.Abs(e0[i - 1]) : 0) + (i < n - 1 ? Math.Abs(e0[i]) : 0));
            for (int j = 0; j < n; j++)
            {
                double r = 0, o = 0, lambda = double.CreateChecked(d[j]);
                for (int i = 0; i < n; i++)
                {
                    double tz = d0[i] * double.CreateChecked(z[j, i]);
                    if (i > 0) tz += e0[i - 1] * double.CreateChecked(z[j, i - 1]);
                    if (i < n - 1) tz += e0[i] * double.CreateChecked(z[j, i + 1]);
                    r += Math.Abs(tz - lambda * double.CreateChecked(z[j, i]));
                    double g = 0;
                    for (int p = 0; p < n; p++) g += double.CreateChecked(z[j, p]) * double.CreateChecked(z[i, p]);
                    o += Math.Abs((i == j ? 1 : 0) - g);
                }
                residual = Math.Max(residual, r);
                orthogonality = Math.Max(orthogonality, o);
                if (j > 0)
                    Assert.True(d[j - 1] <= d[j], $"not ascending at {j} {c}");
            }
            NumericAssert.RatioBelow(residual / tnorm / (n * eps), 60, $"‖TZ − ZΛ‖ {c}");
            NumericAssert.RatioBelow(orthogonality / (n * eps), 60, $"‖I − ZᵀZ‖ {c}");

            T[] dq = Array.ConvertAll(d0, T.CreateChecked), eq = Array.ConvertAll(e0, T.CreateChecked);
            Assert.True(TridiagonalQr.TryComputeInPlace<T>(dq, eq, default, out _));
            double worst = 0;
            for (int i = 0; i < n; i++)
                worst = Math.Max(worst, Math.Abs(double.CreateChecked(dq[i]) - double.CreateChecked(d[i])));
            NumericAssert.RatioBelow(worst / tnorm / (n * eps), 60, $"vs implicit QR {c}");
        }).Check(PropertyConfig.Default);
}

public sealed class TridiagonalDivideAndConquerPropertiesDouble : TridiagonalDivideAndConquerProperties<double>;

public sealed class TridiagonalDivideAndConquerPropertiesSingle : TridiagonalDivideAndConquerProperties<float>;
