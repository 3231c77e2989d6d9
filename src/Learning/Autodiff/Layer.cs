using System;
using System.Numerics;
using Simd.Numerics;

namespace Simd.Learning.Autodiff;

/// <summary>Base class for layers: owns or views the parameters and gradient and checks shapes; subclasses
/// implement the maths.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Layer<T> : IDifferentiable<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Memory<T> _parameters;
    private Memory<T> _gradient;

    /// <summary>Creates a layer with its own (zeroed) parameter and gradient storage.</summary>
    /// <param name="inputSize">Features per input sample (≥ 1).</param>
    /// <param name="outputSize">Features per output sample (≥ 1).</param>
    /// <param name="parameterCount">Number of parameters (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    protected Layer(int inputSize, int outputSize, int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        InputSize = inputSize;
        OutputSize = outputSize;
        ParameterCount = parameterCount;
        _parameters = new T[parameterCount];
        _gradient = new T[parameterCount];
    }

    /// <inheritdoc/>
    public int InputSize { get; }

    /// <inheritdoc/>
    public int OutputSize { get; }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public Span<T> Parameters => _parameters.Span;

    /// <inheritdoc/>
    public Span<T> Gradient => _gradient.Span;

    /// <inheritdoc/>
    public void BindParameters(Memory<T> parameters, Memory<T> gradient)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"Expected {ParameterCount} parameters but the storage has {parameters.Length}.", nameof(parameters));
        if (gradient.Length != ParameterCount)
            throw new ArgumentException($"Expected {ParameterCount} gradient elements but the storage has {gradient.Length}.", nameof(gradient));
        _parameters.Span.CopyTo(parameters.Span);
        _gradient.Span.CopyTo(gradient.Span);
        _parameters = parameters;
        _gradient = gradient;
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output)
    {
        CheckColumns(input.Columns, InputSize, nameof(input), input.Rows);
        CheckShape(output.Rows, output.Columns, input.Rows, OutputSize, nameof(output));
        if (output.Span.Overlaps(input.Span))
            throw new ArgumentException("The output overlaps the input.", nameof(output));
        ForwardCore(input, output);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output, ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient)
    {
        CheckColumns(input.Columns, InputSize, nameof(input), input.Rows);
        int batch = input.Rows;
        CheckShape(output.Rows, output.Columns, batch, OutputSize, nameof(output));
        CheckShape(outputGradient.Rows, outputGradient.Columns, batch, OutputSize, nameof(outputGradient));
        bool wantInput = !inputGradient.IsEmpty;
        if (wantInput)
        {
            CheckShape(inputGradient.Rows, inputGradient.Columns, batch, InputSize, nameof(inputGradient));
            if (inputGradient.Span.Overlaps(input.Span) || inputGradient.Span.Overlaps(output.Span) || inputGradient.Span.Overlaps(outputGradient.Span))
                throw new ArgumentException("The input gradient overlaps another argument.", nameof(inputGradient));
        }
        if (batch == 0)
            return;
        BackwardCore(input, output, outputGradient, inputGradient, wantInput);
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian)
    {
        CheckColumns(input.Columns, InputSize, nameof(input), input.Rows);
        int rows = input.Rows * OutputSize;
        bool wantInput = !inputJacobian.IsEmpty, wantParameters = !parameterJacobian.IsEmpty;
        if (wantInput)
            CheckShape(inputJacobian.Rows, inputJacobian.Columns, rows, input.Rows * InputSize, nameof(inputJacobian));
        if (wantParameters)
            CheckShape(parameterJacobian.Rows, parameterJacobian.Columns, rows, ParameterCount, nameof(parameterJacobian));
        if (wantInput)
            inputJacobian.Clear();
        if (wantParameters)
            parameterJacobian.Clear();
        if (input.Rows == 0)
            return;
        JacobianCore(input, inputJacobian, parameterJacobian, wantInput, wantParameters);
    }

    /// <summary>The forward map, with shapes already checked.</summary>
    /// <param name="input">X, B×<see cref="InputSize"/>.</param>
    /// <param name="output">Receives Y, B×<see cref="OutputSize"/>.</param>
    protected abstract void ForwardCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output);

    /// <summary>The vector–Jacobian products, with shapes checked and B ≥ 1.</summary>
    /// <param name="input">X.</param>
    /// <param name="output">Y.</param>
    /// <param name="outputGradient">∂L/∂Y.</param>
    /// <param name="inputGradient">Receives ∂L/∂X when <paramref name="wantInput"/>.</param>
    /// <param name="wantInput">Whether to compute ∂L/∂X.</param>
    protected abstract void BackwardCore(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output,
        ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient, bool wantInput);

    /// <summary>Fills the explicit Jacobians, which arrive zeroed, with shapes checked and B ≥ 1.</summary>
    /// <param name="input">X.</param>
    /// <param name="inputJacobian">J_X, when <paramref name="wantInput"/>.</param>
    /// <param name="parameterJacobian">J_θ, when <paramref name="wantParameters"/>.</param>
    /// <param name="wantInput">Whether to fill J_X.</param>
    /// <param name="wantParameters">Whether to fill J_θ.</param>
    protected abstract void JacobianCore(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian,
        bool wantInput, bool wantParameters);

    internal static void CheckColumns(int columns, int expected, string name, int rows)
    {
        if (columns != expected)
            throw new ArgumentException($"Expected {expected} columns but got a {rows}×{columns} matrix.", name);
    }

    internal static void CheckShape(int rows, int columns, int expectedRows, int expectedColumns, string name)
    {
        if (rows != expectedRows || columns != expectedColumns)
            throw new ArgumentException($"Expected a {expectedRows}×{expectedColumns} matrix but got {rows}×{columns}.", name);
    }
}
