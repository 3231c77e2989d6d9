using System.IO;
using Simd.Numerics;
using Simd.Numerics.IO;

namespace Simd.Examples.Tour;

/// <summary>A shipped data set split into features X and target y (the last CSV column).</summary>
internal sealed record Dataset(string Name, string[] FeatureNames, Matrix<double> X, double[] Y)
{
    public static Dataset Load(string directory, string name)
    {
        var (table, header) = Csv.ReadMatrix<double>(Path.Combine(directory, name + ".csv"));
        int features = table.Columns - 1;
        var x = new Matrix<double>(table.Rows, features);
        var y = new double[table.Rows];
        for (int i = 0; i < table.Rows; i++)
        {
            table.Row(i)[..features].CopyTo(x.Row(i));
            y[i] = table[i, features];
        }
        return new Dataset(name, header[..features], x, y);
    }
}
