namespace RoundtableManager.Web.Infrastructure.Tables;

/// <summary>
/// Serves a <see cref="ReportTable"/> as a file: <c>return TableDownload.File(table, format, "roundtable-12-venue-list")</c>
/// from an action routed as <c>...{format}</c>, where format is "csv" or "xlsx" (anything else is a 404).
/// </summary>
public static class TableDownload
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx"];

    public static bool IsFormat(string? format) => format is "csv" or "xlsx";

    /// <summary>The file, or null for an unknown format (answer 404).</summary>
    public static FileContentResult? File(ReportTable table, string? format, string fileStem)
    {
        ArgumentNullException.ThrowIfNull(table);
        return format switch
        {
            "csv" => new FileContentResult(TableCsv.Write(table), TableCsv.ContentType) { FileDownloadName = fileStem + ".csv" },
            "xlsx" => new FileContentResult(TableXlsx.Write(table), TableXlsx.ContentType) { FileDownloadName = fileStem + ".xlsx" },
            _ => null,
        };
    }
}

/// <summary>
/// What the shared partial <c>_ReportTable</c> shows: the captioned table and links to download it. The links are
/// <paramref name="DownloadPath"/> + ".csv" / ".xlsx", followed by <paramref name="Query"/> (with its "?", or empty).
/// </summary>
public sealed record ReportTableView(ReportTable Table, string Id, string DownloadPath, string Query = "", string Empty = "None.")
{
    public string Link(string format) => $"{DownloadPath}.{format}{Query}";
}
