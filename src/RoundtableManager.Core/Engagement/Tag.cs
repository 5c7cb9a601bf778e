namespace RoundtableManager.Core.Engagement;

/// <summary>A segment organisers define ("Strategic supplier", "CNI", a sector) and give to organisations. Staff only: suppliers never see tags.</summary>
public class Tag : NamedEntity
{
    public const int NameMaxLength = 60;
    public const int DescriptionMaxLength = 500;

    public string? Description { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.HasUniqueName(Tag.NameMaxLength);
        builder.Property(t => t.Description).HasMaxLength(Tag.DescriptionMaxLength);
    }
}
