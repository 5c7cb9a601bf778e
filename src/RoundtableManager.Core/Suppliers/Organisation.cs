namespace RoundtableManager.Core.Suppliers;

public class Organisation : Entity
{
    public const int NameMaxLength = 200;

    public string Name { get; set; } = "";

    /// <summary>Upper-cased, trimmed name: the unique key that makes names unique ignoring case on every provider.</summary>
    public string NormalisedName { get; set; } = "";

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

    public static string Normalise(string name) => name.Trim().ToUpperInvariant();
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        builder.Property(o => o.NormalisedName).HasMaxLength(Organisation.NameMaxLength).IsRequired();
        builder.HasIndex(o => o.NormalisedName).IsUnique();
        builder.HasIndex(o => new { o.IsArchived, o.Type });
        builder.Property(o => o.LastEngagedUtc).HasDefaultValue(Organisation.NeverEngaged);
        builder.HasIndex(o => new { o.IsArchived, o.LastEngagedUtc, o.Name, o.Id });
        builder.Property(o => o.CompaniesHouseNumber).HasMaxLength(8);
        builder.Property(o => o.Website).HasMaxLength(500);
        builder.Property(o => o.Notes).HasMaxLength(4000);
    }
}
