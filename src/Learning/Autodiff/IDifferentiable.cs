using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.Learning.Autodiff;

/// <summary>
/// A differentiable map <c>Y = f(X; θ)</c> on a minibatch: X is B×<see cref="InputSize"/>, Y is
/// B×<see cref="OutputSize"/>, one sample per row, θ a vector of <see cref="ParameterCount"/> parameters.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <para>Backprop is the chain of the vector–Jacobian products this contract offers: <see cref="Backward"/> turns
/// <c>∂L/∂Y</c> into <c>∂L/∂X = J_Xᵀ·∂L/∂Y</c> and adds <c>J_θᵀ·∂L/∂Y</c> to <see cref="Gradient"/>.
/// <see cref="Jacobian"/> materialises <c>J_X</c> and <c>J_θ</c> for tests, diagnostics and Gauss–Newton.</para>
/// <para>Vectorisation convention for the explicit Jacobian: vec(Y) and vec(X) are the row-major flattenings, so
/// row <c>b·OutputSize + j</c> of a Jacobian is ∂Y[b, j] and column <c>c·InputSize + k</c> is ∂X[c, k];
/// parameter columns follow the layout of <see cref="Parameters"/>.</para>
/// </remarks>
public interface IDifferentiable<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Features per input sample (columns of X).</summary>
    int InputSize { get; }

    /// <summary>Features per output sample (columns of Y).</summary>
    int OutputSize { get; }

    /// <summary>Number of parameters p (0 for parameter-free maps).</summary>
    int ParameterCount { get; }

    /// <summary>The parameters θ, a view of length <see cref="ParameterCount"/> (writable: optimizers update it in place).</summary>
    Span<T> Parameters { get; }

    /// <summary>The accumulated gradient ∂L/∂θ, a view parallel to <see cref="Parameters"/>.</summary>
    Span<T> Gradient { get; }

    /// <summary>Moves the parameters and their gradient into caller-owned storage (used by networks to lay all
    /// layers out in one flat vector). The current values are copied over; afterwards <see cref="Parameters"/> and
    /// <see cref="Gradient"/> are views of <paramref name="parameters"/> and <paramref name="gradient"/>.</summary>
    /// <param name="parameters">Storage of exactly <see cref="ParameterCount"/> elements.</param>
    /// <param name="gradient">Storage of exactly <see cref="ParameterCount"/> elements.</param>
    /// <exception cref="ArgumentException">A length differs from <see cref="ParameterCount"/>.</exception>
    void BindParameters(Memory<T> parameters, Memory<T> gradient);

    /// <summary>Computes <c>Y = f(X; θ)</c> for every row of X.</summary>
    /// <param name="input">X, B×<see cref="InputSize"/>.</param>
    /// <param name="output">Receives Y, B×<see cref="OutputSize"/>; must not overlap X.</param>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    /// <remarks>Layers with batch statistics (batch normalisation in training mode) remember what
    /// <see cref="Backward"/> needs; call Backward with the same X before the next Forward.</remarks>
    void Forward(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output);

    /// <summary>Vector–Jacobian products: <c>∂L/∂X = J_Xᵀ·∂L/∂Y</c> (overwritten) and <c>Gradient += J_θᵀ·∂L/∂Y</c>.</summary>
    /// <param name="input">X, the input of the last <see cref="Forward"/>.</param>
    /// <param name="output">Y, what that Forward returned.</param>
    /// <param name="outputGradient">∂L/∂Y, B×<see cref="OutputSize"/>.</param>
    /// <param name="inputGradient">Receives ∂L/∂X, B×<see cref="InputSize"/>; pass <c>default</c> (an empty view)
    /// to skip it, as for the first layer of a network. Must not overlap the other arguments.</param>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    void Backward(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output, ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient);

    /// <summary>The explicit Jacobians of vec(Y) at X: <c>J_X</c> ((B·OutputSize)×(B·InputSize)) and
    /// <c>J_θ</c> ((B·OutputSize)×ParameterCount).</summary>
    /// <param name="input">X, B×<see cref="InputSize"/>.</param>
    /// <param name="inputJacobian">Receives J_X, or <c>default</c> to skip.</param>
    /// <param name="parameterJacobian">Receives J_θ, or <c>default</c> to skip.</param>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    /// <remarks>Meant for tests, diagnostics and small Gauss–Newton problems: the matrices are dense and
    /// quadratic in the batch size. Does not change running statistics.</remarks>
    void Jacobian(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian);
}

/// <summary>A map whose behaviour differs between training and inference (batch normalisation, networks that contain one).</summary>
public interface IHasTrainingMode
{
    /// <summary>True in training mode (batch statistics), false in inference mode (running statistics).</summary>
    bool Training { get; set; }
}
