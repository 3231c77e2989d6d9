namespace Simd.Examples;

internal static class Program
{
    private static int Main() => 0;
}
