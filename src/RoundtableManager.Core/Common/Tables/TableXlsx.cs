using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RoundtableManager.Core.Common.Tables;

/// <summary>
/// XLSX downloads through the Open XML SDK: one worksheet named after the caption, a bold header row that stays in view,
/// numbers and percentages as numbers, dates as dates (British format), text as text protected against formulas
/// exactly as in CSV, and columns wide enough for what they hold.
/// </summary>
public static class TableXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int MinWidth = 8;
    private const int MaxWidth = 60;

    // Indexes into the cell formats of Styles(), in this order.
    private const uint HeaderStyle = 1;
    private const uint WholeNumberStyle = 2;
    private const uint DecimalStyle = 3;
    private const uint PercentStyle = 4;
    private const uint DateStyle = 5;
    private const uint DateTimeStyle = 6;
    private const uint TextStyle = 7;

    public static byte[] Write(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Checked();
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = table.Caption;
            document.PackageProperties.Creator = "Roundtable Manager";
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var strings = new SharedStrings(workbook.AddNewPart<SharedStringTablePart>());
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(FrozenHeader(), Widths(table), Data(table, strings));
            strings.Save();
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(table.Caption) }));
        }

        return stream.ToArray();
    }

    /// <summary>A worksheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not blank.</summary>
    public static string SheetName(string caption)
    {
        ArgumentNullException.ThrowIfNull(caption);
        var name = new string([.. caption.Select(c => ":\\/?*[]".Contains(c, StringComparison.Ordinal) || char.IsControl(c) ? ' ' : c)]).Trim().Trim('\'').Trim();
        name = name.Length > 31 ? name[..31].TrimEnd() : name;
        return name.Length == 0 ? "Table" : name;
    }

    private static SheetData Data(ReportTable table, SharedStrings strings)
    {
        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        for (var c = 0; c < table.Columns.Count; c++)
        {
            header.Append(TextCell(Reference(c, 1), FormulaProtection.Protect(table.Columns[c].Header), HeaderStyle, strings));
        }

        data.Append(header);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var rowIndex = (uint)(r + 2);
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var cell = table.Rows[r][c];
                if (!cell.IsEmpty)
                {
                    row.Append(Cell(Reference(c, rowIndex), cell, strings));
                }
            }

            data.Append(row);
        }

        return data;
    }

    private static Cell Cell(string reference, TableCell cell, SharedStrings strings) => cell.Kind switch
    {
        CellKind.Number => NumberCell(reference, cell.Number.ToString(CultureInfo.InvariantCulture), cell.Decimals == 0 ? WholeNumberStyle : DecimalStyle),
        CellKind.Percent => NumberCell(reference, cell.Number.ToString(CultureInfo.InvariantCulture), PercentStyle),
        CellKind.Date => NumberCell(reference, Serial(cell.Time!.Value), DateStyle),
        CellKind.DateTime => NumberCell(reference, Serial(UkTime.ToUk(cell.Time!.Value)), DateTimeStyle),
        _ => TextCell(reference, FormulaProtection.Protect(cell.Text!), TextStyle, strings),
    };

    private static Cell NumberCell(string reference, string value, uint style) =>
        new() { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(value), StyleIndex = style };

    private static Cell TextCell(string reference, string text, uint style, SharedStrings strings) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.IndexOf(XmlSafe(text))), StyleIndex = style };

    /// <summary>XML cannot hold most control characters (a pasted form feed would make the file unreadable): each becomes U+FFFD.</summary>
    private static string XmlSafe(string text) =>
        text.All(XmlConvert.IsXmlChar) ? text : new string([.. text.Select(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD')]);

    /// <summary>Spreadsheet date serials count days from 30 December 1899, as OLE Automation dates do.</summary>
    private static string Serial(DateTime local) => local.ToOADate().ToString("0.########", CultureInfo.InvariantCulture);

    private static string Reference(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Each column as wide as its longest value (in characters, as the page shows it), within sensible bounds.</summary>
    private static Columns Widths(ReportTable table)
    {
        var columns = new Columns();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var longest = table.Rows.Select(r => r[c].Display.Length).Append(table.Columns[c].Header.Length + 2).Max();
            var width = Math.Clamp(longest + 2, MinWidth, MaxWidth);
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = width, CustomWidth = true });
        }

        return columns;
    }

    private static SheetViews FrozenHeader() => new(new SheetView(
        new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new StringValue("A2")]) })
    {
        TabSelected = true,
        WorkbookViewId = 0,
    });

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "#,##0.0" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "d mmmm yyyy" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "d mmmm yyyy h:mm" })
        { Count = 3 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Arial" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 3, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 9, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, ApplyAlignment = true })
        { Count = 8 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>The workbook's shared string table: each distinct text once, cells refer to it by index.</summary>
    private sealed class SharedStrings(SharedStringTablePart part)
    {
        private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
        private readonly SharedStringTable _table = new();

        public string IndexOf(string text)
        {
            if (!_indexes.TryGetValue(text, out var index))
            {
                index = _indexes.Count;
                _indexes.Add(text, index);
                _table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }

            return index.ToString(CultureInfo.InvariantCulture);
        }

        public void Save()
        {
            _table.Count = (uint)_indexes.Count;
            _table.UniqueCount = (uint)_indexes.Count;
            part.SharedStringTable = _table;
        }
    }
}
