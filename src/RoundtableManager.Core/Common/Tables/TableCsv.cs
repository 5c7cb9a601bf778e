using CsvHelper;

namespace RoundtableManager.Core.Common.Tables;

/// <summary>CSV downloads: RFC 4180 through CsvHelper, UTF-8 with a byte order mark (so Excel reads non-Latin names), every text cell protected.</summary>
public static class TableCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The table's header row and rows; the caption is the file's name, not a row, so the file sorts and filters as it is.</summary>
    public static byte[] Write(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Checked();
        return WriteValues(table.Columns.Select(c => FormulaProtection.Protect(c.Header)).ToArray(), table.Rows.Select(r => r.Select(c => c.CsvValue)));
    }

    /// <summary>Rows of text, each cell protected against formulas.</summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        return WriteValues(headers.Select(FormulaProtection.Protect).ToArray(), rows.Select(r => r.Select(v => v is null ? null : FormulaProtection.Protect(v))));
    }

    private static byte[] WriteValues(string[] headers, IEnumerable<IEnumerable<string?>> rows)
    {
        using var stream = new MemoryStream();
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true };
        using (var writer = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            writer.WriteHeader(headers);
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    writer.WriteField(value);
                }

                writer.EndRecord();
            }
        }

        return stream.ToArray();
    }
}
