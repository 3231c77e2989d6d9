using System.Numerics;

namespace Simd.TestSupport.Reference;

/// <summary>The reference BLAS IxAMAX loop, element by element.</summary>
public static class NaiveIamax
{
    /// <summary>The index of the first element of largest magnitude, as the reference BLAS finds it: the running
    /// maximum starts at |x[0]| and moves only on a strictly greater magnitude (so NaN is never chosen over it, and a
    /// leading NaN is never left); 0 for an empty span.</summary>
    public static int IndexOfMaxMagnitude<T>(T[] x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length == 0)
            return 0;
        int best = 0;
        T max = T.Abs(x[0]);
        for (int i = 1; i < x.Length; i++)
            if (T.Abs(x[i]) > max)
            {
                max = T.Abs(x[i]);
                best = i;
            }
        return best;
    }
}
