using System;

namespace Simd.Learning.Optimizers;

/// <summary>Argument checks shared by the schedules.</summary>
internal static class Schedules
{
    public static void CheckRate(double rate, string paramName)
    {
        if (!(rate >= 0) || !double.IsFinite(rate))
            throw new ArgumentOutOfRangeException(paramName, rate, "A learning rate must be finite and not negative.");
    }
}
