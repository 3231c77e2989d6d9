using System;
using Simd.Numerics;

namespace Simd.Learning.Optimizers;

/// <summary>The Jacobian <c>J(x) = ∂r/∂x</c> of a residual vector, for <see cref="LevenbergMarquardt"/>.</summary>
/// <param name="x">The parameters (length n); must not be modified.</param>
/// <param name="jacobian">On exit, the m×n Jacobian: row i is <c>∇rᵢ(x)ᵀ</c>.</param>
public delegate void JacobianFunction(ReadOnlySpan<double> x, MatrixSpan<double> jacobian);
