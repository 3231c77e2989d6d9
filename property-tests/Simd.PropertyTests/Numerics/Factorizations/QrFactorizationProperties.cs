using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Simd.Numerics;
using Simd.Numerics.Factorizations;
using Simd.TestSupport;
using Xunit;

namespace Simd.PropertyTests.Numerics.Factorizations;

/// <summary>QR on random tall shapes (across the 32-column block boundary): ‖A − Q₁R‖/(m‖A‖ε) and ‖I − Q₁ᵀQ₁‖/(mε)
/// below LAPACK's 30, and Qᵀ·(Q·B) = B.</summary>
public abstract class QrFactorizationProperties<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly Gen<(int M, int N, int Seed)> Shapes =
        from n in Gen.Frequency((3, Gen.Elements(1, 2, 3, 31, 32, 33, 64, 65)), (1, Gen.Choose(1, 90)))
        from extra in Gen.Choose(0, 60)
        from seed in Gen.Choose(0, int.MaxValue)
        select (n + extra, n, seed);

    [Fact]
    public void Factorization_ReconstructsA_WithOrthonormalQ() =>
        Prop.ForAll(Arb.From(Shapes), s =>
        {
            (int m, int n, int seed) = s;
            Matrix<T> a = RandomMatrices.Uniform<T>(m, n, seed);
            var qr = QrFactorization<T>.Compute(a);
            Matrix<T> q = qr.ThinQ(), r = qr.R;
            double eps = NumericAssert.Eps<T>(), anorm = 0, residual = 0, orthogonality = 0;
            for (int j = 0; j < n; j++)
            {
                double colA = 0, colR = 0, colO = 0;
                for (int i = 0; i < m; i++)
                {
                    double qr0 = 0;
                    for (int p = 0; p <= j; p++) qr0 += double.CreateChecked(q[i, p]) * double.CreateChecked(r[p, j]);
                    colA += Math.Abs(double.CreateChecked(a[i, j]));
                    colR += Math.Abs(double.CreateChecked(a[i, j]) - qr0);
                }
                for (int i = 0; i < n; i++)
                {
                    double g = 0;
                    for (int p = 0; p < m; p++) g += double.CreateChecked(q[p, i]) * double.CreateChecked(q[p, j]);
                    colO += Math.Abs((i == j ? 1 : 0) - g);
                }
                anorm = Math.Max(anorm, colA);
                residual = Math.Max(residual, colR);
                orthogonality = Math.Max(orthogonality, colO);
            }
            NumericAssert.RatioBelow(residual / (m * anorm * eps), 30, $"‖A − QR‖ {m}×{n}");
            NumericAssert.RatioBelow(orthogonality / (m * eps), 30, $"‖I − QᵀQ‖ {m}×{n}");

            Matrix<T> b = RandomMatrices.Uniform<T>(m, 3, seed + 1), c = b.Clone();
            qr.ApplyQ(c.AsSpan());
            qr.ApplyQTranspose(c.AsSpan());
            double worst = 0;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < 3; j++)
                    worst = Math.Max(worst, Math.Abs(double.CreateChecked(c[i, j] - b[i, j])));
            NumericAssert.RatioBelow(worst / (m * eps), 30, $"QᵀQB − B {m}×{n}");
        }).Check(PropertyConfig.Expensive);
}

public sealed class QrFactorizationPropertiesDouble : QrFactorizationProperties<double>;

public sealed class QrFactorizationPropertiesSingle : QrFactorizationProperties<float>;
