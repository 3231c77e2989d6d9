using System;
using Simd.Numerics;

namespace Simd.Learning.Optimizers;

/// <summary>Writes the Hessian <c>∇²f(x)</c> of an objective for <see cref="Newton"/>.</summary>
/// <param name="x">The point at which to evaluate; must not be modified.</param>
/// <param name="hessian">On exit, the n×n Hessian. Only the lower triangle is read by the minimizer, so an
/// implementation may write just that triangle. Its content on entry is unspecified.</param>
public delegate void HessianFunction(ReadOnlySpan<double> x, MatrixSpan<double> hessian);
