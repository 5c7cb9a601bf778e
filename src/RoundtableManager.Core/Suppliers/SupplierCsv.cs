using System.Text;
using CsvHelper;

namespace RoundtableManager.Core.Suppliers;

public enum ImportColumn
{
    Organisation,
    Type,
    CompaniesHouseNumber,
    Website,
    Notes,
    ContactName,
    Email,
    JobTitle,
    Phone,
    Primary,
    Tags,
}

/// <summary>One data record of a CSV: its row number as a spreadsheet shows it (the header is row 1) and its fields.</summary>
public sealed record CsvRecord(int RowNumber, IReadOnlyList<string> Fields);

public sealed record SupplierCsvFile(
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<ImportColumn, int> Columns,
    IReadOnlyList<string> IgnoredHeaders,
    IReadOnlyList<CsvRecord> Records)
{
    public string? Value(CsvRecord record, ImportColumn column) =>
        Columns.TryGetValue(column, out var index) && index < record.Fields.Count
            ? SupplierRules.Clean(SupplierCsv.Unprotect(record.Fields[index]))
            : null;
}

/// <summary>The CSV format of the directory: the columns, their accepted headers, and spreadsheet formula protection.</summary>
public static class SupplierCsv
{
    public static readonly IReadOnlyList<(ImportColumn Column, string Header)> ExportColumns =
    [
        (ImportColumn.Organisation, "Organisation"),
        (ImportColumn.Type, "Type"),
        (ImportColumn.CompaniesHouseNumber, "Companies House number"),
        (ImportColumn.Website, "Website"),
        (ImportColumn.Notes, "Notes"),
        (ImportColumn.ContactName, "Contact name"),
        (ImportColumn.Email, "Email"),
        (ImportColumn.JobTitle, "Job title"),
        (ImportColumn.Phone, "Phone"),
        (ImportColumn.Primary, "Primary contact"),
        (ImportColumn.Tags, "Tags"),
    ];

    /// <summary>Separates tags in the Tags column ("CNI; Strategic supplier"). Tag names cannot contain it.</summary>
    public const char TagSeparator = ';';

    /// <summary>Accepted headers, compared after <see cref="HeaderKey"/> (lower case, letters and digits only).</summary>
    public static readonly IReadOnlyDictionary<ImportColumn, string[]> Synonyms = new Dictionary<ImportColumn, string[]>
    {
        [ImportColumn.Organisation] = ["Organisation", "Organisation name", "Organization", "Organization name", "Company", "Company name", "Supplier", "Supplier name"],
        [ImportColumn.Type] = ["Type", "Organisation type", "Organization type", "Supplier type"],
        [ImportColumn.CompaniesHouseNumber] = ["Companies House number", "Company number", "Company registration number", "Companies House"],
        [ImportColumn.Website] = ["Website", "Web site", "Website address", "URL"],
        [ImportColumn.Notes] = ["Notes", "Note"],
        [ImportColumn.ContactName] = ["Name", "Contact name", "Full name", "Contact"],
        [ImportColumn.Email] = ["Email", "Email address", "E-mail", "Contact email"],
        [ImportColumn.JobTitle] = ["Job title", "Role", "Title", "Position"],
        [ImportColumn.Phone] = ["Phone", "Telephone", "Phone number", "Telephone number", "Tel"],
        [ImportColumn.Primary] = ["Primary contact", "Primary", "Is primary"],
        [ImportColumn.Tags] = ["Tags", "Tag", "Segments"],
    };

    private static readonly Dictionary<string, ImportColumn> HeaderLookup = Synonyms
        .SelectMany(s => s.Value.Select(h => (Key: HeaderKey(h), Column: s.Key)))
        .DistinctBy(p => p.Key)
        .ToDictionary(p => p.Key, p => p.Column, StringComparer.Ordinal);

    public static string HeaderKey(string header) =>
        string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    public static bool TryParseType(string value, out OrganisationType type)
    {
        type = HeaderKey(value) switch
        {
            "msp" or "managedserviceprovider" or "managedservicesprovider" or "managedservices" => OrganisationType.ManagedServiceProvider,
            "si" or "systemsintegrator" or "systemintegrator" or "integrator" or "systemsintegration" => OrganisationType.SystemsIntegrator,
            "other" => OrganisationType.Other,
            _ => 0,
        };
        return type != 0;
    }

    /// <summary>The tags a Tags cell names: split at <see cref="TagSeparator"/>, trimmed, empty ones left out, each once (ignoring case).</summary>
    public static IReadOnlyList<string> SplitTags(string? value) =>
        value is null ? [] : value.Split(TagSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .DistinctBy(Engagement.Tag.Normalise, StringComparer.Ordinal).ToList();

    /// <summary>An organisation's tags as the Tags column writes them.</summary>
    public static string JoinTags(IEnumerable<string> names) => string.Join(TagSeparator + " ", names);

    public static bool TryParseYesNo(string value, out bool result)
    {
        switch (HeaderKey(value))
        {
            case "yes" or "y" or "true" or "1" or "primary":
                result = true;
                return true;
            case "no" or "n" or "false" or "0":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    /// <summary>The one formula rule of every export (<see cref="FormulaProtection"/>); the import reads a protected cell back as it was.</summary>
    public static string Protect(string value) => FormulaProtection.Protect(value);

    public static string Unprotect(string value) => FormulaProtection.Unprotect(value);

    /// <summary>
    /// Reads a whole CSV held as text. Blank lines, and rows whose fields are all empty, are left out, but still count:
    /// each record is numbered as a spreadsheet shows the file (the header is row 1, a blank line is a row, and a
    /// quoted cell with line breaks in it is one row however many lines of the file it spans). With
    /// <paramref name="firstRecordOnly"/> it stops at the first record: enough for the upload's check of the headings
    /// and that there is a row, while the preview and the confirm read every row.
    /// </summary>
    public static SupplierCsvFile Read(string text, bool firstRecordOnly = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, TrackLineNumbers = true };
        using var reader = CsvReader.FromText(text, options);
        var linesInsideCells = reader.Headers.Sum(LineBreaks);
        var headers = reader.Headers.Select(h => h.Trim()).ToList();
        var columns = new Dictionary<ImportColumn, int>();
        var ignored = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (HeaderLookup.TryGetValue(HeaderKey(headers[i]), out var column) && columns.TryAdd(column, i))
            {
                continue;
            }

            if (headers[i].Length > 0)
            {
                ignored.Add(headers[i]);
            }
        }

        var records = new List<CsvRecord>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            var empty = true;
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader.GetString(i) ?? "";
                empty &= string.IsNullOrWhiteSpace(fields[i]);
            }

            if (!empty)
            {
                records.Add(new CsvRecord(checked((int)(reader.LineNumber - linesInsideCells)), fields));
                if (firstRecordOnly)
                {
                    break;
                }
            }

            foreach (var field in fields)
            {
                linesInsideCells += LineBreaks(field);
            }
        }

        return new SupplierCsvFile(headers, columns, ignored, records);
    }

    /// <summary>Line breaks inside a field (CRLF, CR or LF), which the file's line count includes and a spreadsheet's rows do not.</summary>
    private static int LineBreaks(string field)
    {
        if (!field.AsSpan().ContainsAny('\r', '\n'))
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\n' || (field[i] == '\r' && (i + 1 == field.Length || field[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Writes rows as RFC 4180 CSV (UTF-8 with a byte order mark so Excel reads non-Latin names), every cell protected.</summary>
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows) => TableCsv.Write(headers, rows);

    /// <summary>Strict UTF-8 (a byte order mark is allowed): null if the bytes are not UTF-8 text.</summary>
    public static string? DecodeUtf8(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
