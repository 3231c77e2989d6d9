using System;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Losses;

/// <summary>Mean squared error <c>L = (1/(B·n))·Σ (Ŷ − Y)²</c>, the seed's <c>(Y − Ŷ)ᵀ(Y − Ŷ)</c> divided by the
/// number of elements.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Gradient <c>2(Ŷ − Y)/(B·n)</c>; Hessian <c>2I/(B·n)</c>.</remarks>
public sealed class MeanSquaredError<T> : Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override T EvaluateRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, T scale)
    {
        Span<T> r = gradient.IsEmpty ? Scratch(prediction.Length) : gradient;
        SpanMath.Subtract(prediction, target, r);
        T sum = SpanMath.Dot<T>(r, r);
        if (!gradient.IsEmpty)
            SpanMath.Scale(scale + scale, gradient);
        return sum;
    }

    /// <inheritdoc/>
    protected override void HessianVectorRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> direction, Span<T> result, T scale)
    {
        direction.CopyTo(result);
        SpanMath.Scale(scale + scale, result);
    }
}

/// <summary>Mean absolute error <c>L = (1/(B·n))·Σ |Ŷ − Y|</c>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Gradient <c>sign(Ŷ − Y)/(B·n)</c>, taken as 0 where Ŷ = Y; the Hessian is 0 wherever it is defined.</remarks>
public sealed class MeanAbsoluteError<T> : Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override T EvaluateRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, T scale)
    {
        T sum = T.Zero;
        for (int j = 0; j < prediction.Length; j++)
        {
            T r = prediction[j] - target[j];
            sum += T.Abs(r);
            if (!gradient.IsEmpty)
                gradient[j] = r > T.Zero ? scale : r < T.Zero ? -scale : T.IsNaN(r) ? r : T.Zero;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void HessianVectorRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> direction, Span<T> result, T scale) =>
        result.Clear();
}

/// <summary>Huber loss with threshold δ: <c>½r²</c> for |r| ≤ δ and <c>δ(|r| − ½δ)</c> beyond, r = Ŷ − Y, averaged
/// over the B·n elements.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Gradient <c>clamp(r, −δ, δ)/(B·n)</c>; Hessian <c>1/(B·n)</c> where |r| ≤ δ and 0 beyond.</remarks>
public sealed class Huber<T> : Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">The threshold δ &gt; 0 between the quadratic and linear parts (1 by default).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive.</exception>
    public Huber(double delta = 1.0)
    {
        if (!(delta > 0))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must be positive.");
        Delta = T.CreateChecked(delta);
    }

    /// <summary>The threshold δ.</summary>
    public T Delta { get; }

    /// <inheritdoc/>
    protected override T EvaluateRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, T scale)
    {
        T sum = T.Zero, half = T.CreateChecked(0.5);
        for (int j = 0; j < prediction.Length; j++)
        {
            T r = prediction[j] - target[j], a = T.Abs(r);
            sum += a <= Delta ? half * r * r : Delta * (a - half * Delta);
            if (!gradient.IsEmpty)
                gradient[j] = T.Clamp(r, -Delta, Delta) * scale;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void HessianVectorRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> direction, Span<T> result, T scale)
    {
        for (int j = 0; j < prediction.Length; j++)
            result[j] = T.Abs(prediction[j] - target[j]) <= Delta ? direction[j] * scale : T.Zero;
    }
}

/// <summary>Hinge loss <c>max(0, 1 − y·ŷ)</c> for targets y ∈ {−1, +1}, averaged over the B·n elements.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Gradient <c>−y/(B·n)</c> where y·ŷ &lt; 1 and 0 elsewhere (the subgradient 0 at the margin); the Hessian is
/// 0 wherever it is defined.</remarks>
public sealed class Hinge<T> : Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override T EvaluateRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, T scale)
    {
        T sum = T.Zero;
        for (int j = 0; j < prediction.Length; j++)
        {
            T margin = T.One - target[j] * prediction[j];
            sum += T.Max(margin, T.Zero);
            if (!gradient.IsEmpty)
                gradient[j] = margin > T.Zero ? -target[j] * scale : T.IsNaN(margin) ? margin : T.Zero;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void HessianVectorRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> direction, Span<T> result, T scale) =>
        result.Clear();
}
