namespace Simd.Learning.Optimizers;

/// <summary>One progress report of a full-batch minimizer, sent after every iteration through
/// <see cref="MinimizerOptions.Progress"/>.</summary>
/// <param name="Iteration">Iterations completed so far (1 after the first step).</param>
/// <param name="Evaluations">Objective evaluations so far.</param>
/// <param name="Value">The objective at the current point.</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at the current point.</param>
/// <param name="StepLength">The step length α taken by the last line search (1 for a full Newton or
/// Levenberg–Marquardt step).</param>
public readonly record struct MinimizerProgress(int Iteration, int Evaluations, double Value, double GradientNorm, double StepLength);
