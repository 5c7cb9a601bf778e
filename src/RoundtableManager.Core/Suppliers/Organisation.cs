namespace RoundtableManager.Core.Suppliers;

public class Organisation : NamedEntity
{
    public const int NameMaxLength = 200;

    public OrganisationType Type { get; set; }

    public string? CompaniesHouseNumber { get; set; }

    public string? Website { get; set; }

    public string? Notes { get; set; }

    public bool IsArchived { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>
    /// The latest reply to an invitation, delegate checked in or interaction logged, or <see cref="NeverEngaged"/>: kept
    /// by the programme report's summaries (Engagement/Reports/ReportSummaries) so "not engaged" is one index range.
    /// </summary>
    public DateTime LastEngagedUtc { get; set; } = NeverEngaged;

    public List<Contact> Contacts { get; set; } = [];

    /// <summary>Sorts before every real time, so organisations never engaged come first.</summary>
    public static readonly DateTime NeverEngaged = DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.HasUniqueName(Organisation.NameMaxLength);
        builder.HasIndex(o => new { o.IsArchived, o.Type });
        builder.Property(o => o.LastEngagedUtc).HasDefaultValue(Organisation.NeverEngaged);
        builder.HasIndex(o => new { o.IsArchived, o.LastEngagedUtc, o.Name, o.Id });
        builder.Property(o => o.CompaniesHouseNumber).HasMaxLength(8);
        builder.Property(o => o.Website).HasMaxLength(500);
        builder.Property(o => o.Notes).HasMaxLength(4000);
    }
}
