using System;
using System.Threading;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Json;
using Simd.Benchmarks.Peers;

namespace Simd.Benchmarks.Quick;

/// <summary>
/// <c>quick [--filter OP[,OP…]] [--json FILE] [--seconds S]</c>: one table in seconds rather than BenchmarkDotNet's
/// minutes. Every case is warmed up, then timed in batches long enough for the clock, and the median batch is kept.
/// Peers run in the same process on the same data, and the implementations of one problem are timed in alternation
/// (<see cref="Rounds"/> rounds each), so that a slow spell of this shared machine falls on all of them rather than on
/// whichever happened to run then: the ratios are what this report is for.
/// </summary>
internal static class QuickReport
{
    public static int Run(string[] args)
    {
        string[]? filter = null;
        string? jsonPath = null;
        double secondsPerCase = 0.4;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--filter" when i + 1 < args.Length: filter = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--json" when i + 1 < args.Length: jsonPath = args[++i]; break;
                case "--seconds" when i + 1 < args.Length: secondsPerCase = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: quick [--filter OP[,OP…]] [--json FILE] [--seconds S]");
                    return 2;
            }
        }

        var machine = DescribeMachine();
        foreach (var (key, value) in machine)
            Console.WriteLine($"{key,-22} {value}");
        if (!OpenBlas.IsAvailable)
            Console.WriteLine(OpenBlas.MissingHint);
        else if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } forced)
            Console.WriteLine($"WARNING: OPENBLAS_CORETYPE={forced} forces an older OpenBLAS kernel; unset it (and OPENBLAS_L2_SIZE) for a fair comparison.");

        var peaks = new Dictionary<(string, int), double>();
        foreach (int threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            peaks[("f64", threads)] = FmaPeak.Measure<double>(threads);
            peaks[("f32", threads)] = FmaPeak.Measure<float>(threads);
            Console.WriteLine($"FMA peak, {threads} thread(s): {peaks[("f64", threads)]:F1} GFLOP/s double, {peaks[("f32", threads)]:F1} float");
        }
        Console.WriteLine();

        var suites = typeof(QuickReport).Assembly.GetTypes()
            .Where(t => typeof(IQuickSuite).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.Name)
            .Select(t => (IQuickSuite)Activator.CreateInstance(t)!);

        var results = new List<Dictionary<string, object>>();
        Console.WriteLine($"{"op",-13}{"type",-5}{"m",7}{"n",8}{"k",7}{"thr",4}  {"impl",-17}{"median",12}{"GFLOP/s",10}{"GB/s",8}{"simd ×",8}{"% peak",8}");
        foreach (var suite in suites)
        {
            var simdSeconds = new Dictionary<(string, string, int, int, int, int), double>();
            var selected = suite.Cases().Where(c => filter is null || filter.Contains(c.Op, StringComparer.OrdinalIgnoreCase));
            foreach (List<QuickCase> group in SameProblem(selected))
            {
                double[] times = TimeInterleaved(group, secondsPerCase);
                for (int g = 0; g < group.Count; g++)
                {
                    QuickCase c = group[g];
                    double seconds = times[g];
                    var key = (c.Op, c.Type, c.M, c.N, c.K, c.Threads);
                    if (c.Impl == "simd")
                        simdSeconds[key] = seconds;
                    double gflops = c.Flops / seconds / 1e9;
                    string ratio = c.Impl != "simd" && simdSeconds.TryGetValue(key, out double simd) ? (seconds / simd).ToString("F2", CultureInfo.InvariantCulture) : "";
                    string peak = c.GemmLike && peaks.TryGetValue((c.Type, Math.Min(c.Threads, Environment.ProcessorCount)), out double p)
                        ? (100 * gflops / p).ToString("F0", CultureInfo.InvariantCulture) : "";
                    string gbps = c.Bytes > 0 ? (c.Bytes / seconds / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "";
                    Console.WriteLine($"{c.Op,-13}{c.Type,-5}{c.M,7}{c.N,8}{c.K,7}{c.Threads,4}  {c.Impl,-17}{FormatSeconds(seconds),12}{gflops,10:F2}{gbps,8}{ratio,8}{peak,8}");
                    var row = new Dictionary<string, object>
                    {
                        ["op"] = c.Op, ["type"] = c.Type, ["m"] = c.M, ["n"] = c.N, ["k"] = c.K, ["threads"] = c.Threads,
                        ["impl"] = c.Impl, ["seconds"] = seconds, ["gflops"] = gflops,
                    };
                    if (c.Bytes > 0)
                        row["gbps"] = c.Bytes / seconds / 1e9;
                    results.Add(row);
                }
            }
        }
        OpenBlas.SetThreads(Environment.ProcessorCount);

        if (jsonPath is not null)
        {
            var document = new Dictionary<string, object>
            {
                ["machine"] = machine.ToDictionary(kv => kv.Key, kv => (object)kv.Value)
                    .Concat(peaks.Select(kv => new KeyValuePair<string, object>($"fma_peak_{kv.Key.Item1}_{kv.Key.Item2}t_gflops", kv.Value)))
                    .ToDictionary(kv => kv.Key, kv => kv.Value),
                ["results"] = results,
            };
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine($"\nWrote {results.Count} results to {jsonPath}");
        }
        return 0;
    }

    /// <summary>Pause before each two-thread turn (see <see cref="Settle"/>).</summary>
    private const int CoolDownMilliseconds = 150;

    /// <summary>Turns each implementation of a problem gets, in alternation.</summary>
    private const int Rounds = 3;

    /// <summary>Runs of consecutive cases on the same size, type and thread count: Simd and its peers on one problem
    /// (and the related operations a suite times on the same data, e.g. LU and Cholesky, or the eigensolver's three
    /// paths, so that top-k and the full decomposition it is compared with are timed alternately too).</summary>
    private static IEnumerable<List<QuickCase>> SameProblem(IEnumerable<QuickCase> cases)
    {
        var group = new List<QuickCase>();
        foreach (QuickCase c in cases)
        {
            if (group.Count > 0 && (c.Type, c.M, c.N, c.Threads) != (group[0].Type, group[0].M, group[0].N, group[0].Threads))
            {
                yield return group;
                group = [];
            }
            group.Add(c);
        }
        if (group.Count > 0)
            yield return group;
    }

    /// <summary>
    /// Median seconds per call of each case of <paramref name="group"/>: each is warmed up and calibrated (batches of at
    /// least ~10 ms), then the cases take <see cref="Rounds"/> turns in order, each turn at least two batches and a
    /// share of the budget, and each case's median over all its batches is kept.
    /// </summary>
    private static double[] TimeInterleaved(List<QuickCase> group, double budgetSeconds)
    {
        var repetitions = new int[group.Count];
        var samples = new List<double>[group.Count];
        var watch = new Stopwatch();
        for (int g = 0; g < group.Count; g++)
        {
            Settle(group[g]);
            group[g].Run(); // JIT and first-touch
            watch.Restart();
            group[g].Run();
            repetitions[g] = (int)Math.Clamp(0.01 / Math.Max(watch.Elapsed.TotalSeconds, 1e-9), 1, 1_000_000);
            samples[g] = [];
        }
        for (int round = 0; round < Rounds; round++)
            for (int g = 0; g < group.Count; g++)
            {
                QuickCase c = group[g];
                Settle(c);
                // One call not timed: a short case would otherwise find the caches as the other implementation left
                // them, and a two-thread case its first call slowed by that implementation's threads, which can
                // still be spinning after the cool-down (the n = 2048 two-thread eigenvalues measured 620 ms
                // instead of 280 after OpenBLAS's turn without it).
                if (repetitions[g] > 1 || c.Threads > 1)
                    c.Run();
                var turn = Stopwatch.StartNew();
                for (int batch = 0; batch < 2 || (turn.Elapsed.TotalSeconds < budgetSeconds / Rounds && batch < 200 / Rounds); batch++)
                {
                    watch.Restart();
                    for (int r = 0; r < repetitions[g]; r++)
                        c.Run();
                    samples[g].Add(watch.Elapsed.TotalSeconds / repetitions[g]);
                }
            }
        var medians = new double[group.Count];
        for (int g = 0; g < group.Count; g++)
        {
            samples[g].Sort();
            medians[g] = samples[g][samples[g].Count / 2];
        }
        return medians;
    }

    /// <summary>
    /// Starts a turn from the same state: OpenBLAS set to the case's thread count, the previous turns' garbage collected
    /// (otherwise a background collection of an earlier case's large matrices runs on the core a two-thread case needs,
    /// or a case that allocates pays for it), and, before a two-thread turn, the worker threads idle again (OpenBLAS's
    /// spin for about 2²⁸ cycles after a call, Simd's for 1 ms).
    /// </summary>
    private static void Settle(QuickCase c)
    {
        OpenBlas.SetThreads(c.Threads);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (c.Threads > 1)
            Thread.Sleep(CoolDownMilliseconds);
    }

    private static string FormatSeconds(double s) =>
        s >= 1 ? $"{s:F3} s" : s >= 1e-3 ? $"{s * 1e3:F3} ms" : $"{s * 1e6:F2} µs";

    /// <summary>The processor's brand string and family/model from CPUID (x86 only; the OS is not asked).</summary>
    private static string DescribeCpu()
    {
        if (!X86Base.IsSupported || (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x80000004)
            return RuntimeInformation.ProcessArchitecture.ToString();
        var brand = new StringBuilder();
        for (uint leaf = 0x80000002; leaf <= 0x80000004; leaf++)
        {
            (int a, int b, int c, int d) = X86Base.CpuId(unchecked((int)leaf), 0);
            foreach (int register in (ReadOnlySpan<int>)[a, b, c, d])
                for (int shift = 0; shift < 32; shift += 8)
                    brand.Append((char)((register >> shift) & 0xFF));
        }
        int signature = X86Base.CpuId(1, 0).Eax;
        int family = (signature >> 8) & 0xF, model = (signature >> 4) & 0xF;
        if (family == 0xF)
        {
            family += (signature >> 20) & 0xFF;
            model |= ((signature >> 16) & 0xF) << 4;
        }
        return $"{brand.ToString().TrimEnd('\0').Trim()} (family {family} model {model})";
    }

    private static List<(string Key, string Value)> DescribeMachine()
    {
        string cpu = DescribeCpu();
        return
        [
            ("cpu", cpu),
            ("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
            ("dotnet", RuntimeInformation.FrameworkDescription),
            ("vector512", Vector512.IsHardwareAccelerated.ToString()),
            ("vector256", Vector256.IsHardwareAccelerated.ToString()),
            ("vector128", Vector128.IsHardwareAccelerated.ToString()),
            ("openblas_core", OpenBlas.CoreName),
            ("openblas_coretype_env", Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset)"),
        ];
    }
}
