using System;
using System.Numerics;

namespace Simd.Numerics.Kernels;

public static partial class SpanMath
{
    /// <summary><c>destination[i] = e^x[i]</c>.</summary>
    /// <param name="x">The exponents.</param>
    /// <param name="destination">Receives the powers; at least as long as <paramref name="x"/>. It may be
    /// <paramref name="x"/> itself, but must not overlap it partially.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>
    /// Own SIMD implementation (range reduction to |r| ≤ ln2/2, degree-11 polynomial for double and degree-6 for
    /// float, exponent built from the bits); no per-element call to <see cref="Math.Exp"/>.
    /// Accuracy against correctly rounded <c>Math.Exp</c>, over the whole range: at most <b>2 ulp</b> for double
    /// and <b>2 ulp</b> for float, subnormal results included (they are rounded once). Overflow gives +∞ exactly
    /// where eˣ exceeds the largest finite value (x &gt; 709.78 for double, 88.72 for float); results below the
    /// smallest subnormal give +0. Special values: e^NaN = NaN, e^+∞ = +∞, e^−∞ = +0, e^±0 = 1.
    /// All paths (512, 256, 128 bits, scalar) use the same algorithm; they agree to the last bit where the
    /// machine fuses multiply-adds in both.
    /// </remarks>
    public static void Exp<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, destination, default(ExpFunction<T>));

    /// <summary><c>destination[i] = ln x[i]</c> (natural logarithm).</summary>
    /// <param name="x">The arguments.</param>
    /// <param name="destination">Receives the logarithms; at least as long as <paramref name="x"/>. It may be
    /// <paramref name="x"/> itself, but must not overlap it partially.</param>
    /// <exception cref="ArgumentException">The destination is too short or overlaps <paramref name="x"/> partially.</exception>
    /// <remarks>
    /// Own SIMD implementation (<c>x = 2ᵉ·m</c>, <c>m ∈ [√½, √2)</c>, <c>log(1+f)</c> through <c>s = f/(2+f)</c>
    /// and a polynomial in s²); no per-element call to <see cref="Math.Log(double)"/>.
    /// Accuracy against <c>Math.Log</c>, over the whole range including subnormal arguments: at most
    /// <b>2 ulp</b> for double and <b>2 ulp</b> for float. Special values: log(+0) = log(−0) = −∞, log(x &lt; 0) = NaN,
    /// log(+∞) = +∞, log(NaN) = NaN. A vector holding a zero, negative, subnormal, infinite or NaN element is
    /// finished element by element (slower, same algorithm).
    /// </remarks>
    public static void Log<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> => Map(x, destination, default(LogFunction<T>));
}

/// <summary>eˣ.</summary>
internal readonly struct ExpFunction<T> : IUnaryFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => ElementaryFunctions.Exp(x);
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        ElementaryFunctions.Exp<T, TVec, TOps>(x);
}

/// <summary>ln x.</summary>
internal readonly struct LogFunction<T> : IUnaryFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x) => ElementaryFunctions.Log(x);
    public TVec Invoke<TVec, TOps>(TVec x) where TVec : struct where TOps : struct, IVectorOps<TVec, T> =>
        ElementaryFunctions.Log<T, TVec, TOps>(x);
}
