namespace RoundtableManager.Core.Common.Tables;

/// <summary>What a column holds: it decides the alignment on the page and the cell type and format in a spreadsheet.</summary>
public enum CellKind
{
    Text,
    Number,
    Percent,
    Date,
    DateTime,
}

public sealed record TableColumn(string Header, CellKind Kind = CellKind.Text);

/// <summary>
/// A captioned table that a page shows and that downloads as CSV (<see cref="TableCsv"/>) or XLSX (<see cref="TableXlsx"/>)
/// with the same headers, rows and values. Build it once in a query class; the page and both files read it.
/// </summary>
public sealed record ReportTable(string Caption, IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<TableCell>> Rows)
{
    public ReportTable(string caption, IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<TableCell>> rows)
        : this(caption, columns, (IReadOnlyList<IReadOnlyList<TableCell>>)[.. rows])
    {
    }

    /// <summary>Every row must have one cell per column, each of the column's kind (or empty): a mistake here would shift a spreadsheet's columns.</summary>
    public ReportTable Checked()
    {
        for (var r = 0; r < Rows.Count; r++)
        {
            if (Rows[r].Count != Columns.Count)
            {
                throw new InvalidOperationException($"Row {r + 1} of \"{Caption}\" has {Rows[r].Count} cells for {Columns.Count} columns");
            }

            for (var c = 0; c < Columns.Count; c++)
            {
                if (!Rows[r][c].IsEmpty && Rows[r][c].Kind != Columns[c].Kind)
                {
                    throw new InvalidOperationException($"Row {r + 1}, column \"{Columns[c].Header}\" of \"{Caption}\" holds {Rows[r][c].Kind}, not {Columns[c].Kind}");
                }
            }
        }

        return this;
    }
}
