using System;

namespace Simd.Learning.Optimizers;

/// <summary>A differentiable objective for the full-batch minimizers: returns <c>f(x)</c> and writes <c>∇f(x)</c>.</summary>
/// <param name="x">The point at which to evaluate; must not be modified (the minimizers pass their own buffers).</param>
/// <param name="gradient">On exit, <c>∇f(x)</c>; as long as <paramref name="x"/>. Its content on entry is unspecified.</param>
/// <returns>The value <c>f(x)</c>. Returning NaN or ±∞ (or writing one into <paramref name="gradient"/>) is allowed:
/// the minimizers then back off or stop with <see cref="StopReason.NonFinite"/>; they never throw because of it.</returns>
public delegate double ObjectiveFunction(ReadOnlySpan<double> x, Span<double> gradient);
