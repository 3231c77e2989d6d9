using System.Numerics;

namespace Simd.Numerics.Factorizations;

/// <summary>LAPACK's xLAMCH for <typeparamref name="T"/>, as JIT-time constants.</summary>
internal static class MachineParameters<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Relative machine precision ε/2 = 2⁻⁵³ (double) or 2⁻²⁴ (float): xLAMCH('E').</summary>
    public static readonly T UnitRoundoff = (T.BitIncrement(T.One) - T.One) / T.CreateTruncating(2);

    /// <summary>Distance from 1 to the next value, 2⁻⁵² or 2⁻²³ (xLAMCH('P')).</summary>
    public static readonly T Epsilon = T.BitIncrement(T.One) - T.One;

    /// <summary>Smallest normal number, such that 1/SafeMinimum does not overflow: xLAMCH('S').</summary>
    public static readonly T SafeMinimum = T.ScaleB(T.One, T.ILogB(T.Epsilon) - T.ILogB(T.BitIncrement(T.One) - T.One));

    /// <summary>1 / SafeMinimum.</summary>
    public static readonly T SafeMaximum = T.One / SafeMinimum;

    /// <summary>√SafeMinimum: below it a square may underflow (xLARTG's rtmin).</summary>
    public static readonly T RootMinimum = T.Sqrt(SafeMinimum);

    /// <summary>√(SafeMaximum/2): above it a sum of two squares may overflow (xLARTG's rtmax).</summary>
    public static readonly T RootMaximum = T.Sqrt(SafeMaximum / T.CreateTruncating(2));
}
