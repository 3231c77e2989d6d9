using System;
using FsCheck;

namespace Simd.PropertyTests;

/// <summary>
/// The FsCheck configuration every property uses. The number of cases defaults to a CI-friendly 100 and can be
/// raised for a long soak: <c>SIMD_PROPERTY_RUNS=100000 dotnet test property-tests/Simd.PropertyTests</c>.
/// </summary>
public static class PropertyConfig
{
    /// <summary>Environment variable that sets the number of cases per property.</summary>
    public const string RunsVariable = "SIMD_PROPERTY_RUNS";

    /// <summary>Cases per property: <see cref="RunsVariable"/> if set to a positive integer, else 100.</summary>
    public static int Runs =>
        int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), out int runs) && runs > 0 ? runs : 100;

    /// <summary>Throws on the first failing case, with the shrunk counterexample in the message.</summary>
    public static Config Default => Config.QuickThrowOnFailure.WithMaxTest(Runs);

    /// <summary>For expensive properties (large matrices): a tenth of <see cref="Runs"/>, at least 10.</summary>
    public static Config Expensive => Config.QuickThrowOnFailure.WithMaxTest(Math.Max(10, Runs / 10));
}
