using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TableColumn = RoundtableManager.Core.Common.Tables.TableColumn;
using DocumentFormat.OpenXml.Validation;
using RoundtableManager.Core.Common.Tables;

namespace RoundtableManager.Tests.Common.Tables;

/// <summary>The reusable table download: one captioned table, the same values as CSV and as an XLSX that Excel and LibreOffice open.</summary>
public sealed class TableDownloadTests
{
    private static readonly ReportTable Sample = new(
        "Replies by organisation type",
        [new("Organisation"), new("Invited", CellKind.Number), new("Median days to reply", CellKind.Number), new("Accepted", CellKind.Percent), new("Last reply", CellKind.Date), new("Checked in", CellKind.DateTime)],
        [
            ["Northgate Managed Services", 3, TableCell.Of(2.25, 1), TableCell.Percent(2, 3), TableCell.Of(new DateOnly(2027, 2, 3)), TableCell.Instant(new DateTime(2027, 7, 1, 13, 30, 0, DateTimeKind.Utc))],
            ["=HYPERLINK(\"http://evil.example\",\"Click\")", 1234, TableCell.Of((double?)null, 1), TableCell.Percent(0, 0), TableCell.Of((DateOnly?)null), TableCell.Instant(null)],
            ["@SUM(A1)", 0, TableCell.Of(0.04, 1), TableCell.Percent(1, 1), TableCell.Of(new DateOnly(2026, 12, 25)), TableCell.Instant(new DateTime(2027, 1, 10, 9, 5, 0, DateTimeKind.Utc))],
            ["Café Ωmega 株式会社\u000C", -2, TableCell.Of(1.0, 1), TableCell.Percent(1, 2), TableCell.Of(new DateOnly(2027, 3, 31)), TableCell.Instant(null)],
        ]);

    [Fact]
    public void Display_BritishFormatsAsThePageShowsThem()
    {
        var first = Sample.Rows[0];
        Assert.Equal(["Northgate Managed Services", "3", "2.3", "67%", "3 February 2027", "1 July 2027 at 2:30pm"], first.Select(c => c.Display));
        Assert.Equal(["1,234", "", "", "", ""], Sample.Rows[1].Skip(1).Select(c => c.Display));
    }

    [Fact]
    public void Csv_HeaderRowThenValues_NumbersPlainDatesIsoTextProtected()
    {
        var bytes = TableCsv.Write(Sample);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = TableFiles.ReadCsv(bytes);
        Assert.Equal(["Organisation", "Invited", "Median days to reply", "Accepted", "Last reply", "Checked in"], rows[0]);
        Assert.Equal(["Northgate Managed Services", "3", "2.3", "67%", "2027-02-03", "2027-07-01 14:30"], rows[1]);
        Assert.Equal(["'=HYPERLINK(\"http://evil.example\",\"Click\")", "1234", "", "", "", ""], rows[2]);
        Assert.Equal("'@SUM(A1)", rows[3][0]);
        Assert.Equal("-2", rows[4][1]);
        Assert.Equal(5, rows.Count);
    }

    [Fact]
    public void Xlsx_OpensWithTheSdk_ValidatesWithoutErrors()
    {
        using var stream = new MemoryStream(TableXlsx.Write(Sample));
        using var document = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        Assert.Equal("Replies by organisation type", document.PackageProperties.Title);
        Assert.Equal("Replies by organisation type", document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
    }

    [Fact]
    public void Xlsx_HeaderRowNumbersAsNumbersDatesAsDatesTextProtected()
    {
        using var stream = new MemoryStream(TableXlsx.Write(Sample));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = new XlsxSheet(document);

        Assert.Equal(["Organisation", "Invited", "Median days to reply", "Accepted", "Last reply", "Checked in"], sheet.Row(1).Select(c => sheet.Text(c)));
        Assert.True(sheet.Format(sheet.Cell("A1")).ApplyFont?.Value);

        Assert.Equal("Northgate Managed Services", sheet.Text(sheet.Cell("A2")));
        Assert.Equal(CellValues.SharedString, sheet.Cell("A2").DataType!.Value);
        Assert.Equal(("3", "#,##0"), (sheet.Cell("B2").CellValue!.Text, sheet.NumberFormat(sheet.Cell("B2"))));
        Assert.Equal(CellValues.Number, sheet.Cell("B2").DataType!.Value);
        Assert.Equal(("2.3", "#,##0.0"), (sheet.Cell("C2").CellValue!.Text, sheet.NumberFormat(sheet.Cell("C2"))));
        Assert.Equal(("0.67", "0%"), (sheet.Cell("D2").CellValue!.Text, sheet.NumberFormat(sheet.Cell("D2"))));
        Assert.Equal(new DateTime(2027, 2, 3), DateTime.FromOADate(double.Parse(sheet.Cell("E2").CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("d mmmm yyyy", sheet.NumberFormat(sheet.Cell("E2")));
        Assert.Equal(new DateTime(2027, 7, 1, 14, 30, 0), DateTime.FromOADate(double.Parse(sheet.Cell("F2").CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"Click\")", sheet.Text(sheet.Cell("A3")));
        Assert.Null(sheet.Cell("A3").CellFormula);
        Assert.Equal("'@SUM(A1)", sheet.Text(sheet.Cell("A4")));
        Assert.Equal("1234", sheet.Cell("B3").CellValue!.Text);
        Assert.False(sheet.Has("C3"));
        Assert.Equal("Café Ωmega 株式会社\uFFFD", sheet.Text(sheet.Cell("A5")));
        Assert.Equal("-2", sheet.Cell("B5").CellValue!.Text);

        var widths = sheet.Widths();
        Assert.Equal(43, widths[0]);
        Assert.InRange(widths[1], 8, 12);
        Assert.Equal(24, widths[2]);
        Assert.NotNull(document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Pane>().SingleOrDefault(p => p.TopLeftCell == "A2"));
    }

    [Fact]
    public void Checked_RowOfTheWrongShapeOrKind_Refused()
    {
        var columns = new TableColumn[] { new("Organisation"), new("Invited", CellKind.Number) };
        Assert.Throws<InvalidOperationException>(() => TableCsv.Write(new ReportTable("Bad", columns, [["Only one cell"]])));
        Assert.Throws<InvalidOperationException>(() => TableXlsx.Write(new ReportTable("Bad", columns, [["Text", "three"]])));
    }

    [Theory]
    [InlineData("Actions by organisation", "Actions by organisation")]
    [InlineData("Replies: by tag [Core]? / all*", "Replies  by tag  Core     all")]
    [InlineData("Organisations not engaged for 12 months or more", "Organisations not engaged for 1")]
    [InlineData("'''", "Table")]
    public void SheetName_WhatExcelAccepts(string caption, string expected) => Assert.Equal(expected, TableXlsx.SheetName(caption));
}
