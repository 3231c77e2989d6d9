using System;

namespace Simd.Learning.Optimizers;

/// <summary>A Hessian–vector product <c>∇²f(x)·v</c>, for <see cref="NewtonCg"/>: lets Newton's method run without
/// forming the n×n Hessian (by an analytic formula, forward-over-reverse differentiation, or a finite difference of
/// gradients).</summary>
/// <param name="x">The point (not modified).</param>
/// <param name="v">The vector (not modified).</param>
/// <param name="product">On exit, <c>∇²f(x)·v</c>.</param>
public delegate void HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> product);
