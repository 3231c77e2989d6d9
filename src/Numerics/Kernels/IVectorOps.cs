using System.Numerics;

namespace Simd.Numerics.Kernels;

/// <summary>
/// The handful of vector primitives a kernel may use, for one register width. Kernels are written once
/// against this interface and instantiated per width (<see cref="Vector512Ops{T}"/>, <see cref="Vector256Ops{T}"/>,
/// <see cref="Vector128Ops{T}"/>); the JIT specializes each instantiation, so calls are direct and inlined.
/// </summary>
/// <remarks>The BCL's own <c>ISimdVector</c> is not public in .NET 10, hence this small vocabulary.</remarks>
internal interface IVectorOps<TVec, T>
    where TVec : struct
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True when this width runs in hardware for <typeparamref name="T"/> (a JIT-time constant).</summary>
    static abstract bool IsAccelerated { get; }

    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }
    static abstract TVec Broadcast(T value);
    static abstract TVec Load(ref T source, nuint offset);
    static abstract void Store(TVec value, ref T destination, nuint offset);
    static abstract TVec Add(TVec left, TVec right);
    static abstract TVec Subtract(TVec left, TVec right);
    static abstract TVec Multiply(TVec left, TVec right);
    static abstract TVec Divide(TVec left, TVec right);

    /// <summary><c>left·right + addend</c>; fused where the hardware has FMA, so the last bit may differ between machines.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    /// <summary>IEEE 754:2019 maximum: NaN propagates, +0 &gt; −0.</summary>
    static abstract TVec Max(TVec left, TVec right);

    /// <summary>IEEE 754:2019 minimum: NaN propagates, −0 &lt; +0.</summary>
    static abstract TVec Min(TVec left, TVec right);

    static abstract TVec Abs(TVec value);
    static abstract TVec Sqrt(TVec value);

    /// <summary>Sum of the lanes, in a fixed order that depends only on the width.</summary>
    static abstract T Sum(TVec value);

    /// <summary>Largest lane (NaN if any lane is NaN).</summary>
    static abstract T MaxAcross(TVec value);
    // Comparison, selection and bit-level primitives, used by the elementary functions (exp, log, tanh …).

    /// <summary>All-ones lanes where <c>left &lt; right</c>, zero lanes elsewhere (false for NaN).</summary>
    static abstract TVec LessThan(TVec left, TVec right);

    /// <summary>All-ones lanes where <c>left &gt; right</c>, zero lanes elsewhere (false for NaN).</summary>
    static abstract TVec GreaterThan(TVec left, TVec right);

    /// <summary>True when <c>left &lt; right</c> in every lane (false if any lane is NaN).</summary>
    static abstract bool LessThanAll(TVec left, TVec right);

    /// <summary>Lane-wise <c>mask ? ifTrue : ifFalse</c>, bit by bit.</summary>
    static abstract TVec ConditionalSelect(TVec mask, TVec ifTrue, TVec ifFalse);

    /// <summary>Bitwise AND of the lanes' bit patterns.</summary>
    static abstract TVec And(TVec left, TVec right);

    /// <summary>Bitwise OR of the lanes' bit patterns.</summary>
    static abstract TVec Or(TVec left, TVec right);

    /// <summary>Shifts each lane's bit pattern, read as an unsigned integer of the lane's width, left by <paramref name="count"/>.</summary>
    static abstract TVec ShiftLeftBits(TVec value, int count);

    /// <summary>Shifts each lane's bit pattern, read as an unsigned integer of the lane's width, right by <paramref name="count"/> (zero fill).</summary>
    static abstract TVec ShiftRightBits(TVec value, int count);
}
