using System;

namespace Simd.Numerics;

/// <summary>
/// An iterative algorithm (for example the implicit QR iteration of the symmetric eigensolver) did not converge
/// within its iteration budget. It should not happen for finite input; it is reported instead of looping forever.
/// </summary>
public sealed class NoConvergenceException : ArithmeticException
{
    /// <summary>Creates the exception for <paramref name="unconvergedCount"/> quantities that did not converge.</summary>
    /// <param name="algorithm">The algorithm that gave up, for the message.</param>
    /// <param name="unconvergedCount">How many quantities (eigenvalues, off-diagonal entries) did not converge.</param>
    public NoConvergenceException(string algorithm, int unconvergedCount)
        : base($"{algorithm} did not converge: {unconvergedCount} value(s) failed to converge within the iteration limit.")
    {
        Algorithm = algorithm;
        UnconvergedCount = unconvergedCount;
    }

    /// <summary>The algorithm that gave up.</summary>
    public string Algorithm { get; }

    /// <summary>How many quantities did not converge.</summary>
    public int UnconvergedCount { get; }
}
