using System;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Losses;

/// <summary>Binary cross-entropy on logits z with targets y ∈ [0, 1]:
/// <c>ℓ = −y·log σ(z) − (1 − y)·log(1 − σ(z)) = softplus(z) − y·z</c>, averaged over the B·n elements.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Stable for any logit (±1000 included): computed through the overflow-free softplus, never through
/// log σ. Gradient <c>(σ(z) − y)/(B·n)</c>; Hessian diagonal, <c>σ(z)(1 − σ(z))/(B·n)</c>.</remarks>
public sealed class BinaryCrossEntropyWithLogits<T> : Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override T EvaluateRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, T scale)
    {
        Span<T> sp = Scratch(prediction.Length);
        SpanMath.Softplus(prediction, sp);
        T sum = T.Zero;
        for (int j = 0; j < prediction.Length; j++)
            sum += sp[j] - target[j] * prediction[j];
        if (!gradient.IsEmpty)
        {
            SpanMath.Sigmoid(prediction, gradient);
            for (int j = 0; j < gradient.Length; j++)
                gradient[j] = (gradient[j] - target[j]) * scale;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void HessianVectorRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> direction, Span<T> result, T scale)
    {
        SpanMath.Sigmoid(prediction, result);
        for (int j = 0; j < result.Length; j++)
            result[j] = result[j] * (T.One - result[j]) * direction[j] * scale;
    }
}

/// <summary>Softmax cross-entropy on logits: per sample <c>ℓ = −Σⱼ yⱼ·log softmax(z)ⱼ</c>, averaged over the B
/// samples; y is a row of class probabilities (one-hot for hard labels).</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Stable for any logits (±1000 included): uses the overflow-free log-softmax, so confident wrong answers
/// cost their true (large, finite) loss instead of ∞. Gradient <c>(s·p − y)/B</c> with p = softmax(z), s = Σⱼ yⱼ
/// (1 for probability targets); Hessian block per sample <c>s·(diag(p) − p·pᵀ)/B</c>.</remarks>
public sealed class SoftmaxCrossEntropy<T> : Loss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override T Count(int rows, int columns) => T.CreateChecked(rows);

    /// <inheritdoc/>
    protected override T EvaluateRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, Span<T> gradient, T scale)
    {
        Span<T> logp = Scratch(prediction.Length);
        SpanMath.LogSoftmax(prediction, logp);
        T sum = T.Zero, mass = T.Zero;
        for (int j = 0; j < prediction.Length; j++)
        {
            if (target[j] != T.Zero)
                sum -= target[j] * logp[j];
            mass += target[j];
        }
        if (!gradient.IsEmpty)
        {
            SpanMath.Exp<T>(logp, gradient);
            for (int j = 0; j < gradient.Length; j++)
                gradient[j] = (mass * gradient[j] - target[j]) * scale;
        }
        return sum;
    }

    /// <inheritdoc/>
    protected override void HessianVectorRow(ReadOnlySpan<T> prediction, ReadOnlySpan<T> target, ReadOnlySpan<T> direction, Span<T> result, T scale)
    {
        Span<T> p = Scratch(prediction.Length);
        SpanMath.Softmax(prediction, p);
        T mass = SpanMath.Sum(target);
        T pv = SpanMath.Dot<T>(p, direction);
        for (int j = 0; j < result.Length; j++)
            result[j] = mass * p[j] * (direction[j] - pv) * scale;
    }
}
