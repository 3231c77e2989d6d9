using System.Runtime.Intrinsics;
using Xunit;
using Xunit.Abstractions;

namespace Simd.Tests;

/// <summary>Logs which vector widths this run accelerates, so the CI log shows which SIMD path was tested.</summary>
public sealed class SimdPathReport(ITestOutputHelper output)
{
    [Fact]
    public void LogAcceleratedWidths()
    {
        string line = $"SIMD path: Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} " +
                      $"Vector128={Vector128.IsHardwareAccelerated}";
        output.WriteLine(line);
        System.Console.WriteLine(line);
        // The widths nest: a wider width is never accelerated without the narrower ones.
        Assert.True(!Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated);
        Assert.True(!Vector256.IsHardwareAccelerated || Vector128.IsHardwareAccelerated);
    }
}
