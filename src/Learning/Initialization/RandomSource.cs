using System;
using System.Numerics;

namespace Simd.Learning.Initialization;

/// <summary>
/// A small, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64): the same seed gives the
/// same sequence on every machine and .NET version, so initial weights are reproducible from the seed.
/// </summary>
/// <remarks>Not thread-safe and not cryptographic. Normal deviates use the Marsaglia polar method.</remarks>
public sealed class RandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>Creates the generator from a seed.</summary>
    /// <param name="seed">Any value; equal seeds give equal sequences.</param>
    public RandomSource(ulong seed)
    {
        Seed = seed;
        ulong z = seed;
        _s0 = SplitMix(ref z);
        _s1 = SplitMix(ref z);
        _s2 = SplitMix(ref z);
        _s3 = SplitMix(ref z);
    }

    /// <summary>The seed this generator started from.</summary>
    public ulong Seed { get; }

    private static ulong SplitMix(ref ulong z)
    {
        ulong r = z += 0x9E3779B97F4A7C15UL;
        r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9UL;
        r = (r ^ (r >> 27)) * 0x94D049BB133111EBUL;
        return r ^ (r >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform deviate in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform deviate in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <param name="low">Lower bound.</param>
    /// <param name="high">Upper bound.</param>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>A standard normal deviate (mean 0, variance 1).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    /// <param name="maxExclusive">Upper bound (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is less than 1.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        ulong range = (ulong)maxExclusive, limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong r;
        do
            r = NextUInt64();
        while (r >= limit);
        return (int)(r % range);
    }

    /// <summary>Fills <paramref name="destination"/> with uniform deviates in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="destination">The values to overwrite.</param>
    /// <param name="low">Lower bound.</param>
    /// <param name="high">Upper bound.</param>
    public void FillUniform<T>(Span<T> destination, double low, double high) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = T.CreateTruncating(NextUniform(low, high));
    }

    /// <summary>Fills <paramref name="destination"/> with normal deviates of the given mean and standard deviation.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="destination">The values to overwrite.</param>
    /// <param name="mean">The mean.</param>
    /// <param name="standardDeviation">The standard deviation.</param>
    public void FillNormal<T>(Span<T> destination, double mean, double standardDeviation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
            destination[i] = T.CreateTruncating(mean + standardDeviation * NextNormal());
    }
}
