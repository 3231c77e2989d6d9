using System;
using BenchmarkDotNet.Running;
using Simd.Benchmarks.Quick;

namespace Simd.Benchmarks;

/// <summary><c>quick …</c> prints the quick report; anything else goes to BenchmarkDotNet's switcher.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
            return QuickReport.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
