namespace RoundtableManager.Core.Engagement;

/// <summary>A tag given to an organisation. Deleting either removes it.</summary>
public class OrganisationTag
{
    public int OrganisationId { get; set; }

    public int TagId { get; set; }

    public DateTime AddedUtc { get; set; }
}

internal sealed class OrganisationTagConfiguration : IEntityTypeConfiguration<OrganisationTag>
{
    public void Configure(EntityTypeBuilder<OrganisationTag> builder)
    {
        builder.HasKey(t => new { t.OrganisationId, t.TagId });
        builder.HasIndex(t => t.TagId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
