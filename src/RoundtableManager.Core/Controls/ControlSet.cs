namespace RoundtableManager.Core.Controls;

/// <summary>
/// A named list of security controls: the seeded, read-only Cyber Essentials and NCSC CAF sets, or one organisers add
/// (contract clauses, for example). It may carry a TLP marking, shown wherever the set appears.
/// </summary>
public class ControlSet : NamedEntity
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 2000;
    public const int SourceMaxLength = 200;
    public const int CyberEssentialsId = 1;
    public const int CafId = 2;

    public string? Description { get; set; }

    /// <summary>Where the controls come from ("NCSC Cyber Essentials", "Our contract schedule 7").</summary>
    public string Source { get; set; } = "";

    public TlpMarking? Marking { get; set; }

    /// <summary>Seeded sets cannot be changed (their controls are someone else's standard).</summary>
    public bool ReadOnly { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string CreatedByName { get; set; } = "";

    public List<Control> Controls { get; set; } = [];
}

internal sealed class ControlSetConfiguration : IEntityTypeConfiguration<ControlSet>
{
    public void Configure(EntityTypeBuilder<ControlSet> builder)
    {
        builder.HasUniqueName(ControlSet.NameMaxLength);
        builder.Property(s => s.Description).HasMaxLength(ControlSet.DescriptionMaxLength);
        builder.Property(s => s.Source).HasMaxLength(ControlSet.SourceMaxLength).IsRequired();
        builder.Property(s => s.CreatedByName).HasMaxLength(200).IsRequired();
        builder.HasData(ControlSeeds.Sets);
    }
}
