using System;
using System.Numerics;
using Simd.Numerics.Kernels;

namespace Simd.Learning.Layers;

/// <summary>ReLU, <c>max(x, 0)</c>; the derivative at 0 is taken as 0.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="size">Features per sample.</param>
public sealed class Relu<T>(int size) : ElementwiseActivation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Relu(x, y);

    /// <inheritdoc/>
    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => SpanMath.ReluBackward(x, dy, dx);
}

/// <summary>Leaky ReLU, <c>x &gt; 0 ? x : slope·x</c>.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="size">Features per sample.</param>
/// <param name="slope">The slope for non-positive arguments.</param>
public sealed class LeakyRelu<T>(int size, T slope) : ElementwiseActivation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The slope for non-positive arguments.</summary>
    public T Slope { get; } = slope;

    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.LeakyRelu(x, Slope, y);

    /// <inheritdoc/>
    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => SpanMath.LeakyReluBackward(x, Slope, dy, dx);
}

/// <summary>Hyperbolic tangent; the derivative <c>1 − y²</c> is taken from the output.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="size">Features per sample.</param>
public sealed class Tanh<T>(int size) : ElementwiseActivation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Tanh(x, y);

    /// <inheritdoc/>
    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => SpanMath.TanhBackward(y, dy, dx);
}

/// <summary>Logistic sigmoid <c>1/(1 + e⁻ˣ)</c>; the derivative <c>y(1 − y)</c> is taken from the output.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="size">Features per sample.</param>
public sealed class Sigmoid<T>(int size) : ElementwiseActivation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Sigmoid(x, y);

    /// <inheritdoc/>
    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => SpanMath.SigmoidBackward(y, dy, dx);
}

/// <summary>Softplus <c>log(1 + eˣ)</c>, a smooth ReLU; its derivative is the sigmoid.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <param name="size">Features per sample.</param>
public sealed class Softplus<T>(int size) : ElementwiseActivation<T>(size)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Softplus(x, y);

    /// <inheritdoc/>
    protected override void Derive(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => SpanMath.SoftplusBackward(x, dy, dx);
}
