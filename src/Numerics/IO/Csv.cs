using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Numerics;

namespace Simd.Numerics.IO;

/// <summary>Reads numeric CSV tables (comma-separated, optional header row, invariant-culture numbers) into matrices.</summary>
public static class Csv
{
    /// <summary>Reads a numeric table from a file.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="hasHeader">Whether the first line holds column names.</param>
    /// <returns>The values (one row per data line) and the column names (empty when there is no header).</returns>
    /// <exception cref="FormatException">A field is not a number, or a row has the wrong number of fields;
    /// the message gives the line and column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static (Matrix<T> Values, string[] Header) ReadMatrix<T>(string path, bool hasHeader = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return ReadMatrix<T>(reader, hasHeader);
    }

    /// <summary>Reads a numeric table from a reader.</summary>
    /// <param name="reader">The text to parse.</param>
    /// <param name="hasHeader">Whether the first line holds column names.</param>
    /// <returns>The values (one row per data line) and the column names (empty when there is no header).</returns>
    /// <exception cref="FormatException">A field is not a number, or a row has the wrong number of fields;
    /// the message gives the line and column. Nothing is returned partially.</exception>
    /// <remarks>Blank lines are skipped. Fields are parsed with <see cref="CultureInfo.InvariantCulture"/>;
    /// "NaN", "Infinity" and "-Infinity" are accepted. Quoted fields are not supported (numeric data only).</remarks>
    public static (Matrix<T> Values, string[] Header) ReadMatrix<T>(TextReader reader, bool hasHeader = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(reader);
        string[] header = [];
        var values = new List<T>();
        int columns = -1, rows = 0, lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
                continue;
            string[] fields = line.Split(',');
            if (hasHeader && header.Length == 0 && columns < 0)
            {
                header = Array.ConvertAll(fields, f => f.Trim());
                columns = fields.Length;
                continue;
            }
            if (columns < 0)
                columns = fields.Length;
            if (fields.Length != columns)
                throw new FormatException($"Line {lineNumber}: expected {columns} fields but found {fields.Length}.");
            for (int j = 0; j < fields.Length; j++)
            {
                if (!T.TryParse(fields[j].AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out T value))
                    throw new FormatException($"Line {lineNumber}, column {j + 1}: '{fields[j]}' is not a number.");
                values.Add(value);
            }
            rows++;
        }
        return (new Matrix<T>(values.ToArray(), rows, Math.Max(columns, 0)), header);
    }
}
