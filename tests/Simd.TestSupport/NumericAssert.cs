using System;
using System.Numerics;
using Xunit.Sdk;

namespace Simd.TestSupport;

/// <summary>ε-scaled comparisons: every tolerance is a multiple of the machine epsilon times a scale.</summary>
public static class NumericAssert
{
    /// <summary>Distance from 1 to the next representable value (2⁻⁵² for double, 2⁻²³ for float).
    /// Not <c>T.Epsilon</c>: that is the smallest subnormal.</summary>
    public static T MachineEpsilon<T>() where T : IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    /// <summary>Machine epsilon of <typeparamref name="T"/> as a double.</summary>
    public static double Eps<T>() where T : IFloatingPointIeee754<T> => double.CreateChecked(MachineEpsilon<T>());

    /// <summary>Passes when |actual − expected| ≤ factor·ε·max(scale, 1): the shape of every backward-error bound.</summary>
    public static void Close<T>(T expected, T actual, T scale, double factor)
        where T : IFloatingPointIeee754<T>
    {
        T bound = T.CreateChecked(factor) * MachineEpsilon<T>() * T.Max(scale, T.One);
        if (!(T.Abs(actual - expected) <= bound))
            throw new XunitException($"Expected {expected} ± {bound} but got {actual} (factor {factor}·ε·{scale}).");
    }

    /// <summary>Passes when |actual − expected| ≤ factor·ε_T·max(scale, 1), comparing in double against a
    /// reference computed in double for a result computed in <typeparamref name="T"/>.</summary>
    public static void CloseIn<T>(double expected, double actual, double scale, double factor)
        where T : IFloatingPointIeee754<T>
    {
        double bound = factor * Eps<T>() * Math.Max(scale, 1);
        if (!(Math.Abs(actual - expected) <= bound))
            throw new XunitException($"Expected {expected} ± {bound} but got {actual} (factor {factor}·ε_{typeof(T).Name}·{scale}).");
    }

    /// <summary>Passes when the two values have identical bits (NaN payloads aside: any NaN equals any NaN).</summary>
    public static void Identical<T>(T expected, T actual, string where = "")
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(expected) && T.IsNaN(actual))
            return;
        if (!expected.Equals(actual) || T.IsNegative(expected) != T.IsNegative(actual))
            throw new XunitException($"Expected exactly {expected} but got {actual} {where}.");
    }

    /// <summary>Passes when a LAPACK-style residual ratio is below its threshold; the message names the ratio.</summary>
    public static void RatioBelow(double ratio, double threshold, string what)
    {
        if (!(ratio < threshold))
            throw new XunitException($"{what}: residual ratio {ratio:G4} is not below {threshold}.");
    }
}
