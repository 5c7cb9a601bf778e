namespace RoundtableManager.Core.Engagement;

/// <summary>A segment organisers define ("Strategic supplier", "CNI", a sector) and give to organisations. Staff only: suppliers never see tags.</summary>
public class Tag : Entity
{
    public const int NameMaxLength = 60;
    public const int DescriptionMaxLength = 500;

    public string Name { get; set; } = "";

    /// <summary>Upper-cased, trimmed name: the unique key that makes tag names unique ignoring case on every provider.</summary>
    public string NormalisedName { get; set; } = "";

    public string? Description { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public static string Normalise(string name) => name.Trim().ToUpperInvariant();
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Tag.NameMaxLength).IsRequired();
        builder.Property(t => t.NormalisedName).HasMaxLength(Tag.NameMaxLength).IsRequired();
        builder.HasIndex(t => t.NormalisedName).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(Tag.DescriptionMaxLength);
    }
}
