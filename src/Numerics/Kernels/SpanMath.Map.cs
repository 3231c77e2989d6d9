using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Simd.Numerics.Kernels;

/// <summary>An element-wise function of one argument: a scalar body and a body written once for every vector width.
/// Instance methods, so that a function may carry a parameter (the slope of a leaky ReLU).</summary>
internal interface IUnaryFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    T Invoke(T x);

    TVec Invoke<TVec, TOps>(TVec x)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>;
}

/// <summary>An element-wise function of two arguments, used for backward passes (<c>(a, dy) ↦ dx</c>).</summary>
internal interface IBinaryFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    T Invoke(T a, T b);

    TVec Invoke<TVec, TOps>(TVec a, TVec b)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>;
}

public static partial class SpanMath
{
    /// <summary>The skeleton of every element-wise unary map: validate, pick the width, loop once.</summary>
    /// <remarks>Every element of a span at least one vector long is computed by the vector body: the last,
    /// possibly overlapping vector is loaded and computed before the loop, so the map also works in place.
    /// Shorter spans use the scalar body, which follows the same algorithm.</remarks>
    internal static void Map<T, TF>(ReadOnlySpan<T> x, Span<T> destination, TF function)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IUnaryFunction<T>
    {
        if (destination.Length < x.Length)
            ThrowHelper.ThrowDestinationTooShort(nameof(destination), x.Length, destination.Length);
        CheckOverlap(x, destination, nameof(destination));

        if (Vector512Ops<T>.IsAccelerated)
            MapCore<T, TF, Vector512<T>, Vector512Ops<T>>(x, destination, function);
        else if (Vector256Ops<T>.IsAccelerated)
            MapCore<T, TF, Vector256<T>, Vector256Ops<T>>(x, destination, function);
        else if (Vector128Ops<T>.IsAccelerated)
            MapCore<T, TF, Vector128<T>, Vector128Ops<T>>(x, destination, function);
        else
            MapTail(x, destination, function, 0);
    }

    private static void MapCore<T, TF, TVec, TOps>(ReadOnlySpan<T> x, Span<T> destination, TF function)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IUnaryFunction<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        nuint n = (uint)x.Length, w = (uint)TOps.Count, i = 0;
        if (n < w)
        {
            MapTail(x, destination, function, 0);
            return;
        }
        ref T xRef = ref MemoryMarshal.GetReference(x);
        ref T dRef = ref MemoryMarshal.GetReference(destination);
        // Two independent vectors per iteration (the elementary functions are long dependency chains), and only
        // two call sites of the function: a third inlined copy would exhaust the JIT's inlining budget. Indices
        // are clamped to the last full vector, which is loaded before anything is stored, so the overlapping
        // tail is computed from the original values even in place.
        nuint last = n - w;
        TVec lastInput = TOps.Load(ref xRef, last);
        for (; ; i += 2 * w)
        {
            nuint i1 = i + w;
            TVec v0 = i >= last ? lastInput : TOps.Load(ref xRef, i);
            TVec v1 = i1 >= last ? lastInput : TOps.Load(ref xRef, i1);
            TVec d0 = function.Invoke<TVec, TOps>(v0);
            TVec d1 = function.Invoke<TVec, TOps>(v1);
            TOps.Store(d0, ref dRef, i >= last ? last : i);
            TOps.Store(d1, ref dRef, i1 >= last ? last : i1);
            if (i1 >= last)
                break;
        }
    }

    private static void MapTail<T, TF>(ReadOnlySpan<T> x, Span<T> destination, TF function, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IUnaryFunction<T>
    {
        for (int i = start; i < x.Length; i++)
            destination[i] = function.Invoke(x[i]);
    }

    /// <summary>The skeleton of the element-wise backward maps <c>dx[i] = f(a[i], dy[i])</c>.</summary>
    internal static void MapPair<T, TF>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, TF function,
        string aName, string bName, string destinationName)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IBinaryFunction<T>
    {
        if (a.Length != b.Length)
            ThrowHelper.ThrowLengthMismatch(bName, a.Length, b.Length);
        if (destination.Length < a.Length)
            ThrowHelper.ThrowDestinationTooShort(destinationName, a.Length, destination.Length);
        CheckOverlap(a, destination, destinationName);
        CheckOverlap(b, destination, destinationName);
        _ = aName;

        if (Vector512Ops<T>.IsAccelerated)
            MapPairCore<T, TF, Vector512<T>, Vector512Ops<T>>(a, b, destination, function);
        else if (Vector256Ops<T>.IsAccelerated)
            MapPairCore<T, TF, Vector256<T>, Vector256Ops<T>>(a, b, destination, function);
        else if (Vector128Ops<T>.IsAccelerated)
            MapPairCore<T, TF, Vector128<T>, Vector128Ops<T>>(a, b, destination, function);
        else
            MapPairTail(a, b, destination, function, 0);
    }

    private static void MapPairCore<T, TF, TVec, TOps>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, TF function)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IBinaryFunction<T>
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>
    {
        nuint n = (uint)a.Length, w = (uint)TOps.Count, i = 0;
        if (n < w)
        {
            MapPairTail(a, b, destination, function, 0);
            return;
        }
        ref T aRef = ref MemoryMarshal.GetReference(a);
        ref T bRef = ref MemoryMarshal.GetReference(b);
        ref T dRef = ref MemoryMarshal.GetReference(destination);
        nuint last = n - w;
        TVec lastA = TOps.Load(ref aRef, last), lastB = TOps.Load(ref bRef, last);
        for (; ; i += w)
        {
            bool final = i >= last;
            TVec va = final ? lastA : TOps.Load(ref aRef, i);
            TVec vb = final ? lastB : TOps.Load(ref bRef, i);
            nuint at = final ? last : i;
            TOps.Store(function.Invoke<TVec, TOps>(va, vb), ref dRef, at);
            if (final)
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MapPairTail<T, TF>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, TF function, int start)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TF : struct, IBinaryFunction<T>
    {
        for (int i = start; i < a.Length; i++)
            destination[i] = function.Invoke(a[i], b[i]);
    }
}
