using System;
using System.Numerics;

namespace Simd.Benchmarks;

/// <summary>Seeded benchmark inputs (the benchmarks do not reference the test-support library).</summary>
internal static class Data
{
    /// <summary>Uniform [−1, 1) values.</summary>
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
