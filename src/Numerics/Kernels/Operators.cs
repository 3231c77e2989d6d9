using System.Numerics;

namespace Simd.Numerics.Kernels;

/// <summary>An element-wise binary operation: one scalar body and one body written once for every vector width.</summary>
internal interface IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    static abstract T Invoke(T x, T y);

    static abstract TVec Invoke<TVec, TOps>(TVec x, TVec y)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec, T>;
}

/// <summary><c>x + y</c>.</summary>
internal readonly struct AddOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T y) => x + y;
    public static TVec Invoke<TVec, TOps>(TVec x, TVec y) where TVec : struct where TOps : struct, IVectorOps<TVec, T> => TOps.Add(x, y);
}

/// <summary><c>x − y</c>.</summary>
internal readonly struct SubtractOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T y) => x - y;
    public static TVec Invoke<TVec, TOps>(TVec x, TVec y) where TVec : struct where TOps : struct, IVectorOps<TVec, T> => TOps.Subtract(x, y);
}

/// <summary><c>x · y</c>.</summary>
internal readonly struct MultiplyOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T y) => x * y;
    public static TVec Invoke<TVec, TOps>(TVec x, TVec y) where TVec : struct where TOps : struct, IVectorOps<TVec, T> => TOps.Multiply(x, y);
}
