using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.TestSupport;

/// <summary>Seeded random data for tests.</summary>
public static class RandomMatrices
{
    /// <summary>Uniform [−1, 1) entries from a seeded generator.</summary>
    public static Matrix<T> Uniform<T>(int rows, int columns, int seed)
        where T : unmanaged, IFloatingPointIeee754<T> => Matrix<T>.RandomUniform(rows, columns, new Random(seed));

    /// <summary>A uniform [−1, 1) vector from a seeded generator.</summary>
    public static T[] Vector<T>(int length, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var v = new T[length];
        for (int i = 0; i < length; i++)
            v[i] = T.CreateTruncating(2 * random.NextDouble() - 1);
        return v;
    }
}
