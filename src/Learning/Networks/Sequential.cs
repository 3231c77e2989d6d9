using System;
using System.Collections.Generic;
using System.Numerics;
using Simd.Learning.Autodiff;
using Simd.Learning.Layers;
using Simd.Learning.Losses;
using Simd.Numerics;
using Simd.Numerics.Blas;

namespace Simd.Learning.Networks;

/// <summary>
/// A chain of differentiable layers <c>f = f_L ∘ … ∘ f_1</c> whose parameters live in <b>one flat vector</b>:
/// <see cref="Parameters"/> is θ ∈ ℝᵖ (layer 1's parameters first, each layer in its own layout) and
/// <see cref="Gradient"/> is ∂L/∂θ, both views of the same storage the layers use (no copies).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// <para>Training loop for an optimizer that sees only θ and a function returning value and gradient:</para>
/// <code>
/// T loss = network.ComputeLossAndGradient(xBatch, yBatch, lossFunction); // fills network.Gradient
/// optimizer.Step(network.Parameters, network.Gradient);                   // updates θ in place
/// </code>
/// <para>Backprop is the chain of the layers' vector–Jacobian products, run in reverse order; the network keeps
/// every intermediate activation of the last <see cref="Forward(ReadOnlyMatrixSpan{T}, MatrixSpan{T})"/> in
/// buffers that grow to the largest batch seen and are reused, so a training step allocates nothing after the
/// first one at a given batch size.</para>
/// </remarks>
public sealed class Sequential<T> : IDifferentiable<T>, IHasTrainingMode
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IDifferentiable<T>[] _layers;
    private readonly int[] _offsets;
    private Memory<T> _parameters;
    private Memory<T> _gradient;
    private T[][] _activations = [];
    private T[] _gradientA = [], _gradientB = [], _lossGradient = [];
    private int _capacity;
    private int _maxWidth;
    private bool _training = true;

    /// <summary>Chains <paramref name="layers"/> (the output width of each must be the input width of the next)
    /// and moves their parameters into one flat vector, keeping their current values.</summary>
    /// <param name="layers">The layers, first to last; at least one. A layer must not appear twice.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">No layers, a width mismatch, or a repeated layer.</exception>
    public Sequential(params IDifferentiable<T>[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
            throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        var seen = new HashSet<IDifferentiable<T>>(ReferenceEqualityComparer.Instance);
        int total = 0;
        _offsets = new int[layers.Length + 1];
        for (int l = 0; l < layers.Length; l++)
        {
            IDifferentiable<T> layer = layers[l] ?? throw new ArgumentNullException(nameof(layers), $"Layer {l} is null.");
            if (!seen.Add(layer))
                throw new ArgumentException($"Layer {l} appears twice; each layer owns its parameters.", nameof(layers));
            if (l > 0 && layers[l - 1].OutputSize != layer.InputSize)
                throw new ArgumentException(
                    $"Layer {l - 1} outputs {layers[l - 1].OutputSize} features but layer {l} expects {layer.InputSize}.", nameof(layers));
            _offsets[l] = total;
            total = checked(total + layer.ParameterCount);
            _maxWidth = Math.Max(_maxWidth, Math.Max(layer.InputSize, layer.OutputSize));
        }
        _offsets[layers.Length] = total;
        _layers = (IDifferentiable<T>[])layers.Clone();
        var parameters = new T[total];
        var gradient = new T[total];
        Bind(parameters, gradient);
        Training = true;
    }

    /// <summary>The layers, first to last.</summary>
    public IReadOnlyList<IDifferentiable<T>> Layers => _layers;

    /// <inheritdoc/>
    public int InputSize => _layers[0].InputSize;

    /// <inheritdoc/>
    public int OutputSize => _layers[^1].OutputSize;

    /// <inheritdoc/>
    public int ParameterCount => _offsets[^1];

    /// <summary>θ: all parameters of all layers, one flat writable view (layer 1 first).</summary>
    public Span<T> Parameters => _parameters.Span;

    /// <summary>∂L/∂θ, parallel to <see cref="Parameters"/>.</summary>
    public Span<T> Gradient => _gradient.Span;

    /// <summary>Where layer <paramref name="layer"/>'s parameters start in <see cref="Parameters"/>.</summary>
    /// <param name="layer">A layer index, or the layer count (giving <see cref="ParameterCount"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is out of range.</exception>
    public int ParameterOffset(int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layer, _layers.Length);
        return _offsets[layer];
    }

    /// <summary>Training mode (the default) or inference mode, passed on to every layer that has one.</summary>
    public bool Training
    {
        get => _training;
        set
        {
            _training = value;
            foreach (IDifferentiable<T> layer in _layers)
                if (layer is IHasTrainingMode modal)
                    modal.Training = value;
        }
    }

    /// <inheritdoc/>
    public void BindParameters(Memory<T> parameters, Memory<T> gradient)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"Expected {ParameterCount} parameters but the storage has {parameters.Length}.", nameof(parameters));
        if (gradient.Length != ParameterCount)
            throw new ArgumentException($"Expected {ParameterCount} gradient elements but the storage has {gradient.Length}.", nameof(gradient));
        Bind(parameters, gradient);
    }

    private void Bind(Memory<T> parameters, Memory<T> gradient)
    {
        for (int l = 0; l < _layers.Length; l++)
        {
            int offset = _offsets[l], count = _offsets[l + 1] - offset;
            _layers[l].BindParameters(parameters.Slice(offset, count), gradient.Slice(offset, count));
        }
        _parameters = parameters;
        _gradient = gradient;
    }

    /// <summary>Sets <see cref="Gradient"/> to zero.</summary>
    public void ZeroGradient() => Gradient.Clear();

    private void EnsureCapacity(int batch)
    {
        if (batch <= _capacity)
            return;
        _activations = new T[_layers.Length][];
        for (int l = 0; l < _layers.Length; l++)
            _activations[l] = new T[batch * _layers[l].OutputSize];
        _gradientA = new T[batch * _maxWidth];
        _gradientB = new T[batch * _maxWidth];
        _lossGradient = new T[batch * OutputSize];
        _capacity = batch;
    }

    private MatrixSpan<T> Activation(int layer, int batch) =>
        new(_activations[layer].AsSpan(0, batch * _layers[layer].OutputSize), batch, _layers[layer].OutputSize);

    /// <summary>Runs the network on a batch and returns a view of its output, valid until the next call.</summary>
    /// <param name="input">X, B×<see cref="InputSize"/>.</param>
    /// <returns>Y, B×<see cref="OutputSize"/>, a view of the network's own buffer.</returns>
    /// <exception cref="ArgumentException"><paramref name="input"/> has the wrong width.</exception>
    public ReadOnlyMatrixSpan<T> Forward(ReadOnlyMatrixSpan<T> input)
    {
        Layer<T>.CheckColumns(input.Columns, InputSize, nameof(input), input.Rows);
        int batch = input.Rows;
        EnsureCapacity(batch);
        ReadOnlyMatrixSpan<T> x = input;
        for (int l = 0; l < _layers.Length; l++)
        {
            MatrixSpan<T> y = Activation(l, batch);
            _layers[l].Forward(x, y);
            x = y;
        }
        return x;
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output)
    {
        Layer<T>.CheckShape(output.Rows, output.Columns, input.Rows, OutputSize, nameof(output));
        Forward(input).CopyTo(output);
    }

    /// <summary>Backprop through the whole chain after <see cref="Forward(ReadOnlyMatrixSpan{T})"/> on the same
    /// <paramref name="input"/>: adds <c>J_θᵀ·∂L/∂Y</c> to <see cref="Gradient"/> and, if asked, writes ∂L/∂X.</summary>
    /// <param name="input">X, the input of the last Forward.</param>
    /// <param name="output">Ignored: the network uses its own copy of the last Forward's activations.</param>
    /// <param name="outputGradient">∂L/∂Y, B×<see cref="OutputSize"/>.</param>
    /// <param name="inputGradient">Receives ∂L/∂X, or <c>default</c> to skip.</param>
    /// <exception cref="ArgumentException">A shape does not match, or no Forward ran on a batch of this size.</exception>
    public void Backward(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> output, ReadOnlyMatrixSpan<T> outputGradient, MatrixSpan<T> inputGradient)
    {
        Layer<T>.CheckColumns(input.Columns, InputSize, nameof(input), input.Rows);
        int batch = input.Rows;
        Layer<T>.CheckShape(outputGradient.Rows, outputGradient.Columns, batch, OutputSize, nameof(outputGradient));
        if (batch > _capacity)
            throw new ArgumentException($"No forward pass has run on a batch of {batch} rows.", nameof(input));
        ReadOnlyMatrixSpan<T> dy = outputGradient;
        bool useA = true;
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            IDifferentiable<T> layer = _layers[l];
            ReadOnlyMatrixSpan<T> x = l == 0 ? input : Activation(l - 1, batch);
            MatrixSpan<T> dx;
            if (l == 0)
                dx = inputGradient;
            else
            {
                T[] buffer = useA ? _gradientA : _gradientB;
                dx = new MatrixSpan<T>(buffer.AsSpan(0, batch * layer.InputSize), batch, layer.InputSize);
                useA = !useA;
            }
            layer.Backward(x, Activation(l, batch), dy, dx);
            dy = dx;
        }
    }

    /// <summary>Returns the loss of the network on a batch and fills <see cref="Gradient"/> with its gradient
    /// ∂L/∂θ (overwritten, not accumulated): forward, loss value and gradient, backprop.</summary>
    /// <param name="input">X, B×<see cref="InputSize"/>.</param>
    /// <param name="target">Y, in the shape the loss expects (B×<see cref="OutputSize"/>).</param>
    /// <param name="loss">The loss.</param>
    /// <returns>L(f(X; θ), Y).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    /// <remarks>Allocation-free after the first call at a given batch size.</remarks>
    public T ComputeLossAndGradient(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> target, ILoss<T> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ReadOnlyMatrixSpan<T> prediction = Forward(input);
        int batch = input.Rows;
        var dy = new MatrixSpan<T>(_lossGradient.AsSpan(0, batch * OutputSize), batch, OutputSize);
        T value = loss.Evaluate(prediction, target, dy);
        ZeroGradient();
        Backward(input, prediction, dy, default);
        return value;
    }

    /// <summary>The full-batch training objective θ ↦ (L(f(X; θ), Y), ∇L) for the minimizers in
    /// <see cref="Optimizers"/> (L-BFGS, Newton–CG, …): each call copies θ into <see cref="Parameters"/> and runs
    /// <see cref="ComputeLossAndGradient"/>.</summary>
    /// <param name="input">X, kept by reference: do not change it while the objective is in use.</param>
    /// <param name="target">Y, kept by reference.</param>
    /// <param name="loss">The loss.</param>
    /// <returns>The objective; after minimizing, copy the solution into <see cref="Parameters"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not <see cref="double"/> (the minimizers work in double).</exception>
    public Optimizers.ObjectiveFunction AsObjective(Matrix<T> input, Matrix<T> target, ILoss<T> loss)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(loss);
        if (this is not Sequential<double> network || input is not Matrix<double> x || target is not Matrix<double> y || loss is not ILoss<double> l)
            throw new NotSupportedException("The full-batch minimizers work in double; build the network in double.");
        return (theta, gradient) =>
        {
            theta.CopyTo(network.Parameters);
            double value = network.ComputeLossAndGradient(x.AsReadOnlySpan(), y.AsReadOnlySpan(), l);
            network.Gradient.CopyTo(gradient);
            return value;
        };
    }

    /// <summary>Returns the loss of the network on a batch, without gradients (for line searches and validation).</summary>
    /// <param name="input">X, B×<see cref="InputSize"/>.</param>
    /// <param name="target">Y, B×<see cref="OutputSize"/>.</param>
    /// <param name="loss">The loss.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    public T ComputeLoss(ReadOnlyMatrixSpan<T> input, ReadOnlyMatrixSpan<T> target, ILoss<T> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return loss.Evaluate(Forward(input), target, default);
    }

    /// <summary>The explicit Jacobians of the whole chain at X, by multiplying the layers' Jacobians with
    /// <see cref="Gemm"/>: <c>J_X = J_L ⋯ J_1</c> and, for layer l's block of columns,
    /// <c>J_θl = J_L ⋯ J_{l+1}·J_θ(l)</c>.</summary>
    /// <param name="input">X, B×<see cref="InputSize"/>.</param>
    /// <param name="inputJacobian">Receives J_X ((B·OutputSize)×(B·InputSize)), or <c>default</c>.</param>
    /// <param name="parameterJacobian">Receives J_θ ((B·OutputSize)×<see cref="ParameterCount"/>), or <c>default</c>.</param>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    /// <remarks>Dense and quadratic in the batch size: for tests, diagnostics (spectrum of JᵀJ) and small
    /// Gauss–Newton problems. Allocates its intermediates; running statistics are left unchanged.</remarks>
    public void Jacobian(ReadOnlyMatrixSpan<T> input, MatrixSpan<T> inputJacobian, MatrixSpan<T> parameterJacobian)
    {
        Layer<T>.CheckColumns(input.Columns, InputSize, nameof(input), input.Rows);
        int batch = input.Rows, rows = batch * OutputSize;
        bool wantInput = !inputJacobian.IsEmpty, wantParameters = !parameterJacobian.IsEmpty;
        if (wantInput)
            Layer<T>.CheckShape(inputJacobian.Rows, inputJacobian.Columns, rows, batch * InputSize, nameof(inputJacobian));
        if (wantParameters)
            Layer<T>.CheckShape(parameterJacobian.Rows, parameterJacobian.Columns, rows, ParameterCount, nameof(parameterJacobian));

        // Inputs of every layer, without touching running statistics.
        var inputs = new Matrix<T>[_layers.Length];
        inputs[0] = input.ToMatrix();
        for (int l = 0; l + 1 < _layers.Length; l++)
        {
            inputs[l + 1] = new Matrix<T>(batch, _layers[l].OutputSize);
            ForwardWithoutStatistics(_layers[l], inputs[l].AsReadOnlySpan(), inputs[l + 1].AsSpan());
        }

        Matrix<T> chain = Matrix<T>.Identity(rows); // J_L ⋯ J_{l+1}
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            IDifferentiable<T> layer = _layers[l];
            int layerRows = batch * layer.OutputSize, layerColumns = batch * layer.InputSize, p = layer.ParameterCount;
            var jx = new Matrix<T>(layerRows, layerColumns);
            Matrix<T>? jp = wantParameters && p > 0 ? new Matrix<T>(layerRows, p) : null;
            layer.Jacobian(inputs[l].AsReadOnlySpan(), jx.AsSpan(), jp is null ? default : jp.AsSpan());
            if (jp is not null)
                Gemm.Multiply(chain.AsReadOnlySpan(), jp.AsReadOnlySpan(), parameterJacobian.Slice(0, _offsets[l], rows, p));
            if (l > 0 || wantInput)
            {
                var next = new Matrix<T>(rows, layerColumns);
                Gemm.Multiply(chain.AsReadOnlySpan(), jx.AsReadOnlySpan(), next.AsSpan());
                chain = next;
            }
        }
        if (wantInput)
            chain.AsReadOnlySpan().CopyTo(inputJacobian);
    }

    private static void ForwardWithoutStatistics(IDifferentiable<T> layer, ReadOnlyMatrixSpan<T> input, MatrixSpan<T> output)
    {
        if (layer is BatchNormalization<T> { Training: true } norm)
            norm.ForwardWithoutUpdate(input, output);
        else if (layer is Sequential<T> network)
        {
            var x = input.ToMatrix();
            foreach (IDifferentiable<T> inner in network._layers)
            {
                var next = new Matrix<T>(input.Rows, inner.OutputSize);
                ForwardWithoutStatistics(inner, x.AsReadOnlySpan(), next.AsSpan());
                x = next;
            }
            x.AsReadOnlySpan().CopyTo(output);
        }
        else
            layer.Forward(input, output);
    }
}
