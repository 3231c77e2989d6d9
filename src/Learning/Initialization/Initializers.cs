using System;
using System.Numerics;
using Simd.Numerics;
using Simd.Numerics.Factorizations;

namespace Simd.Learning.Initialization;

/// <summary>How the weights of a layer are drawn.</summary>
public enum WeightInitialization
{
    /// <summary>Glorot/Xavier uniform: U(−a, a), a = √(6/(fan_in + fan_out)). Suits tanh and sigmoid.</summary>
    GlorotUniform,

    /// <summary>Glorot/Xavier normal: N(0, 2/(fan_in + fan_out)).</summary>
    GlorotNormal,

    /// <summary>He/Kaiming uniform: U(−a, a), a = √(6/fan_in). Suits ReLU.</summary>
    HeUniform,

    /// <summary>He/Kaiming normal: N(0, 2/fan_in).</summary>
    HeNormal,

    /// <summary>Orthogonal (Saxe et al., 2014): the Q factor of a Gaussian matrix, so WᵀW = I (fan_in ≥ fan_out)
    /// or WWᵀ = I (fan_in &lt; fan_out); every singular value is 1.</summary>
    Orthogonal,
}

/// <summary>Weight initialisers for a fan_in×fan_out weight matrix W (as used by <see cref="Layers.Dense{T}"/>,
/// where Y = X·W). All draw from a seeded <see cref="RandomSource"/>, so results are reproducible from the seed.</summary>
public static class Initializers
{
    /// <summary>Fills <paramref name="weights"/> (fan_in×fan_out) according to <paramref name="kind"/>.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="kind">The distribution.</param>
    /// <param name="weights">The weight matrix: rows = fan_in, columns = fan_out.</param>
    /// <param name="random">The random source.</param>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not defined.</exception>
    public static void Initialize<T>(WeightInitialization kind, MatrixSpan<T> weights, RandomSource random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        int fanIn = weights.Rows, fanOut = weights.Columns;
        switch (kind)
        {
            case WeightInitialization.GlorotUniform:
                Uniform(weights, Math.Sqrt(6.0 / (fanIn + fanOut)), random);
                break;
            case WeightInitialization.GlorotNormal:
                Normal(weights, Math.Sqrt(2.0 / (fanIn + fanOut)), random);
                break;
            case WeightInitialization.HeUniform:
                Uniform(weights, Math.Sqrt(6.0 / fanIn), random);
                break;
            case WeightInitialization.HeNormal:
                Normal(weights, Math.Sqrt(2.0 / fanIn), random);
                break;
            case WeightInitialization.Orthogonal:
                Orthogonal(weights, random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown weight initialisation.");
        }
    }

    /// <summary>Glorot/Xavier uniform initialisation of a fan_in×fan_out matrix.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="weights">The matrix to fill.</param>
    /// <param name="random">The random source.</param>
    public static void GlorotUniform<T>(MatrixSpan<T> weights, RandomSource random) where T : unmanaged, IFloatingPointIeee754<T> =>
        Initialize(WeightInitialization.GlorotUniform, weights, random);

    /// <summary>He/Kaiming normal initialisation of a fan_in×fan_out matrix.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="weights">The matrix to fill.</param>
    /// <param name="random">The random source.</param>
    public static void HeNormal<T>(MatrixSpan<T> weights, RandomSource random) where T : unmanaged, IFloatingPointIeee754<T> =>
        Initialize(WeightInitialization.HeNormal, weights, random);

    private static void Uniform<T>(MatrixSpan<T> weights, double bound, RandomSource random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Rows; i++)
            random.FillUniform(weights.Row(i), -bound, bound);
    }

    private static void Normal<T>(MatrixSpan<T> weights, double sigma, RandomSource random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Rows; i++)
            random.FillNormal(weights.Row(i), 0, sigma);
    }

    /// <summary>Orthogonal initialisation: W is the orthonormal factor of a Gaussian matrix, through
    /// <see cref="QrFactorization{T}"/>, so WᵀW = I when fan_in ≥ fan_out and WWᵀ = I otherwise.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="weights">The matrix to fill (fan_in×fan_out).</param>
    /// <param name="random">The random source.</param>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <remarks>The columns of Q are multiplied by the signs of R's diagonal, which makes the result distributed
    /// uniformly (Haar) over the orthogonal matrices rather than biased by the QR sign convention.</remarks>
    public static void Orthogonal<T>(MatrixSpan<T> weights, RandomSource random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        int rows = weights.Rows, columns = weights.Columns;
        if (rows == 0 || columns == 0)
            return;
        bool tall = rows >= columns;
        int m = tall ? rows : columns, n = tall ? columns : rows;
        var gaussian = new Matrix<T>(m, n);
        random.FillNormal(gaussian.Values, 0, 1);
        QrFactorization<T> qr = QrFactorization<T>.Compute(gaussian);
        Matrix<T> q = qr.ThinQ(), r = qr.R;
        for (int j = 0; j < n; j++)
        {
            T sign = r[j, j] < T.Zero ? T.NegativeOne : T.One;
            for (int i = 0; i < m; i++)
                if (tall)
                    weights[i, j] = sign * q[i, j];
                else
                    weights[j, i] = sign * q[i, j];
        }
    }
}
