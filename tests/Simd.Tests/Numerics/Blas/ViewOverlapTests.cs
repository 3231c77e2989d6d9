using System;
using Simd.Numerics;
using Simd.Numerics.Blas;
using Xunit;

namespace Simd.Tests.Numerics.Blas;

public sealed class ViewOverlapTests
{
    [Fact]
    public void SharesElements_AgreesWithBruteForce_OnEveryPairOfBlocks()
    {
        const int rows = 6, columns = 7;
        var m = new Matrix<double>(rows, columns);
        var random = new Random(5);
        for (int trial = 0; trial < 3000; trial++)
        {
            var (r0, c0, h0, w0) = Block(random, rows, columns);
            var (r1, c1, h1, w1) = Block(random, rows, columns);
            bool expected = false;
            for (int i = r0; i < r0 + h0; i++)
                for (int j = c0; j < c0 + w0; j++)
                    if (i >= r1 && i < r1 + h1 && j >= c1 && j < c1 + w1)
                        expected = true;
            bool actual = ViewOverlap.SharesElements<double>(m.AsReadOnlySpan().Slice(r0, c0, h0, w0), m.AsReadOnlySpan().Slice(r1, c1, h1, w1));
            Assert.True(expected == actual, $"({r0},{c0},{h0}×{w0}) vs ({r1},{c1},{h1}×{w1}): expected {expected}");
        }
    }

    private static (int, int, int, int) Block(Random random, int rows, int columns)
    {
        int r = random.Next(rows), c = random.Next(columns);
        return (r, c, random.Next(0, rows - r + 1), random.Next(0, columns - c + 1));
    }
}
