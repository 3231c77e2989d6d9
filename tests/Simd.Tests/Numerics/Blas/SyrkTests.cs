using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

public abstract class SyrkTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 1)]
    [InlineData(5, 0)]
    [InlineData(7, 13)]
    [InlineData(33, 17)]
    public void Update_WritesOnlyItsTriangle_AndMatchesGemm(int n, int k)
    {
        foreach (bool transpose in new[] { false, true })
            foreach (TriangularPart part in new[] { TriangularPart.Lower, TriangularPart.Upper })
                foreach (double beta in new[] { 0.0, 0.5 })
                {
                    Matrix<T> a = transpose ? RandomMatrices.Uniform<T>(k, n, n + k) : RandomMatrices.Uniform<T>(n, k, n + k);
                    Matrix<T> c0 = RandomMatrices.Uniform<T>(n, n, 3);
                    var gc = new GuardedMatrix<T>(n, n, 2, T.CreateTruncating(-5)).Fill(c0);
                    T sentinel = T.CreateTruncating(1234);
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                        {
                            bool inTriangle = part == TriangularPart.Lower ? j <= i : j >= i;
                            if (!inTriangle) gc.View[i, j] = sentinel;
                            else if (beta == 0) gc.View[i, j] = T.NaN;
                        }
                    Syrk.Update(T.CreateTruncating(1.5), a.AsReadOnlySpan(), transpose ? MatrixOp.Transpose : MatrixOp.None,
                        T.CreateTruncating(beta), gc.View, part);

                    var (value, magnitude) = NaiveBlas.Gemm(1.5, a, transpose, a, !transpose, beta, c0);
                    var result = gc.ToMatrix();
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                        {
                            bool inTriangle = part == TriangularPart.Lower ? j <= i : j >= i;
                            if (!inTriangle)
                            {
                                Assert.Equal(sentinel, result[i, j]);
                                result[i, j] = T.CreateTruncating(value[i, j]);
                            }
                        }
                    NumericAssert.RatioBelow(NaiveBlas.GemmRatio(result, value, magnitude, k), 16, $"SYRK n={n} k={k} {part} T={transpose}");
                    gc.AssertGuardsIntact();
                }
    }
}

public sealed class SyrkTestsDouble : SyrkTests<double>;

public sealed class SyrkTestsSingle : SyrkTests<float>;
