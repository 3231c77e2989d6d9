using System;
using System.Numerics;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary><c>destination[i] = tanh x[i]</c>.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results; at least as long as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>Own SIMD implementation: an odd polynomial for |x| &lt; 0.55, <c>1 − 2/(e^{2|x|}+1)</c> above,
    /// saturating to ±1 (exactly) for |x| ≥ 20. Accuracy against <see cref="Math.Tanh"/> over the whole range: at most
    /// <b>3 ulp</b> for double and <b>3 ulp</b> for float. tanh(±0) = ±0, tanh(±∞) = ±1, tanh(NaN) = NaN.</remarks>
    public static void Tanh<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, destination, default(TanhFunction<T>));

    /// <summary><c>destination[i] = σ(x[i]) = 1/(1 + e^−x[i])</c>, the logistic sigmoid.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results; at least as long as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>Never overflows: computed from <c>e = e^−|x|</c> as <c>1/(1+e)</c> (x ≥ 0) or <c>e/(1+e)</c> (x &lt; 0),
    /// so tiny results keep full relative accuracy down to the subnormals. Accuracy against the double-precision
    /// formula: at most <b>4 ulp</b> for double (the double reference itself may be off by 2) and <b>3 ulp</b> for float. σ(+∞) = 1, σ(−∞) = +0, σ(NaN) = NaN.</remarks>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, destination, default(SigmoidFunction<T>));

    /// <summary><c>destination[i] = log(1 + e^x[i])</c>, the softplus.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results; at least as long as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>Never overflows: <c>max(x, 0) + log1p(e^−|x|)</c>. Accuracy against a double-precision reference: at most
    /// <b>4 ulp</b> for double and <b>3 ulp</b> for float. softplus(+∞) = +∞, softplus(−∞) = +0, softplus(NaN) = NaN.</remarks>
    public static void Softplus<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, destination, default(SoftplusFunction<T>));

    /// <summary><c>destination[i] = max(x[i], 0)</c>, the rectified linear unit.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the results; at least as long as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>Exact. NaN propagates; ReLU(−0) = +0.</remarks>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, destination, default(ReluFunction<T>));

    /// <summary><c>destination[i] = x[i] &gt; 0 ? x[i] : slope·x[i]</c>, the leaky ReLU.</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="slope">The slope for non-positive arguments (0.01 is common).</param>
    /// <param name="destination">Receives the results; at least as long as <paramref name="x"/>; may be <paramref name="x"/> itself.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>One rounding (the product) for negative arguments. NaN propagates.</remarks>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, destination, new LeakyReluFunction<T>(slope));

    /// <summary>Backward pass of tanh: <c>inputGradient[i] = outputGradient[i]·(1 − output[i]²)</c>.</summary>
    /// <param name="output">The forward results y = tanh x.</param>
    /// <param name="outputGradient">∂L/∂y, as long as <paramref name="output"/>.</param>
    /// <param name="inputGradient">Receives ∂L/∂x; may be <paramref name="outputGradient"/> itself.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the destination is too short or overlaps an input partially.</exception>
    public static void TanhBackward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MapPair(output, outputGradient, inputGradient, default(TanhGradient<T>), nameof(output), nameof(outputGradient), nameof(inputGradient));

    /// <summary>Backward pass of the sigmoid: <c>inputGradient[i] = outputGradient[i]·y·(1 − y)</c> with y = output[i].</summary>
    /// <param name="output">The forward results y = σ(x).</param>
    /// <param name="outputGradient">∂L/∂y, as long as <paramref name="output"/>.</param>
    /// <param name="inputGradient">Receives ∂L/∂x; may be <paramref name="outputGradient"/> itself.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the destination is too short or overlaps an input partially.</exception>
    public static void SigmoidBackward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MapPair(output, outputGradient, inputGradient, default(SigmoidGradient<T>), nameof(output), nameof(outputGradient), nameof(inputGradient));

    /// <summary>Backward pass of softplus: <c>inputGradient[i] = outputGradient[i]·σ(input[i])</c>.</summary>
    /// <param name="input">The forward arguments x.</param>
    /// <param name="outputGradient">∂L/∂y, as long as <paramref name="input"/>.</param>
    /// <param name="inputGradient">Receives ∂L/∂x; may be <paramref name="outputGradient"/> itself.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the destination is too short or overlaps an input partially.</exception>
    public static void SoftplusBackward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MapPair(input, outputGradient, inputGradient, default(SoftplusGradient<T>), nameof(input), nameof(outputGradient), nameof(inputGradient));

    /// <summary>Backward pass of ReLU: <c>inputGradient[i] = input[i] &gt; 0 ? outputGradient[i] : 0</c>.</summary>
    /// <param name="input">The forward arguments x.</param>
    /// <param name="outputGradient">∂L/∂y, as long as <paramref name="input"/>.</param>
    /// <param name="inputGradient">Receives ∂L/∂x; may be <paramref name="outputGradient"/> itself.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the destination is too short or overlaps an input partially.</exception>
    /// <remarks>The derivative at 0 is taken as 0 (the subgradient PyTorch uses).</remarks>
    public static void ReluBackward<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MapPair(input, outputGradient, inputGradient, default(ReluGradient<T>), nameof(input), nameof(outputGradient), nameof(inputGradient));

    /// <summary>Backward pass of leaky ReLU: <c>inputGradient[i] = input[i] &gt; 0 ? outputGradient[i] : slope·outputGradient[i]</c>.</summary>
    /// <param name="input">The forward arguments x.</param>
    /// <param name="slope">The slope used in the forward pass.</param>
    /// <param name="outputGradient">∂L/∂y, as long as <paramref name="input"/>.</param>
    /// <param name="inputGradient">Receives ∂L/∂x; may be <paramref name="outputGradient"/> itself.</param>
    /// <exception cref="ArgumentException">Lengths differ, or the destination is too short or overlaps an input partially.</exception>
    public static void LeakyReluBackward<T>(ReadOnlySpan<T> input, T slope, ReadOnlySpan<T> outputGradient, Span<T> inputGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        MapPair(input, outputGradient, inputGradient, new LeakyReluGradient<T>(slope), nameof(input), nameof(outputGradient), nameof(inputGradient));
}

internal readonly struct TanhFunction<T> : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => ElementaryFunctions.Tanh(x);
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        ElementaryFunctions.Tanh<T, TVec, TOps>(x);
}

internal readonly struct SigmoidFunction<T> : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => ElementaryFunctions.Sigmoid(x);
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        ElementaryFunctions.Sigmoid<T, TVec, TOps>(x);
}

internal readonly struct SoftplusFunction<T> : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => ElementaryFunctions.Softplus(x);
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        ElementaryFunctions.Softplus<T, TVec, TOps>(x);
}

internal readonly struct ReluFunction<T> : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => T.Max(x, T.Zero);
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> => TOps.Max(x, TOps.Zero);
}

internal readonly struct LeakyReluFunction<T>(T slope) : IUnaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => x > T.Zero ? x : slope * x;
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        TOps.ConditionalSelect(TOps.GreaterThan(x, TOps.Zero), x, TOps.Multiply(x, TOps.Broadcast(slope)));
}

internal readonly struct TanhGradient<T> : IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T y, T dy) => dy - dy * y * y;
    public TVec Invoke<TVec, TOps>(TVec y, TVec dy) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        TOps.Subtract(dy, TOps.Multiply(TOps.Multiply(dy, y), y));
}

internal readonly struct SigmoidGradient<T> : IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T y, T dy) => dy * y * (T.One - y);
    public TVec Invoke<TVec, TOps>(TVec y, TVec dy) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        TOps.Multiply(TOps.Multiply(dy, y), TOps.Subtract(TOps.Broadcast(T.One), y));
}

internal readonly struct SoftplusGradient<T> : IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x, T dy) => dy * ElementaryFunctions.Sigmoid(x);
    public TVec Invoke<TVec, TOps>(TVec x, TVec dy) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        TOps.Multiply(dy, ElementaryFunctions.Sigmoid<T, TVec, TOps>(x));
}

internal readonly struct ReluGradient<T> : IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x, T dy) => x > T.Zero ? dy : T.Zero;
    public TVec Invoke<TVec, TOps>(TVec x, TVec dy) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        TOps.And(TOps.GreaterThan(x, TOps.Zero), dy);
}

internal readonly struct LeakyReluGradient<T>(T slope) : IBinaryFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x, T dy) => x > T.Zero ? dy : slope * dy;
    public TVec Invoke<TVec, TOps>(TVec x, TVec dy) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        TOps.ConditionalSelect(TOps.GreaterThan(x, TOps.Zero), dy, TOps.Multiply(dy, TOps.Broadcast(slope)));
}
