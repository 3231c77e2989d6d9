using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.Intrinsics;
using Simd.Examples.Tour;

namespace Simd.Examples;

/// <summary>
/// The examples tour (the README's main job): one idea followed through three levels on the real data sets shipped in
/// <c>examples/data</c> — apply a model (matrix products), train it (closed forms and optimizers), and understand why
/// it fails (eigenvalues and condition numbers).
/// </summary>
internal static class Program
{
    private static int Main()
    {
        string data = Path.Combine(AppContext.BaseDirectory, "data");
        Console.WriteLine($"Simd examples tour — SIMD path: Vector512={Vector512.IsHardwareAccelerated}, " +
                          $"Vector256={Vector256.IsHardwareAccelerated}, Vector128={Vector128.IsHardwareAccelerated}; {Environment.ProcessorCount} cores");
        var total = Stopwatch.StartNew();
        Section("1. Kernels: the diabetes table as spans", () => KernelsSection.Run(data));
        Section("2. Apply a model: H = X·W and the Gram matrix XᵀX", () => ProductsSection.Run(data));
        Section("3. Train it in closed form: least squares by Cholesky", () => LeastSquaresSection.Run(data));
        Section("4. Train it iteratively: gradient descent, Newton, L-BFGS", () => OptimizersSection.Run(data));
        Section("5. Train it by backprop: an MLP on the digits", () => BackpropSection.Run(data));
        Section("6. Understand it: spectra, PCA and conditioning", () => SpectraSection.Run(data));
        Console.WriteLine($"\nTour finished in {total.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static void Section(string title, Action body)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(new string('─', title.Length));
        body();
    }
}
