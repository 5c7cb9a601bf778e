using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace RoundtableManager.Tests.Common.Tables;

/// <summary>Reads the first worksheet of an XLSX as a spreadsheet program would: cells by reference, shared strings, number formats.</summary>
public sealed class XlsxSheet(SpreadsheetDocument document)
{
    private readonly WorkbookPart _workbook = document.WorkbookPart!;

    private Worksheet Worksheet => _workbook.WorksheetParts.Single().Worksheet;

    public static XlsxSheet Open(byte[] bytes, out SpreadsheetDocument document)
    {
        document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        return new XlsxSheet(document);
    }

    public IReadOnlyList<Cell> Row(uint index) => Worksheet.Descendants<Row>().Single(r => r.RowIndex! == index).Elements<Cell>().ToList();

    public int RowCount => Worksheet.Descendants<Row>().Count();

    public bool Has(string reference) => Worksheet.Descendants<Cell>().Any(c => c.CellReference == reference);

    public Cell Cell(string reference) => Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    /// <summary>What the cell holds as text: the shared string, or the raw number.</summary>
    public string Text(Cell cell) => cell.DataType?.Value == CellValues.SharedString
        ? _workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
        : cell.CellValue?.Text ?? "";

    /// <summary>Every row's values as text, header first (numbers raw, as stored).</summary>
    public List<string[]> Values(int columns) => Worksheet.Descendants<Row>()
        .Select(r => Enumerable.Range(0, columns).Select(c => r.Elements<Cell>().FirstOrDefault(x => x.CellReference == $"{(char)('A' + c)}{r.RowIndex}") is { } cell ? Text(cell) : "").ToArray())
        .ToList();

    public CellFormat Format(Cell cell) => _workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));

    public string NumberFormat(Cell cell)
    {
        var id = Format(cell).NumberFormatId!.Value;
        return id switch
        {
            3 => "#,##0",
            9 => "0%",
            49 => "@",
            _ => _workbook.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == id).FormatCode!.Value!,
        };
    }

    public List<double> Widths() => Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
}
