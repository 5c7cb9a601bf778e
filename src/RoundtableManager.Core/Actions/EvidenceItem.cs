namespace RoundtableManager.Core.Actions;

public enum ActionEvidenceKind
{
    Link,
    File,
}

/// <summary>
/// A link or a file given as evidence: what follow-up actions (<see cref="ActionEvidence"/>) and control answers
/// (Controls.ControlEvidence) keep, each in its own table. <see cref="EvidenceStore"/> checks and stores them.
/// </summary>
public abstract class EvidenceItem : Entity
{
    public const int TitleMaxLength = 200;
    public const int UrlMaxLength = 2000;
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;

    public ActionEvidenceKind Kind { get; set; }

    /// <summary>For links: an absolute https address.</summary>
    public string? Url { get; set; }

    public string Title { get; set; } = "";

    /// <summary>For files: the generated name under the evidence folder (outside wwwroot), never what was uploaded.</summary>
    public string? StoredFileName { get; set; }

    public string? OriginalFileName { get; set; }

    public string? ContentType { get; set; }

    public long? SizeBytes { get; set; }

    public string AddedByUserId { get; set; } = "";

    public string AddedByName { get; set; } = "";

    public int? AddedByOrganisationId { get; set; }

    public DateTime AddedUtc { get; set; }

    public static bool IsHttpsUrl(string? url) =>
        url is { Length: > 0 and <= UrlMaxLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host)
        && !url.Any(char.IsWhiteSpace);

    /// <summary>The columns every evidence table has, configured once.</summary>
    internal static void ConfigureColumns<T>(EntityTypeBuilder<T> builder)
        where T : EvidenceItem
    {
        builder.Property(e => e.Url).HasMaxLength(UrlMaxLength);
        builder.Property(e => e.Title).HasMaxLength(TitleMaxLength).IsRequired();
        builder.Property(e => e.StoredFileName).HasMaxLength(FileNameMaxLength);
        builder.Property(e => e.OriginalFileName).HasMaxLength(FileNameMaxLength);
        builder.Property(e => e.ContentType).HasMaxLength(ContentTypeMaxLength);
        builder.Property(e => e.AddedByUserId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.AddedByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(e => e.StoredFileName).IsUnique();
    }
}
