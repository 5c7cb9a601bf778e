using System.Text;

namespace RoundtableManager.Core.Actions;

/// <summary>
/// The kinds of file accepted as evidence: known by the extension AND by the first bytes, so a program renamed to
/// .pdf is refused. Only PDFs and images may be shown inline; everything else is downloaded as octet-stream.
/// </summary>
public static class EvidenceFileTypes
{
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    private static readonly Dictionary<string, (string ContentType, Func<byte[], bool> Check)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", b => StartsWith(b, Pdf)),
        [".png"] = ("image/png", b => StartsWith(b, Png)),
        [".jpg"] = ("image/jpeg", b => StartsWith(b, Jpeg)),
        [".jpeg"] = ("image/jpeg", b => StartsWith(b, Jpeg)),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b => StartsWith(b, Zip)),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b => StartsWith(b, Zip)),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b => StartsWith(b, Zip)),
        [".txt"] = ("text/plain", IsText),
        [".csv"] = ("text/csv", IsText),
    };

    /// <summary>For the file input's accept attribute.</summary>
    public static string Accept { get; } = string.Join(",", Types.Keys);

    public static string Described => "PDF, PNG, JPG, DOCX, XLSX, PPTX, TXT or CSV";

    /// <summary>The content type a file of this name and these bytes is kept as, or null if it is not accepted.</summary>
    public static string? Recognise(string fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Length > 0 && Types.TryGetValue(Path.GetExtension(fileName ?? ""), out var type) && type.Check(content) ? type.ContentType : null;
    }

    /// <summary>Whether the browser may show it inline with its own type; anything else is served as application/octet-stream.</summary>
    public static bool IsSafeToShow(string? contentType) => contentType is "application/pdf" or "image/png" or "image/jpeg";

    private static bool StartsWith(byte[] content, byte[] magic) => content.AsSpan().StartsWith(magic);

    private static bool IsText(byte[] content)
    {
        if (Array.IndexOf(content, (byte)0) >= 0)
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
