using System;

namespace Simd.Learning.Optimizers;

/// <summary>The residual vector <c>r(x)</c> of a least-squares problem <c>min ½‖r(x)‖²</c>, for
/// <see cref="LevenbergMarquardt"/>.</summary>
/// <param name="x">The parameters (length n); must not be modified.</param>
/// <param name="residuals">On exit, the m residuals.</param>
public delegate void ResidualFunction(ReadOnlySpan<double> x, Span<double> residuals);
