using System;
using System.Linq;
using Simd.Learning.Initialization;
using Simd.Learning.Layers;
using Simd.Numerics;
using Xunit;

namespace Simd.Tests.Learning.Initialization;

/// <summary>Initialisers: reproducible from the seed, with the documented variance.</summary>
public sealed class InitializerTests
{
    [Fact]
    public void SameSeed_SameWeights_DifferentSeed_DifferentWeights()
    {
        var a = new Dense<float>(20, 30, new RandomSource(42));
        var b = new Dense<float>(20, 30, new RandomSource(42));
        var c = new Dense<float>(20, 30, new RandomSource(43));
        Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
        Assert.NotEqual(a.Parameters.ToArray(), c.Parameters.ToArray());
        Assert.All(a.Bias.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void RandomSource_SequenceIsFixedForASeed()
    {
        var r = new RandomSource(0);
        ulong first = r.NextUInt64();
        Assert.Equal(first, new RandomSource(0).NextUInt64());
        double u = r.NextDouble();
        Assert.InRange(u, 0, 1);
        Assert.InRange(r.NextInt(7), 0, 6);
    }

    [Theory]
    [InlineData(WeightInitialization.GlorotUniform, 2.0 / (300 + 200))]
    [InlineData(WeightInitialization.GlorotNormal, 2.0 / (300 + 200))]
    [InlineData(WeightInitialization.HeUniform, 2.0 / 300)]
    [InlineData(WeightInitialization.HeNormal, 2.0 / 300)]
    public void Variance_MatchesTheRule(WeightInitialization kind, double variance)
    {
        var w = new Matrix<double>(300, 200);
        Initializers.Initialize(kind, w.AsSpan(), new RandomSource(5));
        double[] v = w.Values.ToArray();
        double mean = v.Average(), sampleVariance = v.Select(x => (x - mean) * (x - mean)).Sum() / (v.Length - 1);
        // 60 000 draws: the sample variance is within 3% of the truth with overwhelming probability (σ ≈ 0.6%).
        Assert.InRange(sampleVariance, 0.97 * variance, 1.03 * variance);
        Assert.InRange(mean, -5 * Math.Sqrt(variance / v.Length), 5 * Math.Sqrt(variance / v.Length));
        if (kind is WeightInitialization.GlorotUniform or WeightInitialization.HeUniform)
            Assert.True(v.Max(Math.Abs) <= Math.Sqrt(3 * variance));
    }

    [Theory]
    [InlineData(50, 20)]
    [InlineData(20, 50)]
    [InlineData(33, 33)]
    public void Orthogonal_HasOrthonormalRowsOrColumns_AndIsReproducible(int fanIn, int fanOut)
    {
        var w = new Matrix<double>(fanIn, fanOut);
        Initializers.Initialize(WeightInitialization.Orthogonal, w.AsSpan(), new RandomSource(9));
        bool tall = fanIn >= fanOut;
        int k = Math.Min(fanIn, fanOut), len = Math.Max(fanIn, fanOut);
        double worst = 0;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                double dot = 0;
                for (int i = 0; i < len; i++)
                    dot += tall ? w[i, a] * w[i, b] : w[a, i] * w[b, i];
                worst = Math.Max(worst, Math.Abs(dot - (a == b ? 1 : 0)));
            }
        // LAPACK's orthogonality ratio ‖I − QᵀQ‖ / (m·ε) below 30.
        Assert.True(worst / (len * 2.220446049250313e-16) < 30, $"‖I − QᵀQ‖max = {worst}");
        var again = new Matrix<double>(fanIn, fanOut);
        Initializers.Initialize(WeightInitialization.Orthogonal, again.AsSpan(), new RandomSource(9));
        Assert.Equal(w.Values.ToArray(), again.Values.ToArray());
        var single = new Dense<float>(fanIn, fanOut, new RandomSource(9), WeightInitialization.Orthogonal);
        Assert.All(single.Bias.ToArray(), v => Assert.Equal(0f, v));
    }
}
