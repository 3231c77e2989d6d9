using BenchmarkDotNet.Attributes;
using Simd.Benchmarks.Quick;

namespace Simd.Benchmarks.Learning.Networks;

/// <summary>One training step of the MLPs 64→128→10 (batch 64) and 784→256→10 (batch 128), float, one thread;
/// MemoryDiagnoser shows the step allocates nothing. Compare with <c>benchmarks/pytorch_mlp_step.py</c>.</summary>
[MemoryDiagnoser]
public class MlpStepBenchmarks
{
    private MlpStep _step = null!;

    /// <summary>"batch×input×hidden".</summary>
    [Params("64x64x128", "128x784x256")]
    public string Shape { get; set; } = "64x64x128";

    /// <summary>Builds the network and the batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split('x');
        _step = MlpStep.Create(int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]));
    }

    /// <summary>Forward, loss, backward with parameter gradients.</summary>
    [Benchmark]
    public float TrainingStep() => _step.Run();
}
