using System.Numerics;
using Simd.Numerics;
using Simd.TestSupport;
using Simd.TestSupport.Reference;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

/// <summary>The checks shared by the SYRK and SYR2K tests: an update of one triangle of C must leave the other
/// triangle alone and, with β = 0, must not read the triangle it writes.</summary>
internal static class TriangleUpdateChecks
{
    private static bool InTriangle(TriangularPart part, int i, int j) => part == TriangularPart.Lower ? j <= i : j >= i;

    /// <summary>Puts <paramref name="sentinel"/> outside the <paramref name="part"/> triangle of C and, when β = 0, NaN inside it.</summary>
    public static void Mark<T>(MatrixSpan<T> c, TriangularPart part, double beta, T sentinel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < c.Rows; i++)
            for (int j = 0; j < c.Columns; j++)
            {
                if (!InTriangle(part, i, j)) c[i, j] = sentinel;
                else if (beta == 0) c[i, j] = T.NaN;
            }
    }

    /// <summary>Asserts that the sentinel survived outside the triangle and that the triangle meets the GEMM error
    /// bound (ratio below 16, DESIGN.md) against the reference of depth <paramref name="depth"/>.</summary>
    public static void AssertTriangle<T>(Matrix<T> result, TriangularPart part, T sentinel, double[,] value, double[,] magnitude,
        int depth, string label)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < result.Rows; i++)
            for (int j = 0; j < result.Columns; j++)
                if (!InTriangle(part, i, j))
                {
                    Assert.Equal(sentinel, result[i, j]);
                    result[i, j] = T.CreateTruncating(value[i, j]);
                }
        NumericAssert.RatioBelow(NaiveBlas.GemmRatio(result, value, magnitude, depth), 16, label);
    }
}
