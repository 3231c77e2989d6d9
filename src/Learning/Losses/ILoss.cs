using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.Learning.Losses;

/// <summary>
/// A loss <c>L(Ŷ, Y)</c> comparing a batch of predictions Ŷ (B×n, one sample per row) with targets Y, giving its
/// value and gradient ∂L/∂Ŷ in one pass and, where it is defined, its Hessian with respect to Ŷ.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>Losses are means (over all elements, or over samples for <see cref="SoftmaxCrossEntropy{T}"/>), so their
/// scale does not depend on the batch size; the gradient and Hessian are those of the mean. Hessians use the same
/// row-major vectorisation as <see cref="Autodiff.IDifferentiable{T}.Jacobian"/>: index <c>b·n + j</c> is Ŷ[b, j].</remarks>
public interface ILoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Returns L(Ŷ, Y) and writes ∂L/∂Ŷ, in one pass.</summary>
    /// <param name="prediction">Ŷ, B×n.</param>
    /// <param name="target">Y, B×n (for <see cref="SoftmaxCrossEntropy{T}"/>: one probability row per sample, e.g. one-hot).</param>
    /// <param name="gradient">Receives ∂L/∂Ŷ (B×n), or <c>default</c> (an empty view) for the value alone.
    /// Must not overlap the inputs.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    T Evaluate(ReadOnlyMatrixSpan<T> prediction, ReadOnlyMatrixSpan<T> target, MatrixSpan<T> gradient);

    /// <summary>Writes <c>H·v</c>, the Hessian of L with respect to Ŷ applied to a direction v (B×n).</summary>
    /// <param name="prediction">Ŷ, B×n.</param>
    /// <param name="target">Y, B×n.</param>
    /// <param name="direction">v, B×n.</param>
    /// <param name="result">Receives H·v, B×n.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    /// <remarks>Where the loss has a kink (MAE at Ŷ = Y, hinge at the margin) the Hessian is taken as 0, its value
    /// everywhere else.</remarks>
    void HessianVectorProduct(ReadOnlyMatrixSpan<T> prediction, ReadOnlyMatrixSpan<T> target, ReadOnlyMatrixSpan<T> direction, MatrixSpan<T> result);

    /// <summary>Writes the explicit Hessian ∂²L/∂vec(Ŷ)², (B·n)×(B·n).</summary>
    /// <param name="prediction">Ŷ, B×n.</param>
    /// <param name="target">Y, B×n.</param>
    /// <param name="hessian">Receives the Hessian.</param>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    void Hessian(ReadOnlyMatrixSpan<T> prediction, ReadOnlyMatrixSpan<T> target, MatrixSpan<T> hessian);
}
